using System.Text;

namespace ExpertNetwork.Text;

/// <summary>
/// Common Vietnamese family names, used to tell "Nguyễn Văn An" from "An Nguyen". A token
/// written with diacritics is compared with diacritics, so the given names Trân, Nguyên and Lệ
/// are not mistaken for Trần, Nguyễn and Lê; a token written without them can only be compared
/// folded.
/// </summary>
internal static class VietnameseFamilyNames
{
    internal const int NotFamily = 0;
    internal const int AlsoGivenName = 1;
    internal const int FamilyOnly = 2;

    // Practically never used as a given or middle name, so one at the end of a name is strong
    // evidence of Western order.
    private static readonly string[] FamilyOnlyNames =
    [
        "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
        "Đoàn", "Đinh", "Trương", "Lương", "Tạ", "Quách", "Lưu", "Trịnh", "Phùng", "Mạc", "Khúc",
        "Nông", "Tôn", "Thân", "Triệu", "Tô", "La", "Lã", "Chu", "Tăng", "Lạc", "Âu", "Bạch", "Bế",
        "Cù", "Doãn", "Đàm", "Đàng", "Hứa", "Khổng", "Lò", "Lục", "Mã", "Nghiêm", "Ông", "Phí",
        "Phó", "Sầm", "Tiêu", "Tống", "Uông", "Giáp", "Cấn", "Đậu", "Nhâm", "Quản", "Bành", "Lỗ",
        "Hầu", "Thiều", "Viên", "Ứng", "Vưu", "Lữ", "Mẫn", "Biện", "Hàn", "Đồng", "Cung", "Đường",
        "Lai",
    ];

    // Family names that are also common given or middle names (Nguyễn Huy Hoàng, Trần Thị Mai),
    // so they count for less when deciding which end of a name is the family.
    private static readonly string[] AlsoGivenNames =
    [
        "Hoàng", "Vũ", "Dương", "Lý", "Đào", "Lâm", "Mai", "Cao", "Châu", "Thái", "Hà", "Kiều",
        "Văn", "Vương", "Từ", "Giang", "Kim", "Trang", "Diệp", "Kha", "Khương", "Thạch", "Vi",
        "Chung", "Hoa", "Phương", "Mạnh", "Công", "Trà", "Quan", "Ninh",
    ];

    // Longest first so that "Công Tằng Tôn Nữ" wins over "Tôn Nữ".
    private static readonly string[][] Compounds =
    [
        ["Công", "Tằng", "Tôn", "Nữ"], ["Công", "Huyền", "Tôn", "Nữ"], ["Hoàng", "Phủ"], ["Tôn", "Nữ"],
        ["Tôn", "Thất"], ["Âu", "Dương"], ["Tư", "Mã"], ["Gia", "Cát"], ["Nguyễn", "Phúc"], ["Nguyễn", "Phước"],
    ];

    private static readonly Dictionary<string, int> ByDiacriticKey = BuildIndex(DiacriticKey);
    private static readonly Dictionary<string, int> ByFoldedKey = BuildIndex(VietnameseText.Fold);

    internal static IEnumerable<string> All => FamilyOnlyNames.Concat(AlsoGivenNames);

    internal static IEnumerable<string> AllCompounds => Compounds.Select(words => string.Join(' ', words));

    /// <summary>How strongly one token reads as a family name; hyphenated ones (Tran-Nguyen) count only if every part does.</summary>
    internal static int Weight(string token)
    {
        var parts = token.Trim('.').Split('-', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? NotFamily : parts.Min(PartWeight);
    }

    /// <summary>
    /// Words in the two-syllable (or longer) family name these tokens start with, or 0. A whole
    /// name is never taken as family: at least one token is left for the given name.
    /// </summary>
    internal static int CompoundAtStart(IReadOnlyList<string> tokens) =>
        Compounds.FirstOrDefault(words => words.Length < tokens.Count && Matches(tokens, 0, words))?.Length ?? 0;

    internal static int CompoundAtEnd(IReadOnlyList<string> tokens) =>
        Compounds.FirstOrDefault(words => words.Length < tokens.Count
            && Matches(tokens, tokens.Count - words.Length, words))?.Length ?? 0;

    internal static bool IsCompound(IReadOnlyList<string> tokens) =>
        Compounds.Any(words => words.Length == tokens.Count && Matches(tokens, 0, words));

    /// <summary>A compound counts fully only when written with diacritics: "Hoang Phu" may as well be Hoàng Phú.</summary>
    internal static int CompoundWeight(IEnumerable<string> tokens) =>
        tokens.All(t => Ascii.IsValid(t)) ? AlsoGivenName : FamilyOnly;

    private static bool Matches(IReadOnlyList<string> tokens, int offset, string[] words)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (!Same(tokens[offset + i], words[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Same(string token, string familyWord) =>
        Ascii.IsValid(token)
            ? string.Equals(token, VietnameseText.Fold(familyWord), StringComparison.OrdinalIgnoreCase)
            : DiacriticKey(token) == DiacriticKey(familyWord);

    private static int PartWeight(string part) =>
        Ascii.IsValid(part)
            ? ByFoldedKey.GetValueOrDefault(part.ToLowerInvariant())
            : ByDiacriticKey.GetValueOrDefault(DiacriticKey(part));

    private static string DiacriticKey(string word) => VietnameseText.Normalize(word).ToLowerInvariant();

    private static Dictionary<string, int> BuildIndex(Func<string, string> key)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (names, weight) in new[] { (FamilyOnlyNames, FamilyOnly), (AlsoGivenNames, AlsoGivenName) })
        {
            foreach (var name in names)
            {
                var k = key(name);

                // Folding merges spellings (Quản and Quan); the weaker weight wins because an
                // undiacritised token could be either.
                index[k] = index.TryGetValue(k, out var existing) ? Math.Min(existing, weight) : weight;
            }
        }

        return index;
    }
}
