using System.Globalization;
using System.Text;

namespace ExpertNetwork.Demo;

/// <summary>Kept in parts because Western-order spellings, initials and e-mail addresses all derive from them.</summary>
internal sealed record VietnameseName(string Family, string Middle, string? ExtraMiddle, string Given)
{
    public IEnumerable<string> Parts => new[] { Family, Middle, ExtraMiddle, Given }.OfType<string>();

    public IEnumerable<string> MiddleParts => new[] { Middle, ExtraMiddle }.OfType<string>();

    public string Full => string.Join(' ', Parts);

    public string WesternFull =>
        string.Join(' ', MiddleParts.Prepend(Given).Append(Family).Select(DemoNames.Ascii));

    public string WesternInitials =>
        string.Join(' ', MiddleParts.Select(m => DemoNames.Ascii(m)[..1] + ".").Prepend(DemoNames.Ascii(Given))
            .Append(DemoNames.Ascii(Family)));

    public string WesternShort => $"{DemoNames.Ascii(Given)} {DemoNames.Ascii(Family)}";

    public string WesternWithDiacritics => string.Join(' ', MiddleParts.Select(m => m[..1] + ".").Prepend(Given).Append(Family));

    public string AsciiVietnameseOrder => string.Join(' ', Parts.Select(DemoNames.Ascii));

    public string Western(int style) => style switch
    {
        0 => WesternFull,
        1 => WesternInitials,
        _ => WesternShort,
    };
}

internal static class DemoNames
{
    private sealed record Family(string Male, string Female);

    /// <summary>
    /// Frequencies lean on national figures (Nguyễn about a third) with the central-coast tilt towards
    /// Huỳnh, Võ and Phan; the compound names are rare on purpose.
    /// </summary>
    private static readonly Weighted<Family> Families = new(
    [
        (new("Nguyễn", "Nguyễn"), 35), (new("Trần", "Trần"), 10), (new("Lê", "Lê"), 9), (new("Phạm", "Phạm"), 6),
        (new("Huỳnh", "Huỳnh"), 5.5), (new("Võ", "Võ"), 5.5), (new("Phan", "Phan"), 4.5), (new("Hoàng", "Hoàng"), 2),
        (new("Vũ", "Vũ"), 1.2), (new("Đặng", "Đặng"), 2), (new("Bùi", "Bùi"), 1.5), (new("Đỗ", "Đỗ"), 1.5),
        (new("Hồ", "Hồ"), 2), (new("Ngô", "Ngô"), 1.5), (new("Dương", "Dương"), 1), (new("Lý", "Lý"), 0.6),
        (new("Đoàn", "Đoàn"), 1.2), (new("Trương", "Trương"), 1.5), (new("Đinh", "Đinh"), 1), (new("Lâm", "Lâm"), 0.6),
        (new("Mai", "Mai"), 0.6), (new("Cao", "Cao"), 0.7), (new("Lương", "Lương"), 0.5), (new("Tạ", "Tạ"), 0.3),
        (new("Châu", "Châu"), 0.6), (new("Hà", "Hà"), 0.5), (new("Tô", "Tô"), 0.4), (new("Thái", "Thái"), 0.4),
        (new("Quách", "Quách"), 0.2), (new("La", "La"), 0.2),
        (new("Hoàng Phủ", "Hoàng Phủ"), 0.12), (new("Âu Dương", "Âu Dương"), 0.06), (new("Tôn Thất", "Tôn Nữ"), 0.3),
    ]);

    private static readonly Weighted<string> MaleMiddles = new(
    [
        ("Văn", 30), ("Hữu", 6), ("Đức", 6), ("Minh", 7), ("Quốc", 6), ("Thanh", 6), ("Ngọc", 4), ("Hoàng", 4),
        ("Công", 4), ("Xuân", 3), ("Trọng", 3), ("Tấn", 5), ("Đình", 4), ("Quang", 4), ("Anh", 3), ("Bá", 2),
        ("Nhật", 2), ("Thế", 2), ("Duy", 2), ("Tuấn", 2),
    ]);

    private static readonly Weighted<string> FemaleMiddles = new(
    [
        ("Thị", 40), ("Ngọc", 8), ("Thanh", 6), ("Minh", 4), ("Thu", 5), ("Kim", 5), ("Hoài", 3), ("Mỹ", 3),
        ("Bích", 3), ("Phương", 3), ("Thùy", 3), ("Diệu", 2), ("Ánh", 2), ("Hồng", 3), ("Khánh", 2),
    ]);

    private static readonly IReadOnlyList<string> MaleExtraMiddles = ["Minh", "Hoàng", "Tuấn", "Anh", "Gia", "Bảo", "Quang"];

    private static readonly IReadOnlyList<string> FemaleExtraMiddles =
        ["Thanh", "Thu", "Kim", "Ngọc", "Minh", "Hoài", "Mỹ", "Bích", "Thùy", "Phương"];

    private static readonly IReadOnlyList<string> MaleGiven =
    [
        "An", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đức", "Hải", "Hào", "Hiếu", "Hòa", "Hoàng", "Hùng", "Huy",
        "Khải", "Khang", "Khánh", "Khoa", "Kiên", "Lâm", "Long", "Lộc", "Luân", "Minh", "Nam", "Nghĩa", "Nhân", "Phát",
        "Phong", "Phúc", "Quân", "Quang", "Sang", "Sơn", "Tài", "Tâm", "Thắng", "Thành", "Thịnh", "Thuận", "Thụy",
        "Tiến", "Toàn", "Trí", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Hưng", "Hậu", "Tín",
    ];

    private static readonly IReadOnlyList<string> FemaleGiven =
    [
        "An", "Anh", "Châu", "Chi", "Diễm", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hòa", "Hồng",
        "Hương", "Huyền", "Khánh", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhi", "Nhung",
        "Oanh", "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thoa", "Thu", "Thủy", "Thúy", "Thùy", "Trang", "Trâm",
        "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Xuân", "Yến",
    ];

    /// <summary>
    /// Syllables whose tone mark sits on the other vowel in the second common convention (hòa / hoà).
    /// Both spellings are in daily use, so imports must treat them as the same name.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> OtherTonePlacement = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Hòa"] = "Hoà", ["Thủy"] = "Thuỷ", ["Thúy"] = "Thuý", ["Thùy"] = "Thuỳ", ["Thụy"] = "Thuỵ",
    };

    public static readonly IReadOnlyList<string> MaleNicknames =
        ["Tony", "David", "Peter", "Kevin", "Michael", "John", "Henry", "Daniel", "Andy", "Vincent"];

    public static readonly IReadOnlyList<string> FemaleNicknames =
        ["Anna", "Jenny", "Lily", "Helen", "Susan", "Linda", "Emily", "Mary", "Vivian", "Tina"];

    private static readonly IReadOnlyDictionary<string, (string[] Given, string[] Family)> ForeignPools =
        new Dictionary<string, (string[], string[])>(StringComparer.Ordinal)
        {
            ["en"] = (["James", "Emily", "Michael", "Sarah", "David", "Laura", "Daniel", "Rachel", "Andrew", "Hannah",
                       "Robert", "Olivia", "Kevin", "Priya", "Carlos"],
                      ["Smith", "Johnson", "Miller", "Brown", "Wilson", "Taylor", "Anderson", "Clark", "Patel", "Chen",
                       "Garcia", "Kim", "Martin", "Walker", "Wright"]),
            ["ja"] = (["Hiroshi", "Yuki", "Takashi", "Kenji", "Akiko", "Naoki", "Satoshi", "Yuko", "Haruka", "Daisuke"],
                      ["Tanaka", "Suzuki", "Sato", "Takahashi", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato"]),
            ["ko"] = (["Minjun", "Jiwoo", "Seojun", "Hyunwoo", "Jiyeon", "Sungmin", "Eunji", "Donghyun", "Soyoung"],
                      ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang"]),
            ["de"] = (["Lukas", "Anna", "Jonas", "Lena", "Felix", "Sophie", "Maximilian", "Julia", "Tobias", "Katharina"],
                      ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Keller", "Braun"]),
            ["nl"] = (["Pieter", "Sanne", "Daan", "Lotte", "Bram", "Femke", "Jeroen", "Eva"],
                      ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Peeters", "Janssens", "Maes"]),
            ["fi"] = (["Mikko", "Aino", "Lars", "Elin", "Juha", "Sanna", "Erik", "Karin"],
                      ["Virtanen", "Korhonen", "Nieminen", "Andersson", "Lindqvist", "Mäkinen", "Johansson", "Heikkinen"]),
            ["fr"] = (["Julien", "Camille", "Nicolas", "Claire", "Thomas", "Élodie", "Antoine", "Mathilde", "Pierre", "Sophie"],
                      ["Martin", "Bernard", "Dubois", "Lefebvre", "Moreau", "Laurent", "Girard", "Rousseau", "Fontaine", "Mercier"]),
            ["zh"] = (["Wei", "Yi-Ting", "Chih-Hung", "Jia-Hui", "Zhi Wei", "Mei Ling", "Hsin-Yi", "Jun Jie", "Kai-Wen"],
                      ["Chen", "Lin", "Huang", "Chang", "Wang", "Lee", "Tan", "Lim", "Ng", "Wu"]),
        };

    public static VietnameseName Pick(DemoRandom random, bool female)
    {
        var family = Families.Pick(random);
        var middle = (female ? FemaleMiddles : MaleMiddles).Pick(random);
        string? extra = null;
        if (random.Chance(female ? 0.22 : 0.08))
        {
            extra = random.Pick(female ? FemaleExtraMiddles : MaleExtraMiddles);
            if (extra == middle)
            {
                extra = null;
            }
        }

        var given = random.Pick(female ? FemaleGiven : MaleGiven);
        while (given == middle || given == extra)
        {
            given = random.Pick(female ? FemaleGiven : MaleGiven);
        }

        return new VietnameseName(female ? family.Female : family.Male, middle, extra, given);
    }

    public static string Foreign(DemoRandom random, string pool)
    {
        var (given, family) = ForeignPools[pool];
        return $"{random.Pick(given)} {random.Pick(family)}";
    }

    /// <summary>Name syllables come from the tables above, so their plain forms are worked out once.</summary>
    private static readonly Dictionary<string, string> AsciiCache = BuildAsciiCache();

    /// <summary>Unlike <see cref="Text.VietnameseText.Fold"/> this keeps case: the result is shown as a name.</summary>
    public static string Ascii(string text) => AsciiCache.TryGetValue(text, out var cached) ? cached : Strip(text);

    private static Dictionary<string, string> BuildAsciiCache()
    {
        var syllables = Families.Items.SelectMany(f => new[] { f.Male, f.Female })
            .Concat(MaleMiddles.Items).Concat(FemaleMiddles.Items).Concat(MaleExtraMiddles).Concat(FemaleExtraMiddles)
            .Concat(MaleGiven).Concat(FemaleGiven);
        var cache = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var syllable in syllables)
        {
            cache.TryAdd(syllable, Strip(syllable));
        }

        return cache;
    }

    private static string Strip(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            sb.Append(ch switch { 'đ' => 'd', 'Đ' => 'D', _ => ch });
        }

        return sb.ToString();
    }
}
