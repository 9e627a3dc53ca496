using System.Text;

namespace ExpertNetwork.Text;

/// <summary>
/// A person's name in its Vietnamese parts. The parts keep the spelling they were written with
/// (only the Unicode encoding is made canonical) because they are shown back to people;
/// comparison forms come from <see cref="VietnameseText"/>. An absent part is empty, never null.
/// </summary>
public sealed record PersonName(string Family, string Middle, string Given)
{
    public static PersonName Empty { get; } = new(string.Empty, string.Empty, string.Empty);

    /// <summary>
    /// Reads a full name in Vietnamese order (Nguyễn Văn An), Western order (An Van Nguyen,
    /// Duc V. Nguyen) or citation order (Nguyen, Duc V.). Academic titles, degrees and
    /// nicknames in brackets or quotes are dropped. Never throws; unreadable input gives
    /// <see cref="Empty"/>.
    /// </summary>
    public static PersonName Parse(string fullName) => Read(fullName).Name;

    /// <summary>
    /// The orders people write this name in, with the spelling kept, then the same orders
    /// without diacritics in title case; distinct and with Vietnamese order first.
    /// </summary>
    public IReadOnlyList<string> OrderVariants()
    {
        // "V. An" or "An V. V. Nguyen" are spellings nobody uses.
        var middleSpelledOut = Middle.Length > 0 && !Words(Middle).All(NameReader.IsInitials);
        string[] spelled =
        [
            Join(Family, Middle, Given),
            Join(Given, Family),
            Join(Given, Middle, Family),
            middleSpelledOut ? Join(Middle, Given) : string.Empty,
            Join(Family, Given),
            middleSpelledOut ? Join(Given, Initials(Middle), Family) : string.Empty,
        ];

        return Distinct([.. spelled, .. spelled.Select(FoldedTitleCase)]);
    }

    internal static (PersonName Name, string Written) Read(string? fullName) => NameReader.Read(fullName);

    internal static IReadOnlyList<string> Distinct(IEnumerable<string> spellings)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return spellings.Where(s => s.Length > 0 && seen.Add(s)).ToArray();
    }

    private static string Join(params string[] parts) => string.Join(' ', parts.Where(p => p.Length > 0));

    private static string[] Words(string part) => part.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string Initials(string middle) =>
        string.Join(' ', Words(middle).Select(w => NameReader.IsInitials(w) ? w : FirstLetter(w) + "."));

    private static string FirstLetter(string word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            if (char.IsLetter(word, i))
            {
                var length = char.IsSurrogatePair(word, i) ? 2 : 1;
                return word.Substring(i, length).ToUpperInvariant();
            }
        }

        return word;
    }

    private static string FoldedTitleCase(string spelled)
    {
        var folded = new StringBuilder(VietnameseText.Fold(spelled));
        for (var i = 0; i < folded.Length; i++)
        {
            if (i == 0 || !char.IsLetter(folded[i - 1]))
            {
                folded[i] = char.ToUpperInvariant(folded[i]);
            }
        }

        return folded.ToString();
    }
}
