using System.Security.Claims;
using ExpertNetwork.Experts;
using ExpertNetwork.Search;
using ExpertNetwork.Web.Experts;
using ExpertNetwork.Web.Localisation;

namespace ExpertNetwork.Web.Search;

public sealed record FacetValue(string Value, long Count, bool Selected);

/// <summary>One result as its viewer may see it; <see cref="Highlights"/> are HTML whose only markup is &lt;em&gt;.</summary>
public sealed record SearchHitView(
    string Id,
    string FullName,
    string? Headline,
    string? Affiliation,
    string? Country,
    string Location,
    IReadOnlyList<string> Fields,
    int? HIndex,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Highlights);

/// <summary>
/// A suggested person: the stored affiliation, city, country code and headline, and <see cref="Detail"/>, the line
/// shown under the name in the reader's language, which tells apart everyone else in the same list.
/// </summary>
public sealed record SuggestionView(string Id, string FullName, string? Affiliation, string? City, string? Country, string? Headline, string Detail);

public sealed record SearchPage(
    string Query,
    string Sort,
    long Total,
    int Page,
    int PageCount,
    IReadOnlyList<SearchHitView> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets);

/// <summary>
/// Runs a search and joins the hits to the store, so what is shown is the stored profile and its consent as of
/// now: a profile unlisted after the index last saw it is still left out. The join reads only what a result shows
/// (<see cref="ExpertStore.GetSummariesAsync"/>), never publications.
/// </summary>
public sealed class DirectorySearch(ISearchIndex index, ExpertStore store, Texts texts)
{
    public async Task<SearchPage> SearchAsync(SearchParameters parameters, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var query = parameters.ToQuery();
        var result = await index.SearchAsync(query, cancellationToken);
        var stored = (await store.GetSummariesAsync(result.Hits.Select(h => h.Id).ToList(), cancellationToken)).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var hits = new List<SearchHitView>(result.Hits.Count);
        foreach (var hit in result.Hits)
        {
            if (!stored.TryGetValue(hit.Id, out var expert) || !ProfileAccess.CanSee(user, expert.Listed))
            {
                continue;
            }

            hits.Add(new SearchHitView(
                expert.Id, expert.FullName, expert.Headline, expert.Affiliation, expert.Country, Geography.Classify(expert.Country, expert.City).Name(),
                expert.Fields, expert.HIndex,
                hit.Highlights.ToDictionary(h => h.Key, h => (IReadOnlyList<string>)h.Value.Select(SafeHighlight.Sanitize).ToList(), StringComparer.Ordinal)));
        }

        var facets = FacetNames.All.ToDictionary(
            name => name,
            name => Facet(result, name, parameters.Selected(name)),
            StringComparer.Ordinal);
        var pageCount = (int)Math.Min(SearchParameters.MaxPage, (result.Total + parameters.PageSize - 1) / parameters.PageSize);
        return new SearchPage(parameters.Text, parameters.SortName, result.Total, parameters.PageNumber, pageCount, hits, facets);
    }

    public async Task<IReadOnlyList<SuggestionView>> SuggestAsync(string prefix, CancellationToken cancellationToken)
    {
        prefix = prefix.Trim();
        if (prefix.Length is 0 or > SearchParameters.MaxQueryLength)
        {
            return [];
        }

        var suggestions = await index.SuggestAsync(prefix, 8, cancellationToken);
        return SuggestionLines.For(suggestions)
            .Select(line => new SuggestionView(
                line.Suggestion.Id, line.Suggestion.FullName, line.Suggestion.Affiliation, line.Suggestion.City, line.Suggestion.Country,
                line.Suggestion.Headline, string.Join(" · ", line.Parts(texts.Country, id => texts.Format("search.suggestion.id", id)))))
            .ToArray();
    }

    /// <summary>Selected values stay visible even when nothing else matches them, so they can be unticked.</summary>
    private static IReadOnlyList<FacetValue> Facet(SearchResult result, string name, IReadOnlyList<string> selected)
    {
        var counts = result.Facets.TryGetValue(name, out var values) ? values : new Dictionary<string, long>();
        var chosen = selected.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var listed = counts
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new FacetValue(c.Key, c.Value, chosen.Contains(c.Key)))
            .ToList();
        listed.AddRange(selected.Where(s => !counts.Keys.Contains(s, StringComparer.OrdinalIgnoreCase)).Select(s => new FacetValue(s, 0, true)));
        return listed;
    }
}
