using ExpertNetwork.Experts;

namespace ExpertNetwork.Demo;

internal enum OrgKind
{
    University,
    Institute,
    Company,
    Public,
}

/// <param name="Fields">Empty for an organisation that covers every field, such as a comprehensive university.</param>
/// <param name="Language">The working language when it differs from the country's usual one (Montréal, Lausanne).</param>
internal sealed record Org(
    string Name, string Country, string City, OrgKind Kind, string[] Fields, double Weight = 1, string? Language = null)
{
    public bool Covers(string field) => Fields.Length == 0 || Fields.Contains(field);

    public bool IsResearch => Kind is OrgKind.University or OrgKind.Institute;
}

/// <param name="LocalLanguage">ISO 639-1 code residents of Vietnamese origin often pick up, with how often.</param>
internal sealed record CountryInfo(
    string Code, double Weight, string NameEn, string NameVi, string? LocalLanguage, double LocalLanguageShare, string NamePool);

internal static class DemoPlaces
{
    public static readonly IReadOnlyList<Org> ProvinceOrgs =
    [
        new("Trường Đại học Quy Nhơn", "VN", "Quy Nhơn", OrgKind.University, [], 5),
        new("ICISE – Trung tâm Quốc tế Khoa học và Giáo dục liên ngành", "VN", "Quy Nhơn", OrgKind.Institute,
            ["physics", "mathematics", "space", "ai", "education", "other"], 1.5),
        new("Trung tâm AI Bình Định", "VN", "Quy Nhơn", OrgKind.Institute, ["ai", "semiconductor", "cybersecurity"], 2),
        new("Phân hiệu Trường Đại học FPT tại Quy Nhơn", "VN", "Quy Nhơn", OrgKind.University,
            ["ai", "semiconductor", "cybersecurity", "education"], 1.5),
        new("FPT Software Quy Nhơn", "VN", "Quy Nhơn", OrgKind.Company, ["ai", "cybersecurity", "semiconductor"], 3),
        new("TMA Bình Định", "VN", "Quy Nhơn", OrgKind.Company, ["ai", "cybersecurity"], 2),
        new("Viettel Bình Định", "VN", "Quy Nhơn", OrgKind.Company, ["cybersecurity", "ai"], 1.5),
        new("VNPT Gia Lai", "VN", "Pleiku", OrgKind.Company, ["cybersecurity", "ai"], 1),
        new("Trường Cao đẳng Kỹ thuật Công nghệ Quy Nhơn", "VN", "Quy Nhơn", OrgKind.University,
            ["semiconductor", "energy", "materials", "education"], 1),
        new("Bệnh viện Đa khoa tỉnh Bình Định", "VN", "Quy Nhơn", OrgKind.Public, ["medicine", "biotech"], 1.5),
        new("Bệnh viện Phong – Da liễu Trung ương Quy Hòa", "VN", "Quy Nhơn", OrgKind.Public, ["medicine"], 1),
        new("Bệnh viện Đa khoa tỉnh Gia Lai", "VN", "Pleiku", OrgKind.Public, ["medicine"], 1),
        new("Sở Khoa học và Công nghệ tỉnh Gia Lai", "VN", "Quy Nhơn", OrgKind.Public,
            ["other", "economics", "education", "environment", "agriculture", "energy", "marine"], 1),
        new("Phân hiệu Trường Đại học Nông Lâm TP. Hồ Chí Minh tại Gia Lai", "VN", "Pleiku", OrgKind.University,
            ["agriculture", "environment", "biotech", "economics"], 1),
        new("Trường THPT chuyên Lê Quý Đôn", "VN", "Quy Nhơn", OrgKind.Public, ["education"], 1),
    ];

    public static readonly IReadOnlyList<Org> VietnamOrgs =
    [
        new("Đại học Bách khoa Hà Nội", "VN", "Hà Nội", OrgKind.University, [], 4),
        new("Trường Đại học Công nghệ, ĐHQG Hà Nội", "VN", "Hà Nội", OrgKind.University,
            ["ai", "semiconductor", "cybersecurity", "space", "physics"], 3),
        new("Trường Đại học Khoa học Tự nhiên, ĐHQG Hà Nội", "VN", "Hà Nội", OrgKind.University,
            ["physics", "mathematics", "materials", "biotech", "environment", "marine", "ai"], 2),
        new("Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "VN", "Hà Nội", OrgKind.Institute, [], 3),
        new("Viện Vật lý, Viện Hàn lâm KH&CN Việt Nam", "VN", "Hà Nội", OrgKind.Institute,
            ["physics", "materials", "semiconductor"], 1.5),
        new("Viện Toán học, Viện Hàn lâm KH&CN Việt Nam", "VN", "Hà Nội", OrgKind.Institute, ["mathematics"], 1),
        new("Trung tâm Vũ trụ Việt Nam", "VN", "Hà Nội", OrgKind.Institute, ["space"], 1),
        new("Tổng Công ty Công nghiệp Công nghệ cao Viettel", "VN", "Hà Nội", OrgKind.Company,
            ["semiconductor", "ai", "space", "cybersecurity"], 3),
        new("Công ty An ninh mạng Viettel", "VN", "Hà Nội", OrgKind.Company, ["cybersecurity"], 2),
        new("Tập đoàn VNPT", "VN", "Hà Nội", OrgKind.Company, ["cybersecurity", "ai"], 2),
        new("FPT Software", "VN", "Hà Nội", OrgKind.Company, ["ai", "cybersecurity", "semiconductor"], 3),
        new("VinAI", "VN", "Hà Nội", OrgKind.Company, ["ai"], 1.5),
        new("Bkav", "VN", "Hà Nội", OrgKind.Company, ["cybersecurity"], 1),
        new("Học viện Kỹ thuật Mật mã", "VN", "Hà Nội", OrgKind.University, ["cybersecurity", "mathematics"], 1.5),
        new("Học viện Công nghệ Bưu chính Viễn thông", "VN", "Hà Nội", OrgKind.University,
            ["ai", "cybersecurity", "semiconductor"], 2),
        new("Bệnh viện Bạch Mai", "VN", "Hà Nội", OrgKind.Public, ["medicine"], 1.5),
        new("Trường Đại học Y Hà Nội", "VN", "Hà Nội", OrgKind.University, ["medicine", "biotech"], 1.5),
        new("Viện Di truyền Nông nghiệp", "VN", "Hà Nội", OrgKind.Institute, ["agriculture", "biotech"], 1),
        new("Trường Đại học Kinh tế Quốc dân", "VN", "Hà Nội", OrgKind.University, ["economics"], 1.5),
        new("Trường Đại học Sư phạm Hà Nội", "VN", "Hà Nội", OrgKind.University, ["education", "mathematics", "physics"], 1.5),
        new("Tập đoàn Điện lực Việt Nam (EVN)", "VN", "Hà Nội", OrgKind.Company, ["energy"], 1.5),
        new("Bộ Khoa học và Công nghệ", "VN", "Hà Nội", OrgKind.Public, ["other", "economics"], 1),
        new("Trường Đại học Bách khoa, ĐHQG TP.HCM", "VN", "TP. Hồ Chí Minh", OrgKind.University, [], 4),
        new("Trường Đại học Quốc tế, ĐHQG TP.HCM", "VN", "TP. Hồ Chí Minh", OrgKind.University, [], 1.5),
        new("Trường Đại học Tôn Đức Thắng", "VN", "TP. Hồ Chí Minh", OrgKind.University, [], 1.5),
        new("Trường Đại học Sư phạm TP. Hồ Chí Minh", "VN", "TP. Hồ Chí Minh", OrgKind.University,
            ["education", "mathematics", "physics"], 1),
        new("Viện Vật lý TP. Hồ Chí Minh", "VN", "TP. Hồ Chí Minh", OrgKind.Institute, ["physics", "materials", "energy"], 1),
        new("Bệnh viện Chợ Rẫy", "VN", "TP. Hồ Chí Minh", OrgKind.Public, ["medicine"], 1.5),
        new("FPT Software Hồ Chí Minh", "VN", "TP. Hồ Chí Minh", OrgKind.Company, ["ai", "cybersecurity", "semiconductor"], 2.5),
        new("VNG", "VN", "TP. Hồ Chí Minh", OrgKind.Company, ["ai", "cybersecurity", "economics"], 1.5),
        new("Trường Đại học Khoa học Tự nhiên, ĐHQG TP.HCM", "VN", "TP. Hồ Chí Minh", OrgKind.University,
            ["physics", "mathematics", "materials", "biotech", "environment", "ai"], 2.5),
        new("Trường Đại học Công nghệ Thông tin, ĐHQG TP.HCM", "VN", "TP. Hồ Chí Minh", OrgKind.University,
            ["ai", "cybersecurity"], 2),
        new("Intel Products Việt Nam", "VN", "TP. Hồ Chí Minh", OrgKind.Company, ["semiconductor"], 3),
        new("Synopsys Việt Nam", "VN", "TP. Hồ Chí Minh", OrgKind.Company, ["semiconductor"], 1.5),
        new("Marvell Việt Nam", "VN", "TP. Hồ Chí Minh", OrgKind.Company, ["semiconductor"], 1.5),
        new("Renesas Design Việt Nam", "VN", "TP. Hồ Chí Minh", OrgKind.Company, ["semiconductor"], 1.5),
        new("Viện Pasteur TP. Hồ Chí Minh", "VN", "TP. Hồ Chí Minh", OrgKind.Institute, ["medicine", "biotech"], 1),
        new("Trường Đại học Kinh tế TP. Hồ Chí Minh", "VN", "TP. Hồ Chí Minh", OrgKind.University, ["economics"], 1),
        new("Trường Đại học Nông Lâm TP. Hồ Chí Minh", "VN", "TP. Hồ Chí Minh", OrgKind.University,
            ["agriculture", "biotech", "environment"], 1),
        new("Trường Đại học Bách khoa – Đại học Đà Nẵng", "VN", "Đà Nẵng", OrgKind.University, [], 2),
        new("Trường Đại học Duy Tân", "VN", "Đà Nẵng", OrgKind.University, [], 1),
        new("FPT Software Đà Nẵng", "VN", "Đà Nẵng", OrgKind.Company, ["ai", "cybersecurity"], 1),
        new("Đại học Huế", "VN", "Huế", OrgKind.University, [], 1.5),
        new("Trường Đại học Cần Thơ", "VN", "Cần Thơ", OrgKind.University,
            ["agriculture", "biotech", "environment", "marine", "economics"], 1.5),
        new("Viện Hải dương học", "VN", "Nha Trang", OrgKind.Institute, ["marine", "environment"], 1),
        new("Trường Đại học Nha Trang", "VN", "Nha Trang", OrgKind.University, ["marine", "agriculture", "biotech", "economics"], 1),
        new("Amkor Technology Việt Nam", "VN", "Bắc Ninh", OrgKind.Company, ["semiconductor"], 1),
        new("Trường Đại học Hàng hải Việt Nam", "VN", "Hải Phòng", OrgKind.University, ["marine", "energy", "economics"], 0.7),
    ];

    public static readonly IReadOnlyList<CountryInfo> Countries =
    [
        new("US", 28, "the United States", "Hoa Kỳ", null, 0, "en"),
        new("JP", 12, "Japan", "Nhật Bản", "ja", 0.7, "ja"),
        new("KR", 8, "South Korea", "Hàn Quốc", "ko", 0.7, "ko"),
        new("AU", 8, "Australia", "Úc", null, 0, "en"),
        new("FR", 7, "France", "Pháp", "fr", 0.85, "fr"),
        new("DE", 6, "Germany", "Đức", "de", 0.75, "de"),
        new("SG", 6, "Singapore", "Singapore", "zh", 0.1, "zh"),
        new("CA", 5, "Canada", "Canada", "fr", 0.1, "en"),
        new("GB", 5, "the United Kingdom", "Vương quốc Anh", null, 0, "en"),
        new("TW", 5, "Taiwan", "Đài Loan (Trung Quốc)", "zh", 0.7, "zh"),
        new("NL", 3, "the Netherlands", "Hà Lan", "nl", 0.3, "nl"),
        new("FI", 2, "Finland", "Phần Lan", "fi", 0.2, "fi"),
        new("CH", 1.5, "Switzerland", "Thụy Sĩ", "de", 0.4, "de"),
        new("SE", 1.5, "Sweden", "Thụy Điển", "sv", 0.2, "fi"),
        new("BE", 1, "Belgium", "Bỉ", "nl", 0.3, "nl"),
    ];

    public static readonly IReadOnlyList<Org> AbroadOrgs =
    [
        new("Massachusetts Institute of Technology", "US", "Cambridge", OrgKind.University, []),
        new("Stanford University", "US", "Stanford", OrgKind.University, []),
        new("University of California, Berkeley", "US", "Berkeley", OrgKind.University, []),
        new("Georgia Institute of Technology", "US", "Atlanta", OrgKind.University, []),
        new("The University of Texas at Austin", "US", "Austin", OrgKind.University, []),
        new("University of Washington", "US", "Seattle", OrgKind.University, []),
        new("Purdue University", "US", "West Lafayette", OrgKind.University, []),
        new("University of California San Diego", "US", "San Diego", OrgKind.University, []),
        new("University of California, Irvine", "US", "Irvine", OrgKind.University, [], 0.8),
        new("University of Houston", "US", "Houston", OrgKind.University, [], 0.7),
        new("Carnegie Mellon University", "US", "Pittsburgh", OrgKind.University,
            ["ai", "cybersecurity", "semiconductor", "mathematics", "education"]),
        new("Intel", "US", "Hillsboro", OrgKind.Company, ["semiconductor"], 1.5),
        new("Qualcomm", "US", "San Diego", OrgKind.Company, ["semiconductor", "ai"], 1.2),
        new("NVIDIA", "US", "Santa Clara", OrgKind.Company, ["ai", "semiconductor"], 1.2),
        new("Google", "US", "Mountain View", OrgKind.Company, ["ai", "cybersecurity"], 1.2),
        new("Microsoft Research", "US", "Redmond", OrgKind.Institute, ["ai", "cybersecurity", "mathematics"]),
        new("Apple", "US", "Cupertino", OrgKind.Company, ["semiconductor", "ai"], 0.8),
        new("Texas Instruments", "US", "Dallas", OrgKind.Company, ["semiconductor"], 0.8),
        new("Applied Materials", "US", "Santa Clara", OrgKind.Company, ["semiconductor", "materials"], 0.6),
        new("Palo Alto Networks", "US", "Santa Clara", OrgKind.Company, ["cybersecurity"], 0.8),
        new("CrowdStrike", "US", "Austin", OrgKind.Company, ["cybersecurity"], 0.8),
        new("NASA Jet Propulsion Laboratory", "US", "Pasadena", OrgKind.Institute, ["space", "physics"], 0.6),
        new("Lawrence Berkeley National Laboratory", "US", "Berkeley", OrgKind.Institute,
            ["energy", "materials", "physics"], 0.6),
        new("Mayo Clinic", "US", "Rochester", OrgKind.Public, ["medicine", "biotech"], 0.6),
        new("National Institutes of Health", "US", "Bethesda", OrgKind.Institute, ["medicine", "biotech"], 0.6),
        new("Woods Hole Oceanographic Institution", "US", "Woods Hole", OrgKind.Institute, ["marine", "environment"], 0.4),
        new("The World Bank", "US", "Washington", OrgKind.Public, ["economics", "education", "other", "environment"], 0.5),

        new("The University of Tokyo", "JP", "Tokyo", OrgKind.University, [], 1.5),
        new("Osaka University", "JP", "Osaka", OrgKind.University, []),
        new("Tohoku University", "JP", "Sendai", OrgKind.University, []),
        new("Kyoto University", "JP", "Kyoto", OrgKind.University, []),
        new("Institute of Science Tokyo", "JP", "Tokyo", OrgKind.University, []),
        new("Japan Advanced Institute of Science and Technology", "JP", "Nomi", OrgKind.University,
            ["ai", "materials", "cybersecurity"], 0.8),
        new("RIKEN", "JP", "Wako", OrgKind.Institute, ["physics", "ai", "biotech", "materials"], 0.8),
        new("Renesas Electronics", "JP", "Tokyo", OrgKind.Company, ["semiconductor"]),
        new("Sony Semiconductor Solutions", "JP", "Atsugi", OrgKind.Company, ["semiconductor", "ai"], 0.8),
        new("Kioxia", "JP", "Yokohama", OrgKind.Company, ["semiconductor"], 0.5),
        new("Preferred Networks", "JP", "Tokyo", OrgKind.Company, ["ai"], 0.6),
        new("Trend Micro", "JP", "Tokyo", OrgKind.Company, ["cybersecurity"], 0.6),
        new("NTT", "JP", "Tokyo", OrgKind.Company, ["ai", "cybersecurity"], 0.6),
        new("JAMSTEC", "JP", "Yokosuka", OrgKind.Institute, ["marine", "environment"], 0.4),
        new("JAXA", "JP", "Tsukuba", OrgKind.Institute, ["space"], 0.4),

        new("KAIST", "KR", "Daejeon", OrgKind.University, [], 1.5),
        new("Seoul National University", "KR", "Seoul", OrgKind.University, []),
        new("POSTECH", "KR", "Pohang", OrgKind.University, [], 0.8),
        new("Korea University", "KR", "Seoul", OrgKind.University, [], 0.8),
        new("Sungkyunkwan University", "KR", "Suwon", OrgKind.University, [], 0.8),
        new("Samsung Electronics", "KR", "Hwaseong", OrgKind.Company, ["semiconductor", "ai"], 1.5),
        new("SK hynix", "KR", "Icheon", OrgKind.Company, ["semiconductor"]),
        new("NAVER Cloud", "KR", "Seongnam", OrgKind.Company, ["ai"], 0.6),
        new("AhnLab", "KR", "Seongnam", OrgKind.Company, ["cybersecurity"], 0.6),
        new("Korea Institute of Ocean Science and Technology", "KR", "Busan", OrgKind.Institute, ["marine", "environment"], 0.4),

        new("The University of Melbourne", "AU", "Melbourne", OrgKind.University, []),
        new("UNSW Sydney", "AU", "Sydney", OrgKind.University, []),
        new("Monash University", "AU", "Melbourne", OrgKind.University, []),
        new("Australian National University", "AU", "Canberra", OrgKind.University, [], 0.8),
        new("The University of Queensland", "AU", "Brisbane", OrgKind.University, [], 0.8),
        new("RMIT University", "AU", "Melbourne", OrgKind.University, [], 0.6),
        new("CSIRO", "AU", "Canberra", OrgKind.Institute,
            ["agriculture", "energy", "marine", "environment", "materials", "biotech"], 0.8),
        new("CSIRO's Data61", "AU", "Sydney", OrgKind.Institute, ["ai", "cybersecurity"], 0.6),

        new("Sorbonne Université", "FR", "Paris", OrgKind.University, []),
        new("Université Paris-Saclay", "FR", "Orsay", OrgKind.University, []),
        new("Université Grenoble Alpes", "FR", "Grenoble", OrgKind.University, [], 0.8),
        new("École Polytechnique", "FR", "Palaiseau", OrgKind.University, [], 0.6),
        new("CNRS", "FR", "Paris", OrgKind.Institute, []),
        new("Inria", "FR", "Paris", OrgKind.Institute, ["ai", "cybersecurity", "mathematics"], 0.8),
        new("CEA-Leti", "FR", "Grenoble", OrgKind.Institute, ["semiconductor", "materials"], 0.8),
        new("STMicroelectronics", "FR", "Crolles", OrgKind.Company, ["semiconductor"]),
        new("Thales", "FR", "Palaiseau", OrgKind.Company, ["cybersecurity", "ai", "space"]),
        new("Institut Pasteur", "FR", "Paris", OrgKind.Institute, ["medicine", "biotech"], 0.6),
        new("CNES", "FR", "Toulouse", OrgKind.Institute, ["space"], 0.4),
        new("Airbus Defence and Space", "FR", "Toulouse", OrgKind.Company, ["space"], 0.4),

        new("Technical University of Munich", "DE", "Munich", OrgKind.University, [], 1.2),
        new("RWTH Aachen University", "DE", "Aachen", OrgKind.University, []),
        new("Karlsruhe Institute of Technology", "DE", "Karlsruhe", OrgKind.University, []),
        new("TU Dresden", "DE", "Dresden", OrgKind.University, [], 0.8),
        new("Max Planck Institute for Solid State Research", "DE", "Stuttgart", OrgKind.Institute, ["physics", "materials"], 0.5),
        new("Fraunhofer Institute for Solar Energy Systems ISE", "DE", "Freiburg", OrgKind.Institute, ["energy", "materials"], 0.5),
        new("Infineon Technologies", "DE", "Neubiberg", OrgKind.Company, ["semiconductor", "cybersecurity"], 1.2),
        new("Bosch", "DE", "Reutlingen", OrgKind.Company, ["semiconductor", "ai"], 0.6),
        new("CISPA Helmholtz Center for Information Security", "DE", "Saarbrücken", OrgKind.Institute,
            ["cybersecurity", "ai"], 0.6),
        new("DESY", "DE", "Hamburg", OrgKind.Institute, ["physics"], 0.4),

        new("National University of Singapore", "SG", "Singapore", OrgKind.University, [], 1.5),
        new("Nanyang Technological University", "SG", "Singapore", OrgKind.University, [], 1.5),
        new("A*STAR Institute of Microelectronics", "SG", "Singapore", OrgKind.Institute, ["semiconductor"], 0.6),
        new("A*STAR Institute for Infocomm Research", "SG", "Singapore", OrgKind.Institute, ["ai", "cybersecurity"], 0.6),
        new("Micron Technology", "SG", "Singapore", OrgKind.Company, ["semiconductor"], 0.6),
        new("GlobalFoundries", "SG", "Singapore", OrgKind.Company, ["semiconductor"], 0.6),
        new("Ensign InfoSecurity", "SG", "Singapore", OrgKind.Company, ["cybersecurity"], 0.5),
        new("Grab", "SG", "Singapore", OrgKind.Company, ["ai", "economics"], 0.5),

        new("University of Toronto", "CA", "Toronto", OrgKind.University, []),
        new("University of Waterloo", "CA", "Waterloo", OrgKind.University, []),
        new("McGill University", "CA", "Montréal", OrgKind.University, [], 0.8, "fr"),
        new("Université de Montréal", "CA", "Montréal", OrgKind.University, [], 0.6, "fr"),
        new("Mila – Quebec AI Institute", "CA", "Montréal", OrgKind.Institute, ["ai"], 0.6, "fr"),
        new("Vector Institute", "CA", "Toronto", OrgKind.Institute, ["ai"], 0.5),
        new("The University of British Columbia", "CA", "Vancouver", OrgKind.University, [], 0.8),

        new("Imperial College London", "GB", "London", OrgKind.University, []),
        new("University of Cambridge", "GB", "Cambridge", OrgKind.University, []),
        new("University of Oxford", "GB", "Oxford", OrgKind.University, []),
        new("University College London", "GB", "London", OrgKind.University, [], 0.8),
        new("The University of Edinburgh", "GB", "Edinburgh", OrgKind.University, [], 0.8),
        new("The University of Manchester", "GB", "Manchester", OrgKind.University, [], 0.6),
        new("Arm", "GB", "Cambridge", OrgKind.Company, ["semiconductor"], 0.8),
        new("Google DeepMind", "GB", "London", OrgKind.Company, ["ai"], 0.8),
        new("NCC Group", "GB", "Manchester", OrgKind.Company, ["cybersecurity"], 0.6),

        new("National Taiwan University", "TW", "Taipei", OrgKind.University, [], 1.2),
        new("National Tsing Hua University", "TW", "Hsinchu", OrgKind.University, []),
        new("National Yang Ming Chiao Tung University", "TW", "Hsinchu", OrgKind.University, []),
        new("National Cheng Kung University", "TW", "Tainan", OrgKind.University, [], 0.8),
        new("Academia Sinica", "TW", "Taipei", OrgKind.Institute, [], 0.6),
        new("TSMC", "TW", "Hsinchu", OrgKind.Company, ["semiconductor"], 1.5),
        new("MediaTek", "TW", "Hsinchu", OrgKind.Company, ["semiconductor", "ai"]),
        new("ASE Technology", "TW", "Kaohsiung", OrgKind.Company, ["semiconductor"], 0.6),

        new("Delft University of Technology", "NL", "Delft", OrgKind.University, []),
        new("Eindhoven University of Technology", "NL", "Eindhoven", OrgKind.University, []),
        new("University of Amsterdam", "NL", "Amsterdam", OrgKind.University, [], 0.8),
        new("Wageningen University & Research", "NL", "Wageningen", OrgKind.University,
            ["agriculture", "environment", "biotech", "marine", "economics"], 0.6),
        new("ASML", "NL", "Veldhoven", OrgKind.Company, ["semiconductor", "physics", "materials"], 1.2),
        new("NXP Semiconductors", "NL", "Eindhoven", OrgKind.Company, ["semiconductor", "cybersecurity"]),

        new("Aalto University", "FI", "Espoo", OrgKind.University, []),
        new("University of Helsinki", "FI", "Helsinki", OrgKind.University, [], 0.8),
        new("University of Oulu", "FI", "Oulu", OrgKind.University, [], 0.6),
        new("Nokia Bell Labs", "FI", "Espoo", OrgKind.Company, ["ai", "semiconductor", "cybersecurity"], 0.6),
        new("WithSecure", "FI", "Helsinki", OrgKind.Company, ["cybersecurity"], 0.5),
        new("VTT Technical Research Centre of Finland", "FI", "Espoo", OrgKind.Institute,
            ["materials", "energy", "semiconductor", "physics"], 0.5),

        new("ETH Zurich", "CH", "Zurich", OrgKind.University, [], 1, "de"),
        new("EPFL", "CH", "Lausanne", OrgKind.University, [], 1, "fr"),
        new("KTH Royal Institute of Technology", "SE", "Stockholm", OrgKind.University, []),
        new("Chalmers University of Technology", "SE", "Gothenburg", OrgKind.University, []),
        new("imec", "BE", "Leuven", OrgKind.Institute, ["semiconductor", "materials", "ai"], 1.5, "nl"),
        new("KU Leuven", "BE", "Leuven", OrgKind.University, [], 1, "nl"),
    ];

    /// <summary>People who work in Quy Nhơn often live in the former districts around it, so home is drawn apart from the employer.</summary>
    public static readonly Weighted<string> CoastalResidences = new(
    [
        ("Quy Nhơn", 62), ("An Nhơn", 9), ("Tuy Phước", 9), ("Hoài Nhơn", 6), ("Phù Cát", 5), ("Tây Sơn", 3),
        ("Phù Mỹ", 3), ("Hoài Ân", 1), ("Vân Canh", 1), ("Vĩnh Thạnh", 0.5), ("An Lão", 0.5),
    ]);

    public static readonly Weighted<string> HighlandResidences = new(
        [("Pleiku", 85), ("An Khê", 8), ("Chư Sê", 4), ("Đắk Đoa", 3)]);

    public static readonly Weighted<string> BinhDinhHometowns = new(
    [
        ("Quy Nhơn", 22), ("An Nhơn", 11), ("Hoài Nhơn", 11), ("Tuy Phước", 11), ("Phù Cát", 10), ("Phù Mỹ", 10),
        ("Tây Sơn", 9), ("Hoài Ân", 6), ("Vân Canh", 3), ("Vĩnh Thạnh", 3), ("An Lão", 3),
    ]);

    public static readonly IReadOnlyList<string> HighlandHometowns = ["Pleiku", "An Khê", "Chư Sê", "Đắk Đoa", "Kbang"];

    public static readonly Weighted<string> DoctorateCountries = new(
    [
        ("VN", 30), ("JP", 12), ("KR", 10), ("FR", 10), ("AU", 8), ("DE", 7), ("US", 7), ("TW", 6), ("GB", 4),
        ("NL", 2), ("BE", 2), ("SG", 2),
    ]);

    public static readonly IReadOnlyDictionary<string, CountryInfo> CountryByCode =
        Countries.ToDictionary(c => c.Code, StringComparer.Ordinal);

    public static readonly Weighted<CountryInfo> AbroadCountries = new(Countries.Select(c => (c, c.Weight)));

    public static string CountryNameVi(string code) => code == "VN" ? "Việt Nam" : CountryByCode[code].NameVi;

    public static string CountryNameEn(string code) => code == "VN" ? "Vietnam" : CountryByCode[code].NameEn;

    private static readonly Dictionary<(string Scope, string Field, bool Research), Weighted<Org>?> OrgChoices = BuildOrgChoices();

    /// <summary>
    /// An employer in <paramref name="scope"/> ("province", "vietnam" or a country code) that works in the
    /// field, preferring research organisations for researchers and companies or public bodies otherwise.
    /// </summary>
    public static Org? PickOrg(DemoRandom random, string scope, string field, bool research) =>
        OrgChoices[(scope, field, research)]?.Pick(random);

    private static Dictionary<(string, string, bool), Weighted<Org>?> BuildOrgChoices()
    {
        var scopes = new List<(string Scope, IReadOnlyList<Org> Orgs)> { ("province", ProvinceOrgs), ("vietnam", VietnamOrgs) };
        scopes.AddRange(Countries.Select(c => (c.Code, (IReadOnlyList<Org>)AbroadOrgs.Where(o => o.Country == c.Code).ToArray())));
        var choices = new Dictionary<(string, string, bool), Weighted<Org>?>();
        foreach (var (scope, orgs) in scopes)
        {
            foreach (var field in Vocabulary.Fields)
            {
                foreach (var research in new[] { true, false })
                {
                    var covering = orgs.Where(o => o.Covers(field)).ToArray();
                    var preferred = covering
                        .Where(o => o.IsResearch == research || (o.Kind == OrgKind.Public && o.Fields.Length > 0))
                        .ToArray();
                    var pool = preferred.Length > 0 ? preferred : covering;
                    choices[(scope, field, research)] = pool.Length == 0 ? null : new Weighted<Org>(pool.Select(o => (o, o.Weight)));
                }
            }
        }

        return choices;
    }
}
