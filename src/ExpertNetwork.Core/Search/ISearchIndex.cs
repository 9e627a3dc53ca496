using ExpertNetwork.Experts;

namespace ExpertNetwork.Search;

/// <summary>
/// The one seam between the directory and a search engine. Lucene.NET (embedded default) and
/// Elasticsearch implement it and must behave the same; the shared behaviour suite in the tests
/// holds them to that.
/// </summary>
public interface ISearchIndex : IAsyncDisposable
{
    /// <summary>Creates the index if it is missing; returns what state it was found in.</summary>
    Task<IndexState> EnsureCreatedAsync(CancellationToken cancellationToken = default);

    Task UpsertAsync(IReadOnlyCollection<Expert> experts, CancellationToken cancellationToken = default);

    Task DeleteAsync(IReadOnlyCollection<string> expertIds, CancellationToken cancellationToken = default);

    /// <summary>Builds a fresh index beside the serving one and swaps it in only when complete.</summary>
    Task RebuildAsync(IAsyncEnumerable<Expert> experts, IProgress<int>? progress = null, CancellationToken cancellationToken = default);

    Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<NameSuggestion>> SuggestAsync(string prefix, int size = 10, CancellationToken cancellationToken = default);
}

public enum IndexState
{
    Current,
    Missing,
    Stale,
    AnalysisChanged,
}

public enum SearchSort
{
    Relevance,
    Name,
    HIndex,
}

public sealed record SearchQuery
{
    public string? Text { get; init; }
    public IReadOnlyList<string> Fields { get; init; } = [];
    public IReadOnlyList<string> Countries { get; init; } = [];
    public IReadOnlyList<LocationClass> Locations { get; init; } = [];
    public IReadOnlyList<string> Degrees { get; init; } = [];
    public IReadOnlyList<string> Engagement { get; init; } = [];
    public IReadOnlyList<string> Languages { get; init; } = [];
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    public int From { get; init; }
    public int Size { get; init; } = 20;
    public bool WithFacets { get; init; } = true;
    public bool WithHighlights { get; init; } = true;
}

public sealed record SearchHit(
    string Id,
    string FullName,
    double Score,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Highlights);

/// <summary>Facet name → value → count, counted over every match, not just the page.</summary>
public sealed record SearchResult(
    long Total,
    IReadOnlyList<SearchHit> Hits,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Facets);

public sealed record NameSuggestion(string Id, string FullName);

public static class FacetNames
{
    public const string Field = "field";
    public const string Country = "country";
    public const string Location = "location";
    public const string Degree = "degree";
    public const string Engagement = "engagement";
    public const string Language = "language";

    public static readonly IReadOnlyList<string> All = [Field, Country, Location, Degree, Engagement, Language];
}
