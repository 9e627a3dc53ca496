using ExpertNetwork.Experts;
using ExpertNetwork.Text;

namespace ExpertNetwork.Search;

/// <summary>
/// What either engine indexes for one expert: every text normalised with
/// <see cref="VietnameseText.Normalize"/> (NFD input does not fold otherwise), the name-order
/// variants, and the facet values. Built once here so both engines see identical input.
/// </summary>
public sealed record ExpertDocument
{
    public required string Id { get; init; }

    /// <summary>The name as the person writes it, for display.</summary>
    public required string DisplayName { get; init; }

    public required string Name { get; init; }

    /// <summary>
    /// The sort key for <see cref="SearchSort.Name"/> and of equal scores: the name lower-cased, then ASCII-folded by
    /// Lucene's own ASCIIFoldingFilter table, which is exactly what the Elasticsearch normalizer of <c>name.kw</c>
    /// (lowercase, asciifolding) does, so ł, ø, æ and ß sort alike in both engines.
    /// </summary>
    public required string NameSortKey { get; init; }

    public IReadOnlyList<string> OtherNames { get; init; } = [];

    /// <summary>The name followed by the other names: every name word, for matching words in any order and for suggestions.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>
    /// The name and other names in every order people type them (<c>An Nguyễn</c>, <c>Văn An</c>…), one per
    /// folded form: an other name that only drops the diacritics of the name adds nothing.
    /// </summary>
    public IReadOnlyList<string> NameVariants { get; init; } = [];

    public IReadOnlyList<string> Keywords { get; init; } = [];

    public IReadOnlyList<string> Fields { get; init; } = [];

    public string? Headline { get; init; }

    public string? Affiliation { get; init; }

    public string? Bio { get; init; }

    /// <summary>One text per publication: title, venue and abstract.</summary>
    public IReadOnlyList<string> Publications { get; init; } = [];

    public string? Country { get; init; }

    /// <summary>Only shown, under a suggested name, to tell people of one name apart.</summary>
    public string? City { get; init; }

    /// <summary><see cref="Geography.Name"/> of the expert's location; null when unknown.</summary>
    public string? Location { get; init; }

    public string? Degree { get; init; }

    public IReadOnlyList<string> Engagement { get; init; } = [];

    public IReadOnlyList<string> Languages { get; init; } = [];

    public int? HIndex { get; init; }

    /// <summary>Null for a profile that must not be searchable (<c>consent.listed = false</c>).</summary>
    public static ExpertDocument? From(Expert expert)
    {
        if (!expert.Consent.Listed)
        {
            return null;
        }

        var name = Clean(expert.FullName) ?? expert.Id;
        var otherNames = CleanAll(expert.OtherNames);
        var location = Geography.Classify(expert);
        return new ExpertDocument
        {
            Id = expert.Id,
            DisplayName = expert.FullName,
            Name = name,
            NameSortKey = SortKey(name),
            OtherNames = otherNames,
            Names = [name, .. otherNames],
            NameVariants = new[] { name }.Concat(otherNames).SelectMany(VietnameseText.NameVariants)
                .DistinctBy(VietnameseText.Fold, StringComparer.Ordinal).ToArray(),
            Keywords = CleanAll(expert.Keywords),
            Fields = Codes(expert.Fields),
            Headline = Clean(expert.Headline),
            Affiliation = Clean(expert.Affiliation),
            Bio = Clean(expert.Bio),
            Publications = expert.Publications
                .Select(p => Clean(string.Join(". ", new[] { p.Title, p.Venue, p.Abstract }.Where(s => !string.IsNullOrWhiteSpace(s)))))
                .OfType<string>()
                .ToArray(),
            Country = string.IsNullOrWhiteSpace(expert.Country) ? null : expert.Country.Trim().ToUpperInvariant(),
            City = Clean(expert.City),
            Location = location == LocationClass.Unknown ? null : location.Name(),
            Degree = string.IsNullOrWhiteSpace(expert.Degree) ? null : expert.Degree.Trim().ToLowerInvariant(),
            Engagement = Codes(expert.Engagement),
            Languages = Codes(expert.Languages),
            HIndex = expert.HIndex,
        };
    }

    /// <summary>See <see cref="NameSortKey"/>.</summary>
    public static string SortKey(string name)
    {
        var lower = name.ToLowerInvariant();
        var folded = new char[lower.Length * 4];
        var length = global::Lucene.Net.Analysis.Miscellaneous.ASCIIFoldingFilter.FoldToASCII(lower.ToCharArray(), 0, folded, 0, lower.Length);
        return new string(folded, 0, length);
    }

    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // ASCII is already in normal form; skipping it spares most of the publication text a pass through ICU.
        var trimmed = text.Trim();
        return System.Text.Ascii.IsValid(trimmed) ? trimmed : VietnameseText.Normalize(trimmed);
    }

    private static string[] CleanAll(IEnumerable<string> texts) =>
        texts.Select(Clean).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();

    private static string[] Codes(IEnumerable<string> codes) =>
        codes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim().ToLowerInvariant())
            .Distinct(StringComparer.Ordinal).ToArray();
}
