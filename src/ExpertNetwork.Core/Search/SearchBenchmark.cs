using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ExpertNetwork.Experts;
using ExpertNetwork.Search.Lucene;
using ExpertNetwork.Text;

namespace ExpertNetwork.Search;

public sealed record LatencySummary(int Count, double P50, double P95, double P99, double Mean)
{
    public static LatencySummary From(List<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0);
        }

        milliseconds.Sort();
        return new LatencySummary(milliseconds.Count, Percentile(milliseconds, 0.50), Percentile(milliseconds, 0.95),
            Percentile(milliseconds, 0.99), milliseconds.Average());
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public override string ToString() => $"p50 {P50:F2} / p95 {P95:F2} / p99 {P99:F2} ms (n={Count})";
}

public sealed record SearchBenchmarkReport(
    string Engine,
    int Profiles,
    TimeSpan IndexingTime,
    int Queries,
    int Passes,
    LatencySummary Query,
    LatencySummary QueryWithFacets,
    LatencySummary QueryWithFacetsAndHighlights,
    LatencySummary Suggest,
    double MedianTotalHits,
    TimeSpan IndexingCpu,
    double QueryCpuMilliseconds,
    double QueryWithFacetsCpuMilliseconds,
    string Load,
    TimeSpan MergeAfterIndexing,
    LatencySummary QueryOnCpu,
    LatencySummary QueryWithFacetsOnCpu,
    LatencySummary SuggestOnCpu)
{
    public double ProfilesPerSecond => Profiles / Math.Max(IndexingTime.TotalSeconds, 1e-9);

    public override string ToString() => new StringBuilder()
        .AppendLine($"engine                     {Engine}")
        .AppendLine($"load average at start      {Load}")
        .AppendLine($"profiles indexed           {Profiles:N0} in {IndexingTime.TotalSeconds:F1} s = {ProfilesPerSecond:N0} profiles/s ({IndexingCpu.TotalSeconds:F1} s CPU with the merge)")
        .AppendLine($"merge to one segment       {MergeAfterIndexing.TotalSeconds:F1} s before the swap (the old index served meanwhile)")
        .AppendLine($"queries                    {Queries} x {Passes} passes after a warm-up, top 20, median total hits {MedianTotalHits:N0}")
        .AppendLine($"query                      {Query}")
        .AppendLine($"query + 6 facets           {QueryWithFacets}")
        .AppendLine($"query + facets + snippets  {QueryWithFacetsAndHighlights}")
        .AppendLine($"name suggestions (top 10)  {Suggest}")
        .AppendLine($"process CPU per query      {QueryCpuMilliseconds:F2} ms, with facets {QueryWithFacetsCpuMilliseconds:F2} ms (mean, all threads)")
        .AppendLine("on-CPU time of the calling thread (one slice of a query on a large index; the others run beside it):")
        .AppendLine($"  query                    {QueryOnCpu}")
        .AppendLine($"  query + 6 facets         {QueryWithFacetsOnCpu}")
        .AppendLine($"  name suggestions         {SuggestOnCpu}")
        .ToString();
}

/// <summary>
/// <c>expertnet bench search --corpus FILE --queries FILE</c>: indexes a corpus in the shared
/// experts.jsonl format (shared/bench/gen_corpus.py) through <see cref="ISearchIndex.RebuildAsync"/>,
/// then times the query file (one query per line) over several passes after a warm-up pass.
/// </summary>
public static class SearchBenchmark
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Runs on a fresh Lucene.NET index in <paramref name="indexDirectory"/> (deleted first), with a 256 MB RAM buffer and every core.</summary>
    public static async Task<SearchBenchmarkReport> RunLuceneAsync(string corpusPath, string queriesPath, string indexDirectory,
        int passes = 3, IProgress<string>? log = null, CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(indexDirectory))
        {
            Directory.Delete(indexDirectory, recursive: true);
        }

        await using var index = new LuceneSearchIndex(indexDirectory, new LuceneIndexOptions { RamBufferSizeMB = 256 });
        var queries = (await File.ReadAllLinesAsync(queriesPath, cancellationToken)).Where(q => q.Trim().Length > 0).ToArray();
        return await RunAsync("Lucene.NET 4.8 (embedded)", index, ReadCorpusAsync(corpusPath, cancellationToken), queries, passes, log, cancellationToken);
    }

    public static async Task<SearchBenchmarkReport> RunAsync(string engine, ISearchIndex index, IAsyncEnumerable<Expert> corpus,
        IReadOnlyList<string> queries, int passes = 3, IProgress<string>? log = null, CancellationToken cancellationToken = default)
    {
        await index.EnsureCreatedAsync(cancellationToken: cancellationToken);
        var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg", cancellationToken)).Trim() : "n/a";
        var names = new List<string>();
        var cpuStarted = CpuTime();
        var started = Stopwatch.GetTimestamp();
        await index.RebuildAsync(Remember(corpus, names), "bench", new Progress<int>(n =>
        {
            if (n % 10_000 == 0)
            {
                log?.Report($"read {n:N0}");
            }
        }), cancellationToken);
        var count = names.Count;

        // Lucene.NET merges a rebuilt generation to one segment before swapping it in; indexing is the rest.
        var merge = index is LuceneSearchIndex lucene ? lucene.LastRebuildMerge : TimeSpan.Zero;
        var indexing = Stopwatch.GetElapsedTime(started) - merge;
        var indexingCpu = CpuTime() - cpuStarted;
        log?.Report($"indexed {count:N0} profiles in {indexing.TotalSeconds:F1} s, merged in {merge.TotalSeconds:F1} s");

        // As Lucene 8's and Elasticsearch's default top-20 search: exact counts up to 1,000 matches, then skipping.
        var plain = new SearchQuery { Size = 20, WithFacets = false, WithHighlights = false, TrackTotalHitsUpTo = 1_000 };
        var faceted = plain with { WithFacets = true, TrackTotalHitsUpTo = null };
        var full = faceted with { WithHighlights = true };
        var prefixes = SuggestionPrefixes(names.Take(500).ToList());

        log?.Report("warming up");
        await TimeQueriesAsync(index, queries, plain, null, cancellationToken);
        await TimeQueriesAsync(index, queries, faceted, null, cancellationToken);
        await TimeSuggestionsAsync(index, prefixes, cancellationToken);

        var query = new List<double>();
        var withFacets = new List<double>();
        var suggest = new List<double>();
        var queryOnCpu = new List<double>();
        var withFacetsOnCpu = new List<double>();
        var suggestOnCpu = new List<double>();
        var totals = new List<long>();
        var queryCpu = TimeSpan.Zero;
        var facetCpu = TimeSpan.Zero;
        for (var pass = 0; pass < passes; pass++)
        {
            log?.Report($"pass {pass + 1} of {passes}");
            var cpu = CpuTime();
            query.AddRange(await TimeQueriesAsync(index, queries, plain, pass == 0 ? totals : null, cancellationToken, queryOnCpu));
            queryCpu += CpuTime() - cpu;
            cpu = CpuTime();
            withFacets.AddRange(await TimeQueriesAsync(index, queries, faceted, null, cancellationToken, withFacetsOnCpu));
            facetCpu += CpuTime() - cpu;
            suggest.AddRange(await TimeSuggestionsAsync(index, prefixes, cancellationToken, suggestOnCpu));
        }

        var withSnippets = await TimeQueriesAsync(index, queries, full, null, cancellationToken);
        totals.Sort();
        return new SearchBenchmarkReport(engine, count, indexing, queries.Count, passes, LatencySummary.From(query),
            LatencySummary.From(withFacets), LatencySummary.From(withSnippets), LatencySummary.From(suggest),
            totals.Count == 0 ? 0 : totals[totals.Count / 2], indexingCpu,
            queryCpu.TotalMilliseconds / Math.Max(1, query.Count), facetCpu.TotalMilliseconds / Math.Max(1, withFacets.Count), load, merge,
            LatencySummary.From(queryOnCpu), LatencySummary.From(withFacetsOnCpu), LatencySummary.From(suggestOnCpu));
    }

    private static TimeSpan CpuTime() => Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>A minimal experts.jsonl reader: enough for the benchmark, not the validating importer.</summary>
    public static async IAsyncEnumerable<Expert> ReadCorpusAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, false, 1 << 20);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            yield return JsonSerializer.Deserialize<Expert>(line, Json)
                ?? throw new InvalidDataException($"{path}:{lineNumber}: not an expert object");
        }
    }

    private static async IAsyncEnumerable<Expert> Remember(IAsyncEnumerable<Expert> corpus, List<string> names)
    {
        await foreach (var expert in corpus)
        {
            names.Add(expert.FullName);
            yield return expert;
        }
    }

    /// <summary>What people type while the list updates: 1 to 8 letters of a name, folded or not, family name first or given name first.</summary>
    private static List<string> SuggestionPrefixes(List<string> names)
    {
        var prefixes = new List<string>(names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            var name = VietnameseText.Normalize(names[i]);
            if (i % 3 == 1)
            {
                name = VietnameseText.Fold(name);
            }

            if (i % 4 == 2)
            {
                var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                name = string.Join(' ', parts[^1..].Concat(parts[..^1]));
            }

            prefixes.Add(name[..Math.Min(name.Length, 1 + i % 8)]);
        }

        return prefixes;
    }

    private static async Task<List<double>> TimeQueriesAsync(ISearchIndex index, IReadOnlyList<string> queries, SearchQuery template,
        List<long>? totals, CancellationToken cancellationToken, List<double>? onCpu = null)
    {
        var times = new List<double>(queries.Count);
        foreach (var text in queries)
        {
            var cpu = ThreadCpu.Now();
            var started = Stopwatch.GetTimestamp();
            var result = await index.SearchAsync(template with { Text = text }, cancellationToken);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            onCpu?.Add(ThreadCpu.Now() - cpu);
            totals?.Add(result.Total);
        }

        return times;
    }

    private static async Task<List<double>> TimeSuggestionsAsync(ISearchIndex index, List<string> prefixes, CancellationToken cancellationToken,
        List<double>? onCpu = null)
    {
        var times = new List<double>(prefixes.Count);
        foreach (var prefix in prefixes)
        {
            var cpu = ThreadCpu.Now();
            var started = Stopwatch.GetTimestamp();
            await index.SuggestAsync(prefix, 10, cancellationToken);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            onCpu?.Add(ThreadCpu.Now() - cpu);
        }

        return times;
    }

    /// <summary>
    /// CPU time of the calling thread in milliseconds (Linux), so a benchmark on a machine shared with builds can
    /// still say how long a query computes. The engines answer synchronously, so the thread that awaits is the one that searched.
    /// </summary>
    private static class ThreadCpu
    {
        private const int ThreadCpuClock = 3;

        public static double Now()
        {
            if (!OperatingSystem.IsLinux() || ClockGetTime(ThreadCpuClock, out var time) != 0)
            {
                return Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency;
            }

            return time.Seconds * 1000.0 + time.Nanoseconds / 1e6;
        }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int ClockGetTime(int clock, out TimeSpec time);

        [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }
    }
}
