using ExpertNetwork.Experts;

namespace ExpertNetwork.Search;

/// <summary>
/// The one seam between the directory and a search engine. Lucene.NET (embedded default) and
/// Elasticsearch implement it and must behave the same; the shared behaviour suite in the tests
/// holds them to that.
/// </summary>
public interface ISearchIndex : IAsyncDisposable
{
    /// <summary>
    /// Creates the index if it is missing and says what state it was found in: <see cref="IndexState.Missing"/>
    /// (created empty), <see cref="IndexState.AnalysisChanged"/> (built with other analysis files or code than
    /// <see cref="SearchAnalysis.Hash"/>), <see cref="IndexState.Stale"/> (its store stamp differs from
    /// <paramref name="expectedStoreStamp"/>, when one is given) or <see cref="IndexState.Current"/>.
    /// Anything but Current calls for <see cref="RebuildAsync"/>; the old index keeps serving meanwhile.
    /// </summary>
    Task<IndexState> EnsureCreatedAsync(string? expectedStoreStamp = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The store stamp recorded by the last write, rebuild, upsert or delete (null if none was given): the
    /// caller's token for the state of the store (e.g. count + max(updated_at)) that the index reflects.
    /// </summary>
    Task<string?> GetStoreStampAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces profiles; an unlisted profile (<c>consent.listed=false</c>) is removed instead. Visible to searches on return.</summary>
    Task UpsertAsync(IReadOnlyCollection<Expert> experts, string? storeStamp = null, CancellationToken cancellationToken = default);

    Task DeleteAsync(IReadOnlyCollection<string> expertIds, string? storeStamp = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Builds a fresh index beside the serving one and swaps it in only when complete; if
    /// <paramref name="experts"/> throws, the old index keeps serving. Writes made during the
    /// rebuild are carried over. Progress reports the number of profiles read so far.
    /// </summary>
    Task RebuildAsync(IAsyncEnumerable<Expert> experts, string? storeStamp = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Brings the index up to the store in one step that no other writer interleaves with (for Lucene.NET, under the
    /// writer lock every process shares): reads the store stamp the index reflects, asks <paramref name="changes"/>
    /// what the store changed since, applies that and records the new stamp. Engines whose server orders writes
    /// itself (Elasticsearch) need no lock and use this default.
    /// </summary>
    /// <exception cref="SearchIndexBusyException">Another process kept the index locked for longer than the engine waits.</exception>
    async Task<CatchUpOutcome> CatchUpAsync(IndexChangeFeed changes, CancellationToken cancellationToken = default)
    {
        var indexed = await GetStoreStampAsync(cancellationToken);
        if (await changes(indexed, cancellationToken) is not { } found)
        {
            return CatchUpOutcome.TooFarBehind;
        }

        if (found.IsEmpty && found.StoreStamp == indexed)
        {
            return CatchUpOutcome.Current;
        }

        await DeleteAsync(found.Deletes, storeStamp: null, cancellationToken);
        await UpsertAsync(found.Upserts, found.StoreStamp, cancellationToken);
        return CatchUpOutcome.Applied;
    }

    /// <summary>
    /// Picks up what other processes committed to a shared index (a new generation, a newer commit). Cheap enough to
    /// call every second; a server-side engine has nothing to pick up.
    /// </summary>
    Task RefreshAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>Top names for what has been typed so far: every word a prefix of a name part or other name, folded.</summary>
    Task<IReadOnlyList<NameSuggestion>> SuggestAsync(string prefix, int size = 10, CancellationToken cancellationToken = default);
}

/// <summary>
/// What the store changed after <paramref name="indexedStamp"/> (the stamp the index records), or null when only a
/// rebuild can tell: no stamp, one of another shape, or more changes than are worth applying one by one.
/// </summary>
public delegate Task<IndexChanges?> IndexChangeFeed(string? indexedStamp, CancellationToken cancellationToken);

/// <summary>Profiles to add or replace (unlisted ones are removed), ids to remove, and the store stamp they bring the index to.</summary>
public sealed record IndexChanges(IReadOnlyCollection<Expert> Upserts, IReadOnlyCollection<string> Deletes, string StoreStamp)
{
    public bool IsEmpty => Upserts.Count == 0 && Deletes.Count == 0;
}

public enum CatchUpOutcome
{
    /// <summary>The index already reflected the store.</summary>
    Current,

    /// <summary>The changes were applied and the new stamp recorded.</summary>
    Applied,

    /// <summary>The feed could not say what changed: rebuild.</summary>
    TooFarBehind,
}

/// <summary>Another process held the index's writer for longer than a write waits. The store has the change; a later catch-up applies it.</summary>
public sealed class SearchIndexBusyException(string message, Exception inner) : TimeoutException(message, inner);

public enum IndexState
{
    Current,
    Missing,
    Stale,
    AnalysisChanged,
}

/// <summary>Which documents a text query counts as matches; see indexing/README.md.</summary>
public enum SearchMatching
{
    /// <summary>
    /// What a person searches (the search page, <c>/api/search</c>, <c>expertnet search</c>): a match covers most of
    /// the query's meaning — a recognised concept as a phrase, most meaningful words, or the name — so totals and
    /// facets count real matches.
    /// </summary>
    Precise,

    /// <summary>Candidate retrieval (matching, the speaker finder): any clause matching is enough; ranking sorts it out.</summary>
    Recall,
}

public enum SearchSort
{
    Relevance,
    Name,
    HIndex,
}

/// <summary>
/// Free text plus filters. Values within one filter are alternatives, filters combine with AND,
/// and facets are counted over everything that passes them. With no text every profile that
/// passes the filters matches, and <see cref="SearchSort.Relevance"/> lists them by name.
/// </summary>
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
    public SearchMatching Matching { get; init; } = SearchMatching.Precise;

    /// <summary>From + Size past 10,000 is cut to 10,000 on every engine: deeper pages are empty (indexing/README.md).</summary>
    public int From { get; init; }
    public int Size { get; init; } = 20;
    public bool WithFacets { get; init; } = true;
    public bool WithHighlights { get; init; } = true;

    /// <summary>
    /// Null counts every match. A number counts matches exactly up to it and may then report a lower bound
    /// (<see cref="SearchResult.TotalIsLowerBound"/>), which lets the engine skip documents that cannot reach the
    /// page, as Elasticsearch's <c>track_total_hits</c> does. Facets count every match whatever this says.
    /// </summary>
    public int? TrackTotalHitsUpTo { get; init; }
}

/// <summary>One result. <see cref="Highlights"/> maps a <see cref="HighlightFields"/> key to HTML-escaped snippets with matches in &lt;em&gt;.</summary>
public sealed record SearchHit(
    string Id,
    string FullName,
    double Score,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Highlights);

/// <summary>
/// Facet name → value → count, counted over every match, not just the page. <see cref="Total"/> is exact unless
/// <see cref="TotalIsLowerBound"/> (only when <see cref="SearchQuery.TrackTotalHitsUpTo"/> allowed it).
/// </summary>
public sealed record SearchResult(
    long Total,
    IReadOnlyList<SearchHit> Hits,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Facets,
    bool TotalIsLowerBound = false);

/// <summary>
/// A suggested person with what tells them apart from others of the same name (<see cref="SuggestionLines"/>): the
/// affiliation, city, country code and headline as stored, null where the profile has none.
/// </summary>
public sealed record NameSuggestion(string Id, string FullName, string? Affiliation, string? City, string? Country, string? Headline);

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
