using System.ComponentModel.DataAnnotations;

namespace ExpertNetwork.Search;

public enum SearchEngine
{
    Lucene,
    Elasticsearch,
}

public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>Lucene.NET is embedded and needs no setup; Elasticsearch needs the Elasticsearch section.</summary>
    public SearchEngine Engine { get; set; } = SearchEngine.Lucene;

    /// <summary>Where the Lucene.NET index lives; defaults to <c>index</c> inside the data directory.</summary>
    public string? IndexDirectory { get; set; }

    /// <summary>Imports that change more profiles than this rebuild the index instead of updating it profile by profile.</summary>
    [Range(1, int.MaxValue)]
    public int RebuildThreshold { get; set; } = 20_000;

    /// <summary>How often the web app picks up what other processes (the CLI, other app instances) did to the index and the store.</summary>
    [Range(100, 60_000)]
    public int FollowIntervalMilliseconds { get; set; } = 1_000;
}
