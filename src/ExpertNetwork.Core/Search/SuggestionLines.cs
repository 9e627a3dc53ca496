using ExpertNetwork.Text;

namespace ExpertNetwork.Search;

/// <summary>
/// What a list of suggestions shows under each name so no two people look alike: the affiliation and the place
/// (city, country) always; the headline too where another suggestion has the same name, affiliation and place;
/// and the profile id where even the headline is the same, the one thing two such profiles never share.
/// Names and texts are compared folded, as people reading the list would confuse "Vân" and "Văn".
/// </summary>
public static class SuggestionLines
{
    public static IReadOnlyList<SuggestionLine> For(IReadOnlyList<NameSuggestion> suggestions)
    {
        var sameWithoutHeadline = Counts(suggestions, s => Key(s, null));
        var headlineShown = suggestions.Select(s => sameWithoutHeadline[Key(s, null)] > 1).ToArray();
        var sameWithHeadline = Counts(suggestions.Select((s, i) => (s, i)).ToList(), p => Key(p.s, headlineShown[p.i] ? p.s.Headline : null));
        return suggestions.Select((s, i) => new SuggestionLine(
                s,
                headlineShown[i] && !string.IsNullOrWhiteSpace(s.Headline),
                sameWithHeadline[Key(s, headlineShown[i] ? s.Headline : null)] > 1))
            .ToArray();
    }

    private static Dictionary<string, int> Counts<T>(IEnumerable<T> items, Func<T, string> key) =>
        items.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static string Key(NameSuggestion suggestion, string? headline) =>
        string.Join('\u001f', new[] { suggestion.FullName, suggestion.Affiliation, suggestion.City, suggestion.Country, headline }.Select(Fold));

    private static string Fold(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "" : string.Join(' ', VietnameseText.Fold(VietnameseText.Normalize(text)).Split(' ', StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>One suggested person and which of the optional parts their line needs to be told apart.</summary>
public sealed record SuggestionLine(NameSuggestion Suggestion, bool ShowHeadline, bool ShowId)
{
    /// <summary>
    /// The parts under the name, in order: affiliation, place (city and the country as <paramref name="countryName"/>
    /// writes it), then the headline and the id as <paramref name="idLabel"/> writes it, when needed.
    /// </summary>
    public IReadOnlyList<string> Parts(Func<string, string> countryName, Func<string, string> idLabel)
    {
        var s = Suggestion;
        var place = string.Join(", ", new[] { s.City, string.IsNullOrWhiteSpace(s.Country) ? null : countryName(s.Country) }
            .Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
        return new[] { s.Affiliation, place, ShowHeadline ? s.Headline : null, ShowId ? idLabel(s.Id) : null }
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => p!.Trim())
            .ToArray();
    }
}
