using ExpertNetwork.Text;

namespace ExpertNetwork.Demo;

internal static class DemoTopics
{
    public static readonly IReadOnlyList<FieldProfile> Fields =
    [
        new("semiconductor", 20, "semiconductors and chip design", "bán dẫn và thiết kế vi mạch",
            ["semiconductor", "integrated circuits"], ["bán dẫn", "vi mạch", "thiết kế vi mạch"],
            ["power and area budgets keep shrinking", "process variation erodes design margins at advanced nodes",
             "design and verification cycles remain long and costly"],
            ["yêu cầu về công suất và diện tích ngày càng khắt khe",
             "biến động quy trình chế tạo làm giảm dự trữ thiết kế ở các nút công nghệ tiên tiến",
             "chu kỳ thiết kế và kiểm chứng vẫn dài và tốn kém"],
            ["Measurements show a {n}% improvement in energy efficiency over comparable published work.",
             "Compared with the state of the art, the approach reduces area by {n}% at similar performance.",
             "Results on {m} test chips confirm robust operation across process, voltage and temperature corners."],
            ["Kết quả đo cho thấy hiệu suất năng lượng tăng {n}% so với các công trình tương đương.",
             "So với các công trình gần đây, diện tích giảm {n}% với hiệu năng tương đương.",
             "Kết quả trên {m} mẫu chip thử nghiệm khẳng định hoạt động ổn định ở mọi góc quy trình, điện áp và nhiệt độ."],
            ["traffic cameras in Quy Nhơn", "environmental monitoring stations in the Nhơn Hội Economic Zone",
             "positioning devices for Hoài Nhơn fishing boats", "smart electricity meters across the province"],
            ["camera giao thông tại Quy Nhơn", "trạm quan trắc môi trường ở Khu kinh tế Nhơn Hội",
             "thiết bị định vị cho tàu cá Hoài Nhơn", "công tơ điện thông minh trong toàn tỉnh"],
            ("Engineer", "Kỹ sư", "Kỹ sư trưởng")),
        new("ai", 24, "artificial intelligence", "trí tuệ nhân tạo",
            ["artificial intelligence", "machine learning", "deep learning"], ["trí tuệ nhân tạo", "học máy", "học sâu"],
            ["labelled data are scarce, especially for Vietnamese", "models must run under tight compute and energy budgets",
             "models often fail to generalise beyond their training data"],
            ["dữ liệu có gán nhãn còn khan hiếm, nhất là cho tiếng Việt",
             "mô hình phải chạy trong giới hạn chặt chẽ về tính toán và năng lượng",
             "mô hình thường khó tổng quát hóa ra ngoài dữ liệu huấn luyện"],
            ["On public benchmarks and a new Vietnamese dataset, the method improves accuracy by {k}.{d} points over strong baselines.",
             "The model matches the state of the art while using {n}% less computation.",
             "Ablation studies on {m} datasets show that each component contributes to the gain."],
            ["Trên các bộ dữ liệu chuẩn và một bộ dữ liệu tiếng Việt mới, phương pháp cải thiện độ chính xác {k},{d} điểm so với các phương pháp cơ sở mạnh.",
             "Mô hình đạt kết quả tương đương các phương pháp tốt nhất nhưng giảm {n}% chi phí tính toán.",
             "Các thí nghiệm loại bỏ thành phần trên {m} bộ dữ liệu cho thấy mỗi thành phần đều đóng góp vào kết quả."],
            ["the provincial public-service portal", "tourism at Kỳ Co and Eo Gió", "provincial hospitals",
             "traffic management in Quy Nhơn"],
            ["cổng dịch vụ công của tỉnh", "du lịch Kỳ Co – Eo Gió", "các bệnh viện tuyến tỉnh", "điều hành giao thông tại Quy Nhơn"],
            ("Engineer", "Kỹ sư", "Kỹ sư trưởng")),
        new("cybersecurity", 16, "cybersecurity", "an ninh mạng",
            ["cybersecurity", "information security"], ["an ninh mạng", "an toàn thông tin"],
            ["attackers adapt faster than signature-based defences", "small organisations lack security staff and budgets",
             "protection must not degrade usability or performance"],
            ["kẻ tấn công thay đổi nhanh hơn các biện pháp phòng thủ dựa trên chữ ký",
             "các tổ chức nhỏ thiếu nhân lực và kinh phí bảo mật",
             "các biện pháp bảo vệ không được làm giảm hiệu năng và sự tiện dụng"],
            ["On {m} real-world samples the approach detects {p}% of attacks with fewer false alarms than existing tools.",
             "Experiments show a runtime overhead below {k}% while closing the weaknesses studied.",
             "A case study with {m} organisations demonstrates that the approach can be deployed in practice."],
            ["Trên {m} mẫu thực tế, phương pháp phát hiện {p}% cuộc tấn công với ít cảnh báo sai hơn các công cụ hiện có.",
             "Thực nghiệm cho thấy chi phí hiệu năng dưới {k}% trong khi khắc phục được các điểm yếu đã khảo sát.",
             "Nghiên cứu điển hình tại {m} tổ chức chứng minh khả năng triển khai thực tế."],
            ["the provincial e-government systems", "Quy Nhơn port", "software companies in Quy Nhơn",
             "hospital information systems in the province"],
            ["hệ thống chính quyền số của tỉnh", "cảng Quy Nhơn", "các doanh nghiệp phần mềm tại Quy Nhơn",
             "hệ thống thông tin các bệnh viện trong tỉnh"],
            ("Security Engineer", "Kỹ sư bảo mật", "Kỹ sư bảo mật trưởng")),
        new("biotech", 4, "biotechnology", "công nghệ sinh học",
            ["biotechnology"], ["công nghệ sinh học"],
            ["laboratory capacity outside large cities is limited", "pathogens evolve quickly",
             "costs remain too high for routine use"],
            ["năng lực phòng thí nghiệm ngoài các thành phố lớn còn hạn chế", "mầm bệnh biến đổi nhanh",
             "chi phí vẫn quá cao để sử dụng thường xuyên"],
            ["Validation on {m} field samples showed a sensitivity of {p}%.",
             "The protocol cut turnaround time by {n}% compared with standard methods."],
            ["Thẩm định trên {m} mẫu thực địa cho độ nhạy {p}%.",
             "Quy trình rút ngắn {n}% thời gian trả kết quả so với phương pháp chuẩn."],
            ["disease-free shrimp broodstock", "medicinal plants of Gia Lai", "provincial veterinary services"],
            ["tôm bố mẹ sạch bệnh", "dược liệu Gia Lai", "ngành thú y của tỉnh"],
            ("Laboratory Scientist", "Chuyên viên phòng thí nghiệm", "Trưởng phòng thí nghiệm")),
        new("space", 2.5, "space technology", "công nghệ vũ trụ",
            ["space technology"], ["công nghệ vũ trụ"],
            ["cloud cover limits optical observation in the tropics",
             "launch and ground-segment costs are high for small countries",
             "data volumes outgrow local processing capacity"],
            ["mây che phủ hạn chế quan sát quang học ở vùng nhiệt đới", "chi phí phóng và trạm mặt đất còn cao với các nước nhỏ",
             "khối lượng dữ liệu vượt quá năng lực xử lý tại chỗ"],
            ["The approach reached an overall accuracy of {p}% on {m} validation sites.",
             "Processing time fell by {n}% while preserving accuracy."],
            ["Phương pháp đạt độ chính xác tổng thể {p}% trên {m} điểm kiểm chứng.",
             "Thời gian xử lý giảm {n}% mà vẫn giữ độ chính xác."],
            ["forest protection in the Central Highlands", "typhoon warning on the Biển Đông (East Sea)",
             "coastal planning around Quy Nhơn"],
            ["bảo vệ rừng Tây Nguyên", "cảnh báo bão trên Biển Đông", "quy hoạch vùng ven biển Quy Nhơn"],
            ("Engineer", "Kỹ sư", "Kỹ sư trưởng")),
        new("energy", 4, "energy", "năng lượng",
            ["renewable energy"], ["năng lượng tái tạo"],
            ["variable generation strains grid stability", "storage remains expensive", "grid codes lag behind new technology"],
            ["nguồn phát biến động gây áp lực lên ổn định lưới điện", "chi phí lưu trữ vẫn cao",
             "quy chuẩn lưới điện chưa theo kịp công nghệ mới"],
            ["Simulations over {m} days of measured data show a {n}% reduction in curtailment.",
             "Field tests cut operating costs by {n}%."],
            ["Mô phỏng với {m} ngày dữ liệu đo cho thấy lượng công suất bị cắt giảm {n}%.",
             "Thử nghiệm thực địa giảm {n}% chi phí vận hành."],
            ["the Phương Mai peninsula", "industrial parks in the province", "Nhơn Châu island"],
            ["bán đảo Phương Mai", "các khu công nghiệp trong tỉnh", "đảo Nhơn Châu"],
            ("Power Engineer", "Kỹ sư điện", "Kỹ sư điện trưởng")),
        new("materials", 4, "materials science", "khoa học vật liệu",
            ["materials science"], ["khoa học vật liệu"],
            ["scaling laboratory synthesis to production is difficult", "performance degrades in humid, salty air",
             "raw materials are exported with little added value"],
            ["khó mở rộng quy trình tổng hợp từ phòng thí nghiệm ra sản xuất", "tính năng suy giảm trong không khí ẩm, nhiều muối",
             "nguyên liệu thô được xuất khẩu với giá trị gia tăng thấp"],
            ["The optimised samples show a {n}% gain in performance after {m} cycles.",
             "Characterisation confirms a stable structure up to {t} °C."],
            ["Mẫu tối ưu cho hiệu năng tăng {n}% sau {m} chu kỳ.",
             "Kết quả phân tích khẳng định cấu trúc bền đến {t} °C."],
            ["the coastal mineral sands of the province", "seaside construction in Quy Nhơn", "local manufacturers"],
            ["sa khoáng ven biển của tỉnh", "công trình ven biển Quy Nhơn", "các doanh nghiệp sản xuất địa phương"],
            ("Materials Engineer", "Kỹ sư vật liệu", "Kỹ sư vật liệu trưởng")),
        new("physics", 4, "physics", "vật lý",
            ["physics"], ["vật lý"],
            ["the relevant signals are tiny compared with the background", "theoretical predictions remain uncertain",
             "experiments require expensive infrastructure"],
            ["tín hiệu cần đo rất nhỏ so với nền", "các dự đoán lý thuyết còn nhiều bất định",
             "thí nghiệm đòi hỏi hạ tầng đắt tiền"],
            ["The analysis improves the precision of the key parameters by {n}%.",
             "Numerical results agree with measurements within {k}%."],
            ["Phân tích cải thiện độ chính xác của các tham số chính thêm {n}%.",
             "Kết quả số phù hợp với số liệu đo trong phạm vi {k}%."],
            ["ICISE in Quy Nhơn", "the Quy Nhơn observatory", "high schools in the province"],
            ["ICISE tại Quy Nhơn", "Đài thiên văn Quy Nhơn", "các trường THPT trong tỉnh"],
            ("Engineer", "Kỹ sư", "Kỹ sư trưởng")),
        new("mathematics", 3.5, "mathematics", "toán học",
            ["applied mathematics"], ["toán ứng dụng"],
            ["real instances are far larger than textbook ones", "data are noisy and incomplete",
             "exact methods do not scale"],
            ["bài toán thực tế lớn hơn nhiều so với ví dụ trong sách", "dữ liệu nhiễu và không đầy đủ",
             "các phương pháp chính xác không mở rộng được quy mô"],
            ["On {m} benchmark instances the method is {n}% faster than the best known approach.",
             "We prove convergence and confirm the rate numerically."],
            ["Trên {m} bộ dữ liệu chuẩn, phương pháp nhanh hơn {n}% so với cách tiếp cận tốt nhất hiện biết.",
             "Chúng tôi chứng minh tính hội tụ và kiểm chứng tốc độ hội tụ bằng thực nghiệm số."],
            ["transport planning in Quy Nhơn", "tourism figures for the province", "Quy Nhơn port"],
            ["quy hoạch giao thông Quy Nhơn", "số liệu du lịch của tỉnh", "cảng Quy Nhơn"],
            ("Data Analyst", "Chuyên viên phân tích dữ liệu", "Trưởng nhóm phân tích dữ liệu")),
        new("marine", 3.5, "marine science", "khoa học biển",
            ["marine science"], ["khoa học biển"],
            ["disease outbreaks cause heavy losses", "fish stocks are under pressure", "coastal ecosystems are degrading"],
            ["dịch bệnh gây thiệt hại nặng", "nguồn lợi hải sản chịu áp lực lớn", "hệ sinh thái ven bờ đang suy thoái"],
            ["Across {m} sites, survival improved by {n}%.",
             "The model reproduces observations with a correlation of 0.{c}."],
            ["Trên {m} điểm nghiên cứu, tỉ lệ sống tăng {n}%.",
             "Mô hình tái hiện số liệu quan trắc với hệ số tương quan 0,{c}."],
            ["Thị Nại lagoon", "fishing communities in Hoài Nhơn", "the waters off Quy Nhơn"],
            ["đầm Thị Nại", "cộng đồng ngư dân Hoài Nhơn", "vùng biển Quy Nhơn"],
            ("Engineer", "Kỹ sư", "Kỹ sư trưởng")),
        new("agriculture", 3.5, "agriculture", "nông nghiệp",
            ["agriculture"], ["nông nghiệp"],
            ["droughts and salinity are becoming more frequent", "smallholders have limited access to advice",
             "input costs keep rising"],
            ["hạn hán và xâm nhập mặn ngày càng thường xuyên", "nông hộ nhỏ khó tiếp cận tư vấn kỹ thuật",
             "chi phí đầu vào liên tục tăng"],
            ["Field trials on {m} plots increased yield by {n}%.", "Water use fell by {n}% without yield loss."],
            ["Thí nghiệm trên {m} ô ruộng cho năng suất tăng {n}%.", "Lượng nước tưới giảm {n}% mà không giảm năng suất."],
            ["rice farmers in Tuy Phước", "coffee and pepper farms in Gia Lai", "coconut growers in Hoài Nhơn"],
            ["nông dân trồng lúa ở Tuy Phước", "vườn cà phê, hồ tiêu ở Gia Lai", "người trồng dừa ở Hoài Nhơn"],
            ("Agronomist", "Kỹ sư nông nghiệp", "Kỹ sư nông nghiệp trưởng")),
        new("medicine", 4, "medicine", "y học",
            ["medicine"], ["y học"],
            ["specialists are concentrated in large cities", "diagnosis is often late",
             "resources at primary-care level are limited"],
            ["bác sĩ chuyên khoa tập trung ở các thành phố lớn", "việc chẩn đoán thường muộn", "nguồn lực tuyến cơ sở còn hạn chế"],
            ["In {m} patients, the approach reached a sensitivity of {p}%.", "Time to diagnosis fell by {n}%."],
            ["Trên {m} bệnh nhân, phương pháp đạt độ nhạy {p}%.", "Thời gian chẩn đoán giảm {n}%."],
            ["provincial hospitals", "commune health stations in Vân Canh and An Lão", "the Quy Hòa hospital"],
            ["các bệnh viện tuyến tỉnh", "trạm y tế xã ở Vân Canh và An Lão", "Bệnh viện Quy Hòa"],
            ("Physician", "Bác sĩ", "Trưởng khoa")),
        new("environment", 3, "environmental science", "khoa học môi trường",
            ["environmental science"], ["khoa học môi trường"],
            ["monitoring networks are sparse", "extreme weather is intensifying", "pollution sources are diffuse"],
            ["mạng lưới quan trắc còn thưa", "thời tiết cực đoan ngày càng gia tăng", "nguồn ô nhiễm phân tán"],
            ["Validation against {m} stations shows errors below {k}%.",
             "The measures reduce losses by {n}% under current conditions."],
            ["Kiểm chứng với {m} trạm đo cho sai số dưới {k}%.", "Các giải pháp giảm {n}% thiệt hại trong điều kiện hiện tại."],
            ["the lower Kôn river", "the Quy Nhơn coastline", "industrial zones in the province"],
            ["hạ lưu sông Kôn", "bờ biển Quy Nhơn", "các khu công nghiệp trong tỉnh"],
            ("Environmental Engineer", "Kỹ sư môi trường", "Kỹ sư môi trường trưởng")),
        new("education", 2, "education", "giáo dục",
            ["education"], ["giáo dục"],
            ["teachers have little time for new methods", "rural schools lack equipment",
             "learning gaps between regions are widening"],
            ["giáo viên ít thời gian tiếp cận phương pháp mới", "trường học nông thôn thiếu thiết bị",
             "khoảng cách học tập giữa các vùng gia tăng"],
            ["In {m} classes, student achievement rose by {n}%.", "Teachers reported higher confidence after the programme."],
            ["Ở {m} lớp học, kết quả học tập tăng {n}%.", "Giáo viên tự tin hơn sau chương trình."],
            ["schools across the province", "Quy Nhơn University", "the Lê Quý Đôn gifted high school"],
            ["các trường học trong tỉnh", "Trường Đại học Quy Nhơn", "Trường THPT chuyên Lê Quý Đôn"],
            ("Education Specialist", "Chuyên viên giáo dục", "Trưởng nhóm chuyên môn")),
        new("economics", 1.5, "economics", "kinh tế",
            ["economics"], ["kinh tế"],
            ["reliable local data are scarce", "the benefits of investment are unevenly shared",
             "policies are rarely evaluated"],
            ["dữ liệu địa phương đáng tin cậy còn thiếu", "lợi ích từ đầu tư phân bố không đều", "chính sách hiếm khi được đánh giá"],
            ["Estimates from {m} firms suggest a {n}% productivity gain.", "The effect is strongest for small firms."],
            ["Ước lượng từ {m} doanh nghiệp cho thấy năng suất tăng {n}%.", "Tác động rõ nhất ở các doanh nghiệp nhỏ."],
            ["the Nhơn Hội Economic Zone", "coastal tourism in Quy Nhơn", "small businesses in the province"],
            ["Khu kinh tế Nhơn Hội", "du lịch biển Quy Nhơn", "doanh nghiệp nhỏ trong tỉnh"],
            ("Economist", "Chuyên gia kinh tế", "Chuyên gia kinh tế trưởng")),
        new("other", 0.5, "innovation and science policy", "đổi mới sáng tạo và chính sách khoa học",
            ["innovation"], ["đổi mới sáng tạo"],
            ["links between research and industry are weak", "talent leaves for large cities and abroad",
             "support programmes are fragmented"],
            ["liên kết giữa nghiên cứu và doanh nghiệp còn yếu", "nhân tài rời đi các thành phố lớn và ra nước ngoài",
             "các chương trình hỗ trợ còn manh mún"],
            ["Interviews with {m} stakeholders identify three levers for change.",
             "Programmes following these principles raised participation by {n}%."],
            ["Phỏng vấn {m} bên liên quan chỉ ra ba đòn bẩy thay đổi.",
             "Các chương trình áp dụng nguyên tắc này tăng {n}% mức độ tham gia."],
            ["the Quy Nhơn start-up community", "ICISE in Quy Nhơn", "the provincial science and technology department"],
            ["cộng đồng khởi nghiệp Quy Nhơn", "ICISE tại Quy Nhơn", "Sở Khoa học và Công nghệ của tỉnh"],
            ("Policy Specialist", "Chuyên viên", "Trưởng phòng")),
    ];

    private static readonly (string A, string B)[] AdjacentPairs =
    [
        ("semiconductor", "ai"), ("ai", "cybersecurity"), ("semiconductor", "cybersecurity"),
        ("semiconductor", "materials"), ("semiconductor", "physics"), ("semiconductor", "energy"),
        ("ai", "mathematics"), ("ai", "medicine"), ("ai", "agriculture"), ("ai", "space"), ("ai", "education"),
        ("cybersecurity", "mathematics"), ("biotech", "medicine"), ("biotech", "agriculture"), ("biotech", "marine"),
        ("space", "physics"), ("space", "environment"), ("energy", "materials"), ("energy", "environment"),
        ("materials", "physics"), ("physics", "mathematics"), ("marine", "environment"), ("marine", "agriculture"),
        ("agriculture", "environment"), ("mathematics", "economics"), ("education", "economics"),
        ("education", "other"), ("economics", "other"),
    ];

    public static readonly IReadOnlyDictionary<string, FieldProfile> ByField =
        Fields.ToDictionary(f => f.Field, StringComparer.Ordinal);

    public static IReadOnlyList<Subtopic> Subtopics => SubtopicCatalogue.All;

    private static readonly IReadOnlyDictionary<string, Subtopic> SubtopicById =
        Subtopics.ToDictionary(s => s.Id, StringComparer.Ordinal);

    public static readonly IReadOnlyDictionary<Subtopic, IReadOnlyList<Subtopic>> Bridges =
        Subtopics.ToDictionary(s => s, s => (IReadOnlyList<Subtopic>)SubtopicCatalogue.Bridges[s.Id].Select(id => SubtopicById[id]).ToArray());

    /// <summary>
    /// Fields count as adjacent when listed so or when a bridge joins two of their sub-topics, so that
    /// every second field a person has is adjacent to their first and grade 1 means what it says.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Adjacent =
        Fields.ToDictionary(
            f => f.Field,
            f => (IReadOnlyList<string>)AdjacentPairs
                .Concat(Bridges.SelectMany(b => b.Value.Select(to => (b.Key.Field, to.Field))))
                .Where(p => p.Item1 != p.Item2 && (p.Item1 == f.Field || p.Item2 == f.Field))
                .Select(p => p.Item1 == f.Field ? p.Item2 : p.Item1)
                .Distinct()
                .ToArray(),
            StringComparer.Ordinal);

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<Venue>> DomesticVenues =
        new Dictionary<string, IReadOnlyList<Venue>>(StringComparer.Ordinal)
        {
            ["semiconductor"] = [Venue.Of("REV Journal on Electronics and Communications"),
                Venue.Of("Hội nghị Quốc gia về Điện tử, Truyền thông và Công nghệ Thông tin (REV-ECIT)", "vi")],
            ["ai"] = [Venue.Of("Vietnam Journal of Computer Science"),
                Venue.Of("Hội nghị Quốc gia về Điện tử, Truyền thông và Công nghệ Thông tin (REV-ECIT)", "vi")],
            ["cybersecurity"] = [Venue.Of("Tạp chí An toàn thông tin", "vi"), Venue.Of("REV Journal on Electronics and Communications")],
            ["biotech"] = [Venue.Of("Tạp chí Công nghệ Sinh học", "vi")],
            ["space"] = [Venue.Of("Vietnam Journal of Earth Sciences")],
            ["energy"] = [Venue.Of("Vietnam Journal of Science and Technology")],
            ["materials"] = [Venue.Of("Vietnam Journal of Chemistry")],
            ["physics"] = [Venue.Of("Communications in Physics")],
            ["mathematics"] = [Venue.Of("Acta Mathematica Vietnamica"), Venue.Of("Vietnam Journal of Mathematics")],
            ["marine"] = [Venue.Of("Tạp chí Khoa học và Công nghệ Biển", "vi")],
            ["agriculture"] = [Venue.Of("Tạp chí Nông nghiệp và Phát triển nông thôn", "vi")],
            ["medicine"] = [Venue.Of("Tạp chí Y học Việt Nam", "vi")],
            ["environment"] = [Venue.Of("Vietnam Journal of Earth Sciences")],
            ["education"] = [Venue.Of("Tạp chí Khoa học Giáo dục Việt Nam", "vi")],
            ["economics"] = [Venue.Of("Tạp chí Kinh tế và Phát triển", "vi")],
            ["other"] = [Venue.Of("Tạp chí Khoa học và Công nghệ Việt Nam", "vi")],
        };

    public static readonly IReadOnlyList<Venue> GeneralDomesticVenues =
        [Venue.Of("Tạp chí Khoa học Trường Đại học Quy Nhơn", "vi"), Venue.Of("Tạp chí Khoa học và Công nghệ Việt Nam", "vi")];

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<Venue>> AllDomesticVenues =
        DomesticVenues.ToDictionary(
            p => p.Key,
            p => (IReadOnlyList<Venue>)p.Value.Concat(GeneralDomesticVenues).ToArray(),
            StringComparer.Ordinal);

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<Subtopic>> SubtopicsByField =
        Fields.ToDictionary(
            f => f.Field,
            f => (IReadOnlyList<Subtopic>)Subtopics.Where(s => s.Field == f.Field).ToArray(),
            StringComparer.Ordinal);

    public static readonly IReadOnlyDictionary<Subtopic, IReadOnlyList<Venue>> VenuesBySubtopic =
        Subtopics.ToDictionary(s => s, s => (IReadOnlyList<Venue>)s.Venues.Select(v => Venue.Of(v)).ToArray());

    /// <summary>Folded keyword → sub-topic; folding makes NFD, old-style tone marks and case irrelevant.</summary>
    private static readonly Dictionary<string, Subtopic> SubtopicByKeyword = BuildKeywordIndex();

    private static readonly Dictionary<string, Subtopic> SubtopicByExactKeyword =
        Subtopics.SelectMany(s => s.Keywords.Select(k => (k, s))).ToDictionary(p => p.k, p => p.s, StringComparer.Ordinal);

    public static Subtopic? SubtopicOfKeyword(string keyword) =>
        SubtopicByExactKeyword.TryGetValue(keyword, out var exact) ? exact
        : SubtopicByKeyword.GetValueOrDefault(VietnameseText.Fold(keyword));

    /// <summary>
    /// The sub-topic a profile is about: that of its first keyword that belongs to one. Demo profiles
    /// always list their own sub-topic first; any other profile gets null rather than a guess.
    /// </summary>
    public static Subtopic? PrimarySubtopic(Experts.Expert expert)
    {
        foreach (var keyword in expert.Keywords)
        {
            if (SubtopicOfKeyword(keyword) is { } subtopic)
            {
                return subtopic;
            }
        }

        return null;
    }

    public static bool AreAdjacent(string a, string b) => Adjacent.TryGetValue(a, out var list) && list.Contains(b);

    private static Dictionary<string, Subtopic> BuildKeywordIndex()
    {
        var index = new Dictionary<string, Subtopic>(StringComparer.Ordinal);
        foreach (var subtopic in Subtopics)
        {
            foreach (var keyword in subtopic.Keywords)
            {
                if (!index.TryAdd(VietnameseText.Fold(keyword), subtopic))
                {
                    throw new InvalidOperationException(
                        $"Keyword '{keyword}' of {subtopic.Id} already belongs to {index[VietnameseText.Fold(keyword)].Id}.");
                }
            }
        }

        return index;
    }
}
