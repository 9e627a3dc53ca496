using ExpertNetwork.Text;

namespace ExpertNetwork.Matching;

/// <summary>
/// A small bilingual glossary per field of the shared list. It seeds the field classifier when a
/// directory has few profiles with declared fields, lets a Vietnamese need reach English
/// publications (MiniLM and the lexical features are English-centric), and names matched skills
/// in both languages in explanations.
/// </summary>
public static class FieldLexicon
{
    public sealed record Term(string Field, string English, string Vietnamese);

    public static readonly IReadOnlyList<Term> Terms = Build(new Dictionary<string, (string En, string Vi)[]>
    {
        ["semiconductor"] =
        [
            ("integrated circuit design", "thiết kế vi mạch"), ("semiconductor", "bán dẫn"), ("chip design", "thiết kế chip"),
            ("analog circuit", "mạch tương tự"), ("system on chip", "hệ thống trên chip"), ("wafer fabrication", "chế tạo wafer"),
            ("chip packaging", "đóng gói chip"), ("transistor", "bóng bán dẫn"), ("VLSI", "VLSI"), ("FPGA", "FPGA"),
            ("electronic design automation", "tự động hóa thiết kế điện tử"), ("microelectronics", "vi điện tử"),
        ],
        ["ai"] =
        [
            ("artificial intelligence", "trí tuệ nhân tạo"), ("machine learning", "học máy"), ("deep learning", "học sâu"),
            ("computer vision", "thị giác máy tính"), ("natural language processing", "xử lý ngôn ngữ tự nhiên"),
            ("neural network", "mạng nơ-ron"), ("large language model", "mô hình ngôn ngữ lớn"), ("data science", "khoa học dữ liệu"),
            ("reinforcement learning", "học tăng cường"), ("speech recognition", "nhận dạng giọng nói"), ("robotics", "người máy"),
            ("image recognition", "nhận dạng ảnh"),
        ],
        ["cybersecurity"] =
        [
            ("cybersecurity", "an ninh mạng"), ("information security", "an toàn thông tin"), ("cryptography", "mật mã học"),
            ("malware analysis", "phân tích mã độc"), ("penetration testing", "kiểm thử xâm nhập"), ("intrusion detection", "phát hiện xâm nhập"),
            ("network security", "bảo mật mạng"), ("blockchain", "chuỗi khối"), ("digital forensics", "điều tra số"),
        ],
        ["biotech"] =
        [
            ("biotechnology", "công nghệ sinh học"), ("genomics", "hệ gen"), ("molecular biology", "sinh học phân tử"),
            ("gene editing", "chỉnh sửa gen"), ("bioinformatics", "tin sinh học"), ("vaccine", "vắc xin"), ("microbiology", "vi sinh vật học"),
            ("protein engineering", "kỹ thuật protein"), ("cell culture", "nuôi cấy tế bào"),
        ],
        ["space"] =
        [
            ("satellite", "vệ tinh"), ("remote sensing", "viễn thám"), ("astrophysics", "vật lý thiên văn"), ("astronomy", "thiên văn học"),
            ("space technology", "công nghệ vũ trụ"), ("rocket propulsion", "động cơ tên lửa"), ("cosmology", "vũ trụ học"),
            ("earth observation", "quan sát trái đất"),
        ],
        ["energy"] =
        [
            ("renewable energy", "năng lượng tái tạo"), ("solar power", "điện mặt trời"), ("wind power", "điện gió"),
            ("battery storage", "lưu trữ pin"), ("power grid", "lưới điện"), ("hydrogen fuel", "nhiên liệu hydro"),
            ("energy efficiency", "hiệu quả năng lượng"), ("power electronics", "điện tử công suất"), ("photovoltaic", "quang điện"),
        ],
        ["materials"] =
        [
            ("materials science", "khoa học vật liệu"), ("nanomaterials", "vật liệu nano"), ("polymer", "polyme"),
            ("composite materials", "vật liệu composite"), ("thin films", "màng mỏng"), ("metallurgy", "luyện kim"),
            ("ceramics", "gốm sứ"), ("graphene", "graphene"), ("corrosion", "ăn mòn"),
        ],
        ["physics"] =
        [
            ("particle physics", "vật lý hạt"), ("quantum physics", "vật lý lượng tử"), ("condensed matter", "vật lý chất rắn"),
            ("optics", "quang học"), ("laser", "laser"), ("neutrino", "neutrino"), ("theoretical physics", "vật lý lý thuyết"),
            ("plasma physics", "vật lý plasma"), ("quantum computing", "tính toán lượng tử"),
        ],
        ["mathematics"] =
        [
            ("mathematics", "toán học"), ("algebra", "đại số"), ("number theory", "lý thuyết số"), ("probability", "xác suất"),
            ("statistics", "thống kê"), ("optimization", "tối ưu hóa"), ("differential equations", "phương trình vi phân"),
            ("geometry", "hình học"), ("numerical analysis", "giải tích số"), ("graph theory", "lý thuyết đồ thị"),
        ],
        ["marine"] =
        [
            ("marine biology", "sinh học biển"), ("oceanography", "hải dương học"), ("aquaculture", "nuôi trồng thủy sản"),
            ("fisheries", "thủy sản"), ("coastal engineering", "kỹ thuật bờ biển"), ("coral reef", "rạn san hô"),
            ("seaport logistics", "cảng biển"), ("shrimp farming", "nuôi tôm"),
        ],
        ["agriculture"] =
        [
            ("agriculture", "nông nghiệp"), ("crop science", "khoa học cây trồng"), ("smart farming", "nông nghiệp thông minh"),
            ("plant breeding", "chọn giống cây trồng"), ("soil science", "khoa học đất"), ("irrigation", "thủy lợi"),
            ("livestock", "chăn nuôi"), ("food processing", "chế biến thực phẩm"), ("rice cultivation", "trồng lúa"),
        ],
        ["medicine"] =
        [
            ("medicine", "y học"), ("public health", "y tế công cộng"), ("oncology", "ung thư học"), ("cardiology", "tim mạch"),
            ("epidemiology", "dịch tễ học"), ("clinical trials", "thử nghiệm lâm sàng"), ("medical imaging", "chẩn đoán hình ảnh"),
            ("pharmacology", "dược lý học"), ("infectious diseases", "bệnh truyền nhiễm"), ("surgery", "phẫu thuật"),
        ],
        ["environment"] =
        [
            ("climate change", "biến đổi khí hậu"), ("environmental science", "khoa học môi trường"), ("water resources", "tài nguyên nước"),
            ("air pollution", "ô nhiễm không khí"), ("waste management", "quản lý chất thải"), ("biodiversity", "đa dạng sinh học"),
            ("ecology", "sinh thái học"), ("flood risk", "rủi ro lũ lụt"), ("wastewater treatment", "xử lý nước thải"),
        ],
        ["education"] =
        [
            ("education", "giáo dục"), ("teacher training", "đào tạo giáo viên"), ("curriculum design", "thiết kế chương trình"),
            ("STEM education", "giáo dục STEM"), ("e-learning", "học trực tuyến"), ("higher education", "giáo dục đại học"),
            ("pedagogy", "sư phạm"),
        ],
        ["economics"] =
        [
            ("economics", "kinh tế học"), ("finance", "tài chính"), ("econometrics", "kinh tế lượng"), ("development economics", "kinh tế phát triển"),
            ("supply chain", "chuỗi cung ứng"), ("innovation policy", "chính sách đổi mới sáng tạo"), ("tourism", "du lịch"),
            ("entrepreneurship", "khởi nghiệp"), ("trade", "thương mại"),
        ],
        ["other"] =
        [
            ("history", "lịch sử"), ("linguistics", "ngôn ngữ học"), ("architecture", "kiến trúc"), ("law", "luật"),
            ("sociology", "xã hội học"), ("culture", "văn hóa"), ("urban planning", "quy hoạch đô thị"),
        ],
    });

    // A Vietnamese phrase is found word for word as written. Folded, with short and common words dropped, "y học"
    // (medicine) became "học" and "vệ tinh" (satellite) became "tinh": found in every "học lái xe" and every "tỉnh".
    // Text typed without any diacritics is compared with the phrases' folded words, still word for word.
    private static readonly PhraseIndex Written = new(Terms.Select(t => MatchText.WrittenWords(t.Vietnamese).ToArray()));

    private static readonly PhraseIndex Folded = new(Terms.Select(t => MatchText.WrittenWords(t.Vietnamese).Select(VietnameseText.Fold).ToArray()));

    private static readonly (string Folded, Term Term)[] EnglishPhrases =
        Terms.Select(t => (MatchText.Phrase(t.English), t)).Where(p => p.Item1.Trim().Length > 0).ToArray();

    /// <summary>Glossary terms whose Vietnamese or English form occurs in the text, by phrase.</summary>
    public static IEnumerable<Term> Find(string? text)
    {
        var phrase = MatchText.Phrase(text);
        if (phrase.Length == 0)
        {
            return [];
        }

        return VietnameseIn(text).Concat(EnglishPhrases.Where(p => phrase.Contains(p.Folded, StringComparison.Ordinal)).Select(p => p.Term)).Distinct();
    }

    /// <summary>
    /// The English glosses of the Vietnamese glossary phrases in a text, so an English-only
    /// embedding model and English publications get something to match a Vietnamese need on.
    /// </summary>
    public static string EnglishGlosses(string? text) =>
        string.Join(", ", VietnameseIn(text).Where(t => t.English != t.Vietnamese).Select(t => t.English).Distinct());

    /// <summary>The text followed by its <see cref="EnglishGlosses"/>, or the text alone when it has none.</summary>
    public static string WithEnglishGlosses(string text)
    {
        var glosses = EnglishGlosses(text);
        return glosses.Length == 0 ? text : text + ". " + glosses;
    }

    private static IEnumerable<Term> VietnameseIn(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var unmarked = System.Text.Ascii.IsValid(text);
        var words = MatchText.WrittenWords(text).Select(w => unmarked ? VietnameseText.Fold(w) : w).ToArray();
        return (unmarked ? Folded : Written).In(words).Select(i => Terms[i]);
    }

    /// <summary>
    /// The glossary's Vietnamese phrases by their first word. Every profile and publication analysed for matching is
    /// looked through, so a text costs one lookup a word rather than a search of the whole text for each phrase.
    /// </summary>
    private sealed class PhraseIndex
    {
        private readonly Dictionary<string, List<(int Term, string[] Words)>> _byFirstWord = new(StringComparer.Ordinal);

        public PhraseIndex(IEnumerable<string[]> phrases)
        {
            var term = 0;
            foreach (var words in phrases)
            {
                if (words.Length > 0)
                {
                    if (!_byFirstWord.TryGetValue(words[0], out var list))
                    {
                        _byFirstWord[words[0]] = list = [];
                    }

                    list.Add((term, words));
                }

                term++;
            }
        }

        /// <summary>The glossary positions of the phrases found in <paramref name="words"/>, in glossary order.</summary>
        public IEnumerable<int> In(string[] words)
        {
            var found = new SortedSet<int>();
            for (var i = 0; i < words.Length; i++)
            {
                if (!_byFirstWord.TryGetValue(words[i], out var phrases))
                {
                    continue;
                }

                foreach (var (term, phrase) in phrases)
                {
                    if (i + phrase.Length <= words.Length && phrase.AsSpan().SequenceEqual(words.AsSpan(i, phrase.Length)))
                    {
                        found.Add(term);
                    }
                }
            }

            return found;
        }
    }

    private static List<Term> Build(Dictionary<string, (string En, string Vi)[]> byField) =>
        byField.SelectMany(pair => pair.Value.Select(t => new Term(pair.Key, t.En, t.Vi))).ToList();
}
