using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using ExpertNetwork.Experts;
using ExpertNetwork.Search.Analysis;
using ExpertNetwork.Search.Lucene.Suggestions;
using ExpertNetwork.Search.Planning;
using ExpertNetwork.Storage;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using F = ExpertNetwork.Search.IndexFields;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace ExpertNetwork.Search.Lucene;

public sealed record LuceneIndexOptions
{
    public double RamBufferSizeMB { get; init; } = 64;

    /// <summary>Threads that analyse and add documents during a rebuild.</summary>
    public int IndexingThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>Threads one relevance-ranked query may use on a large index (slices of at least 32,768 documents each).</summary>
    public int SearchThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// How long a write waits while another process writes. Writes hold the lock for one batch only, so this is only
    /// reached when a process hangs; the write then fails with <see cref="SearchIndexBusyException"/>.
    /// </summary>
    public TimeSpan WriteLockTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long opening the index, or a rebuild, waits for another process's rebuild of the same index to finish.</summary>
    public TimeSpan RebuildWait { get; init; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// The embedded engine. The index lives in generations under the caller's directory
/// (<c>gen-0001</c>, <c>gen-0002</c>…); a small <c>current</c> file names the serving one and is
/// replaced atomically when a rebuild completes, so a crash mid-rebuild leaves the old one serving.
/// Any number of processes may open the same directory (<see cref="GenerationFolder"/> has the locks and leases):
/// each reads through its own searcher and writes one batch at a time under the shared writer lock, committing
/// (with the analysis hash and store stamp in the commit user data) and refreshing its searcher before returning.
/// Commits and generations made by other processes are picked up by <see cref="RefreshAsync"/>.
/// </summary>
public sealed class LuceneSearchIndex : ISearchIndex
{
    private const string AnalysisKey = "expertnet.analysis";
    private const string StoreStampKey = "expertnet.storeStamp";

    /// <summary>A rebuild that has filled its generation waits this long to swap it in rather than throw the work away.</summary>
    private static readonly TimeSpan SwapWait = TimeSpan.FromMinutes(5);

    /// <summary>What the index was built with: the analysis files and code, and the Lucene document layout.</summary>
    internal static readonly string AnalysisStamp = $"{SearchAnalysis.Hash}+lucene-documents:{LuceneDocuments.Layout}";

    private static readonly HashSet<string> SuggestionFields = [F.Id, F.FullName, F.Affiliation, F.City, F.Country, F.Headline];

    private readonly GenerationFolder _folder;
    private readonly LuceneIndexOptions _options;
    private readonly ExpertAnalyzers _analyzers;
    private readonly QueryPlanner _planner;
    private readonly NameSuggester _suggester;

    // Lock order: _rebuilding (+ rebuild.lock), then _writing, then writer.lock, then _gate.
    private readonly ReaderWriterLockSlim _gate = new();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly SemaphoreSlim _rebuilding = new(1, 1);
    private readonly System.Threading.Lock _journalLock = new();
    private Generation? _current;
    private List<Action<IndexWriter>>? _journal;
    private string? _journalStamp;
    private int _disposed;

    public LuceneSearchIndex(string directory, LuceneIndexOptions? options = null)
        : this(directory, options, new ExpertAnalyzers())
    {
    }

    /// <summary>Takes ownership of <paramref name="analyzers"/>; tests pass ones built from another synonym file.</summary>
    public LuceneSearchIndex(string directory, LuceneIndexOptions? options, ExpertAnalyzers analyzers)
    {
        _folder = new GenerationFolder(directory);
        _options = options ?? new LuceneIndexOptions();
        _analyzers = analyzers;
        _planner = new QueryPlanner(analyzers);
        _suggester = new NameSuggester(analyzers);
    }

    /// <summary>How long the last rebuild spent merging its generation to one segment before swapping it in.</summary>
    public TimeSpan LastRebuildMerge { get; private set; }

    public async Task<IndexState> EnsureCreatedAsync(string? expectedStoreStamp = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        System.IO.Directory.CreateDirectory(_folder.Root);
        await WaitForRebuildElsewhereAsync(cancellationToken);

        var state = IndexState.Current;
        if (!await FollowPointerAsync(cancellationToken))
        {
            state = await CreateFirstGenerationAsync(cancellationToken);
        }

        var data = CommitData();
        if (state == IndexState.Current)
        {
            if (data.GetValueOrDefault(AnalysisKey) != AnalysisStamp)
            {
                state = IndexState.AnalysisChanged;
            }
            else if (expectedStoreStamp is not null && data.GetValueOrDefault(StoreStampKey) != expectedStoreStamp)
            {
                state = IndexState.Stale;
            }
        }

        RetireQuietly();
        return state;
    }

    public Task<string?> GetStoreStampAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(CommitData().GetValueOrDefault(StoreStampKey));

    public Task UpsertAsync(IReadOnlyCollection<Expert> experts, string? storeStamp = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var documents = experts.Select(e => (e.Id, Document: ExpertDocument.From(e))).ToArray();
        return WriteAsync((_, _) => Task.FromResult(new WritePlan<bool>(writer => ApplyUpserts(writer, documents), storeStamp, true)), cancellationToken);
    }

    public Task DeleteAsync(IReadOnlyCollection<string> expertIds, string? storeStamp = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var terms = expertIds.Select(id => new Term(F.Id, id)).ToArray();
        return WriteAsync((_, _) => Task.FromResult(new WritePlan<bool>(writer => writer.DeleteDocuments(terms), storeStamp, true)), cancellationToken);
    }

    public Task<CatchUpOutcome> CatchUpAsync(IndexChangeFeed changes, CancellationToken cancellationToken = default) =>
        WriteAsync(async (indexed, token) =>
        {
            if (await changes(indexed, token) is not { } found)
            {
                return new WritePlan<CatchUpOutcome>(null, null, CatchUpOutcome.TooFarBehind);
            }

            if (found.IsEmpty && found.StoreStamp == indexed)
            {
                return new WritePlan<CatchUpOutcome>(null, null, CatchUpOutcome.Current);
            }

            var documents = found.Upserts.Select(e => (e.Id, Document: ExpertDocument.From(e))).ToArray();
            var deletes = found.Deletes.Select(id => new Term(F.Id, id)).ToArray();
            return new WritePlan<CatchUpOutcome>(writer =>
            {
                writer.DeleteDocuments(deletes);
                ApplyUpserts(writer, documents);
            }, found.StoreStamp, CatchUpOutcome.Applied);
        }, cancellationToken);

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _current) is null)
        {
            return;
        }

        // A write or a switch under way refreshes by itself.
        if (await _writing.WaitAsync(0, cancellationToken))
        {
            try
            {
                FollowPointer();
            }
            finally
            {
                _writing.Release();
            }
        }

        RetireQuietly();
    }

    public async Task RebuildAsync(IAsyncEnumerable<Expert> experts, string? storeStamp = null, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        _gate.EnterReadLock();
        try
        {
            Serving();
        }
        finally
        {
            _gate.ExitReadLock();
        }

        using var rebuilding = await AcquireRebuildAsync(cancellationToken);
        lock (_journalLock)
        {
            _journal = [];
            _journalStamp = null;
        }

        var name = _folder.NextName();
        var path = _folder.PathOf(name);
        var lease = _folder.Lease(name);
        Generation? built = null;
        LuceneDirectory? directory = null;
        IndexWriter? writer = null;
        var swapped = false;
        try
        {
            directory = GenerationFolder.OpenDirectory(path);
            writer = new IndexWriter(directory, Config(OpenMode.CREATE));

            // Merging segments while filling only to merge them all again at the end doubles the work.
            var merges = (TieredMergePolicy)writer.Config.MergePolicy;
            merges.SegmentsPerTier = 1_000;
            await FillAsync(writer, experts, progress, cancellationToken);
            merges.SegmentsPerTier = DefaultSegmentsPerTier;

            // A rebuilt index is searched far more than it is written: one segment means one postings reader per query
            // word instead of one per segment (a quarter less CPU per query at 100k). Merged before the swap, outside
            // the writer lock, so the other processes keep writing to the serving generation meanwhile.
            var merging = Stopwatch.GetTimestamp();
            writer.ForceMerge(1, true);
            LastRebuildMerge = Stopwatch.GetElapsedTime(merging);
            Commit(writer, storeStamp, AnalysisStamp);

            await _writing.WaitAsync(cancellationToken);
            try
            {
                using var held = await AcquireWriterAsync(SwapWait, cancellationToken);

                // Writes this process made to the old generation while this one was filling are replayed, so the swap
                // loses none; other processes' writes are in the store, and the caller catches up from it.
                lock (_journalLock)
                {
                    foreach (var change in _journal ?? [])
                    {
                        change(writer);
                    }

                    storeStamp = _journalStamp ?? storeStamp;
                    _journal = null;
                }

                Commit(writer, storeStamp, AnalysisStamp);
                writer.Dispose();
                writer = null;
                directory.Dispose();
                directory = null;

                built = Generation.Open(path, name, lease, _suggester);
                WarmSuggestions(built);
                _folder.WritePointer(name);
                SwapTo(built);
                swapped = true;
            }
            finally
            {
                _writing.Release();
            }
        }
        finally
        {
            lock (_journalLock)
            {
                _journal = null;
            }

            if (!swapped)
            {
                writer?.Rollback();
                directory?.Dispose();
                if (built is null)
                {
                    lease.Dispose();
                }
                else
                {
                    built.Dispose();
                }

                GenerationFolder.DeleteQuietly(path);
            }
        }

        RetireQuietly();
    }

    public Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var plan = _planner.Plan(query);

        _gate.EnterReadLock();
        try
        {
            var searchers = Serving().Searchers;
            var searcher = searchers.Acquire();
            try
            {
                var compiled = LuceneQueryCompiler.Compile(plan, searcher.IndexReader);
                var (page, total, totalIsLowerBound, facetCounts) = SearchDisjunction(searcher, compiled, plan)
                    ?? CollectAll(searcher, compiled, plan);
                var highlighter = plan.Highlights.Count > 0 ? new HitHighlighter(_analyzers, plan.Highlights) : null;
                var hits = new SearchHit[page.Length];
                for (var i = 0; i < page.Length; i++)
                {
                    var source = LuceneDocuments.ReadHit(searcher, page[i].Doc);
                    hits[i] = new SearchHit(
                        source.Id,
                        source.FullName,
                        float.IsNaN(page[i].Score) ? 0 : page[i].Score,
                        highlighter?.Highlight(source, searcher.IndexReader, page[i].Doc) ?? EmptyHighlights);
                }

                return Task.FromResult(new SearchResult(total, hits, facetCounts, totalIsLowerBound));
            }
            finally
            {
                searchers.Release(searcher);
            }
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    public Task<IReadOnlyList<NameSuggestion>> SuggestAsync(string prefix, int size = 10, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var typed = _suggester.Analyse(prefix);
        if (typed is null || size <= 0)
        {
            return Task.FromResult<IReadOnlyList<NameSuggestion>>([]);
        }

        _gate.EnterReadLock();
        try
        {
            var searchers = Serving().Searchers;
            var searcher = searchers.Acquire();
            try
            {
                var docs = _suggester.Suggest(searcher.IndexReader, typed, size);
                var suggestions = new NameSuggestion[docs.Length];
                for (var i = 0; i < suggestions.Length; i++)
                {
                    var doc = searcher.Doc(docs[i], SuggestionFields);
                    suggestions[i] = new NameSuggestion(doc.Get(F.Id), doc.Get(F.FullName), doc.Get(F.Affiliation), doc.Get(F.City), doc.Get(F.Country), doc.Get(F.Headline));
                }

                return Task.FromResult<IReadOnlyList<NameSuggestion>>(suggestions);
            }
            finally
            {
                searchers.Release(searcher);
            }
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return ValueTask.CompletedTask;
        }

        _gate.EnterWriteLock();
        try
        {
            _current?.Dispose();
            _current = null;
        }
        finally
        {
            _gate.ExitWriteLock();
        }

        _analyzers.Dispose();
        _gate.Dispose();
        _writing.Dispose();
        _rebuilding.Dispose();
        return ValueTask.CompletedTask;
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> EmptyHighlights =
        new Dictionary<string, IReadOnlyList<string>>();

    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> EmptyFacets =
        new Dictionary<string, IReadOnlyDictionary<string, long>>();

    /// <summary>Relevance-ranked text queries go through <see cref="DisjunctionSearch"/> (sliced over the cores, pruned when allowed); null otherwise.</summary>
    private Page? SearchDisjunction(IndexSearcher searcher, LuceneQuery compiled, QueryPlan plan)
    {
        if (DisjunctionSearch.TrySearch(searcher, compiled.Scoring, compiled.Condition, compiled.Filter, plan.From + plan.Size,
                plan.TrackTotalHitsUpTo, compiled.Facets, _options.SearchThreads, sort: compiled.ByRelevance ? null : compiled.Sort) is not { } found)
        {
            return null;
        }

        return new Page(found.Hits.Skip(plan.From).Take(plan.Size).ToArray(), found.Total, found.TotalIsLowerBound, found.Facets ?? EmptyFacets);
    }

    private static Page CollectAll(IndexSearcher searcher, LuceneQuery compiled, QueryPlan plan)
    {
        var top = TopFieldCollector.Create(compiled.Sort, Math.Max(1, plan.From + plan.Size), false, true, false, false);
        var facets = compiled.Facets is null ? null : new FacetCollector(top, compiled.Facets);
        searcher.Search(Filtered(compiled.Scoring, compiled.Condition, compiled.Filter), facets ?? (ICollector)top);
        return new Page(top.GetTopDocs(plan.From, plan.Size).ScoreDocs, top.TotalHits, false, facets?.Result() ?? EmptyFacets);
    }

    private sealed record Page(ScoreDoc[] Hits, long Total, bool TotalIsLowerBound,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Facets);

    private static Query Filtered(Query query, params Query?[] filters)
    {
        if (filters.All(f => f is null))
        {
            return query;
        }

        // A zero-boost constant-score clause filters without moving scores (BM25 has no coord or query norm).
        var filtered = new BooleanQuery(true) { { query, Occur.MUST } };
        foreach (var filter in filters.OfType<Query>())
        {
            filtered.Add(new ConstantScoreQuery(filter) { Boost = 0f }, Occur.MUST);
        }

        return filtered;
    }

    private static string[] Publications(IndexReader reader, int docId)
    {
        var leaves = reader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(docId, leaves)];
        var values = leaf.AtomicReader.GetBinaryDocValues(LuceneDocuments.PublicationText);
        if (values is null)
        {
            return [];
        }

        var bytes = new global::Lucene.Net.Util.BytesRef();
        values.Get(docId - leaf.DocBase, bytes);
        return bytes.Length == 0 ? [] : bytes.Utf8ToString().Split(LuceneDocuments.PublicationSeparator);
    }

    private static void ApplyUpserts(IndexWriter writer, IEnumerable<(string Id, ExpertDocument? Document)> documents)
    {
        foreach (var (id, document) in documents)
        {
            var term = new Term(F.Id, id);
            if (document is null)
            {
                writer.DeleteDocuments(term);
            }
            else
            {
                writer.UpdateDocument(term, LuceneDocuments.Build(document));
            }
        }
    }

    private readonly record struct WritePlan<T>(Action<IndexWriter>? Change, string? StoreStamp, T Result);

    /// <summary>
    /// One batch of writes to the serving generation: under the writer lock every process shares, on the generation
    /// <c>current</c> names now (another process may have swapped one in), with an IndexWriter opened for the batch and
    /// closed after its commit. <paramref name="plan"/> sees the store stamp of the latest commit, which no other
    /// process can change until the batch is done.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<string?, CancellationToken, Task<WritePlan<T>>> plan, CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _current) is null)
            {
                Serving();
            }

            using var held = await AcquireWriterAsync(_options.WriteLockTimeout, cancellationToken);
            if (!FollowPointer())
            {
                throw new InvalidOperationException($"{_folder.Root}: the serving generation is gone; call EnsureCreatedAsync to create one.");
            }

            var generation = _current!;
            var (change, storeStamp, result) = await plan(CommitData().GetValueOrDefault(StoreStampKey), cancellationToken);
            if (change is null)
            {
                return result;
            }

            var writer = new IndexWriter(generation.Directory, Config(OpenMode.APPEND));
            try
            {
                change(writer);
                Commit(writer, storeStamp, analysis: null);
                writer.Dispose();
            }
            catch
            {
                writer.Rollback();
                throw;
            }

            lock (_journalLock)
            {
                if (_journal is not null)
                {
                    _journal.Add(change);
                    _journalStamp = storeStamp ?? _journalStamp;
                }
            }

            generation.Searchers.MaybeRefreshBlocking();
            return result;
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task<IDisposable> AcquireWriterAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _folder.Writer.AcquireAsync(timeout, cancellationToken);
        }
        catch (LockTimeoutException e)
        {
            throw new SearchIndexBusyException($"The search index in {_folder.Root} is being written by another process; gave up after {timeout.TotalSeconds:0.#} s.", e);
        }
    }

    private async Task<IDisposable> AcquireRebuildAsync(CancellationToken cancellationToken)
    {
        await _rebuilding.WaitAsync(cancellationToken);
        try
        {
            var held = await _folder.Rebuild.AcquireAsync(_options.RebuildWait, cancellationToken);
            return new Releaser(() =>
            {
                held.Dispose();
                _rebuilding.Release();
            });
        }
        catch (LockTimeoutException e)
        {
            _rebuilding.Release();
            throw new SearchIndexBusyException($"Another process has been rebuilding the search index in {_folder.Root} for {_options.RebuildWait.TotalMinutes:0.#} minutes.", e);
        }
        catch
        {
            _rebuilding.Release();
            throw;
        }
    }

    /// <summary>Another process's rebuild will swap in a generation built from the store: wait for it rather than judge the one it replaces.</summary>
    private async Task WaitForRebuildElsewhereAsync(CancellationToken cancellationToken)
    {
        if (_rebuilding.CurrentCount == 0)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        while (_folder.Rebuild.IsHeldElsewhere() && Stopwatch.GetElapsedTime(started) < _options.RebuildWait)
        {
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Creates an empty first generation, unless another process has just done so.</summary>
    private async Task<IndexState> CreateFirstGenerationAsync(CancellationToken cancellationToken)
    {
        using var rebuilding = await AcquireRebuildAsync(cancellationToken);
        await _writing.WaitAsync(cancellationToken);
        try
        {
            using var held = await AcquireWriterAsync(SwapWait, cancellationToken);
            if (FollowPointer())
            {
                return IndexState.Current;
            }

            var name = _folder.NextName();
            var path = _folder.PathOf(name);
            var lease = _folder.Lease(name);
            try
            {
                using (var directory = GenerationFolder.OpenDirectory(path))
                using (var writer = new IndexWriter(directory, Config(OpenMode.CREATE)))
                {
                    Commit(writer, storeStamp: null, analysis: AnalysisStamp);
                }

                var created = Generation.Open(path, name, lease, _suggester);
                _folder.WritePointer(name);
                SwapTo(created);
                return IndexState.Missing;
            }
            catch
            {
                lease.Dispose();
                GenerationFolder.DeleteQuietly(path);
                throw;
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task<bool> FollowPointerAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            return FollowPointer();
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>
    /// Called with <see cref="_writing"/> held. Opens the generation <c>current</c> names if it is not the one this
    /// process reads, else refreshes the searcher to the latest commit; false when there is no generation to open.
    /// </summary>
    private bool FollowPointer()
    {
        var serving = Volatile.Read(ref _current);
        var pointer = _folder.ReadPointer();
        if (serving is not null && pointer == serving.Name)
        {
            serving.Searchers.MaybeRefreshBlocking();
            return true;
        }

        if (_folder.LeaseServing() is not { } leased)
        {
            return false;
        }

        var (name, lease) = leased;

        Generation next;
        try
        {
            next = Generation.Open(_folder.PathOf(name), name, lease, _suggester);
        }
        catch
        {
            lease.Dispose();
            throw;
        }

        SwapTo(next);
        return true;
    }

    /// <summary>Makes <paramref name="next"/> the generation searches use; the old one closes once no search is using it.</summary>
    private void SwapTo(Generation next)
    {
        Generation? old;
        _gate.EnterWriteLock();
        try
        {
            old = _current;
            Volatile.Write(ref _current, next);
        }
        finally
        {
            _gate.ExitWriteLock();
        }

        old?.Dispose();
    }

    private void RetireQuietly()
    {
        try
        {
            _folder.Retire();
        }
        catch (IOException)
        {
            // Left for the next refresh or start-up.
        }
    }

    /// <summary>The commit user data of the generation this process reads, as of its searcher.</summary>
    private IReadOnlyDictionary<string, string> CommitData()
    {
        _gate.EnterReadLock();
        try
        {
            var searchers = Serving().Searchers;
            var searcher = searchers.Acquire();
            try
            {
                return new Dictionary<string, string>(((DirectoryReader)searcher.IndexReader).IndexCommit.UserData, StringComparer.Ordinal);
            }
            finally
            {
                searchers.Release(searcher);
            }
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    private async Task FillAsync(IndexWriter writer, IAsyncEnumerable<Expert> experts, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queue = Channel.CreateBounded<Expert>(new BoundedChannelOptions(4096) { SingleWriter = true });
        var read = 0;
        var workers = Enumerable.Range(0, Math.Max(1, _options.IndexingThreads)).Select(_ => Task.Run(async () =>
        {
            try
            {
                await foreach (var expert in queue.Reader.ReadAllAsync(stop.Token))
                {
                    if (ExpertDocument.From(expert) is { } document)
                    {
                        writer.AddDocument(LuceneDocuments.Build(document));
                    }
                }
            }
            catch
            {
                await stop.CancelAsync();
                throw;
            }
        }, stop.Token)).ToArray();

        ExceptionDispatchInfo? failure = null;
        try
        {
            await foreach (var expert in experts.WithCancellation(stop.Token))
            {
                await queue.Writer.WriteAsync(expert, stop.Token);
                if (++read % 1000 == 0)
                {
                    progress?.Report(read);
                }
            }
        }
        catch (Exception ex)
        {
            failure = ExceptionDispatchInfo.Capture(ex);
            await stop.CancelAsync();
        }
        finally
        {
            queue.Writer.TryComplete();
        }

        try
        {
            await Task.WhenAll(workers);
        }
        catch (Exception ex) when (failure is null)
        {
            failure = ExceptionDispatchInfo.Capture(ex);
        }
        catch (Exception) when (failure is not null)
        {
            // The workers stopped because the source failed; that failure is the one to report.
        }

        failure?.Throw();
        progress?.Report(read);
    }

    private static void Commit(IndexWriter writer, string? storeStamp, string? analysis)
    {
        var data = new Dictionary<string, string>(writer.CommitData ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (analysis is not null)
        {
            data[AnalysisKey] = analysis;
        }

        if (storeStamp is not null)
        {
            data[StoreStampKey] = storeStamp;
        }

        writer.SetCommitData(data);
        writer.Commit();
    }

    /// <summary>
    /// Builds the suggestion structures of a new generation's segments before a swap shows it, where the first
    /// suggestion would otherwise build a whole directory's.
    /// </summary>
    private void WarmSuggestions(Generation generation)
    {
        var searcher = generation.Searchers.Acquire();
        try
        {
            _suggester.Warm(searcher.IndexReader);
        }
        finally
        {
            generation.Searchers.Release(searcher);
        }
    }

    private Generation Serving() =>
        _current ?? throw new InvalidOperationException("The search index is not open: call EnsureCreatedAsync first.");

    private const double DefaultSegmentsPerTier = 10;

    private IndexWriterConfig Config(OpenMode mode) => new(ExpertAnalyzers.Version, _analyzers.Indexing)
    {
        OpenMode = mode,
        Similarity = new BM25Similarity(),
        RAMBufferSizeMB = _options.RamBufferSizeMB,
        MergePolicy = new TieredMergePolicy { SegmentsPerTier = DefaultSegmentsPerTier },

        // A handful of segments needs no compound files, and building them copies every flushed segment once more.
        UseCompoundFile = false,
    };

    /// <summary>A generation as this process reads it: its searcher over the latest commit, and the lease that keeps it from being retired.</summary>
    private sealed class Generation : IDisposable
    {
        private readonly GenerationLease _lease;

        private Generation(string name, LuceneDirectory directory, GenerationLease lease, NameSuggester suggester)
        {
            Name = name;
            Directory = directory;
            _lease = lease;
            Searchers = new SearcherManager(directory, new Bm25SearcherFactory(suggester));
        }

        public string Name { get; }

        public LuceneDirectory Directory { get; }

        public SearcherManager Searchers { get; }

        /// <summary>Takes ownership of <paramref name="lease"/> once open.</summary>
        public static Generation Open(string path, string name, GenerationLease lease, NameSuggester suggester)
        {
            var directory = GenerationFolder.OpenDirectory(path);
            try
            {
                return new Generation(name, directory, lease, suggester);
            }
            catch
            {
                directory.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            Searchers.Dispose();
            Directory.Dispose();
            _lease.Dispose();
        }
    }

    private sealed class Releaser(Action release) : IDisposable
    {
        private Action? _release = release;

        public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
    }

    /// <summary>BM25 searchers; each new one starts building the suggestion structures of segments it is the first to show.</summary>
    private sealed class Bm25SearcherFactory(NameSuggester suggester) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            suggester.WarmInBackground(reader);
            return new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        }
    }

    /// <summary>The plan's highlight rules over a hit's stored fields (publications from their doc values).</summary>
    private sealed class HitHighlighter(ExpertAnalyzers analyzers, IReadOnlyList<HighlightRule> rules)
    {
        private readonly Dictionary<HighlightRule, PlainHighlighter> _highlighters = new(ReferenceEqualityComparer.Instance);

        public IReadOnlyDictionary<string, IReadOnlyList<string>> Highlight(LuceneDocuments.HitSource hit, IndexReader reader, int doc)
        {
            var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            var fragments = new List<(float Score, string Text)>();
            foreach (var rule in rules)
            {
                var analyzer = analyzers[rule.Analyzer];
                var values = rule.Key == HighlightFields.Publications ? Publications(reader, doc) : hit.Values(LuceneDocuments.HighlightSources[rule.Key]);
                fragments.Clear();
                var highlighter = HighlighterFor(rule);
                var bar = 0;
                foreach (var text in values)
                {
                    // A fragment scores the distinct terms it holds, and one of a later value enters the field's best only by
                    // scoring above the last of them: most values cannot (no query term at all, or too few), and would be
                    // analysed for nothing.
                    if (bar >= highlighter.DistinctTerms || analyzers.PossibleTerms(rule.Analyzer, text, rule.Terms, bar) <= bar)
                    {
                        continue;
                    }

                    using var tokens = analyzer.GetTokenStream(rule.Field, text);
                    highlighter.Collect(tokens, text, fragments);
                    bar = LowestOfBest(fragments, rule.Fragments);
                }

                if (fragments.Count > 0)
                {
                    // Best first over all the field's values; equal scores keep the values' order (a stable sort).
                    result[rule.Key] = fragments.OrderByDescending(f => f.Score).Take(rule.Fragments).Select(f => f.Text).ToArray();
                }
            }

            return result;
        }

        /// <summary>The score of the last of the best <paramref name="count"/> fragments so far; 0 while there are fewer.</summary>
        private static int LowestOfBest(List<(float Score, string Text)> fragments, int count)
        {
            if (count <= 0 || fragments.Count < count)
            {
                return 0;
            }

            Span<float> best = stackalloc float[count];
            best.Fill(float.MinValue);
            foreach (var (score, _) in fragments)
            {
                for (var i = 0; i < count; i++)
                {
                    if (score > best[i])
                    {
                        best[i..^1].CopyTo(best[(i + 1)..]);
                        best[i] = score;
                        break;
                    }
                }
            }

            return (int)best[^1];
        }

        private PlainHighlighter HighlighterFor(HighlightRule rule)
        {
            if (!_highlighters.TryGetValue(rule, out var highlighter))
            {
                highlighter = new PlainHighlighter(rule.Terms, rule.FragmentSize, rule.Fragments);
                _highlighters[rule] = highlighter;
            }

            return highlighter;
        }
    }
}
