using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using ExpertNetwork.Experts;
using ExpertNetwork.Search.Lucene.Suggestions;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
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
}

/// <summary>
/// The embedded engine. The index lives in generations under the caller's directory
/// (<c>gen-0001</c>, <c>gen-0002</c>…); a small <c>current</c> file names the serving one and is
/// replaced atomically when a rebuild completes, so a crash mid-rebuild leaves the old one serving.
/// Writes commit (with the analysis hash and store stamp in the commit user data) and refresh the
/// near-real-time searcher before returning.
/// </summary>
public sealed class LuceneSearchIndex : ISearchIndex
{
    private const string PointerFile = "current";
    private const string GenerationPrefix = "gen-";
    private const string AnalysisKey = "expertnet.analysis";
    private const string StoreStampKey = "expertnet.storeStamp";

    /// <summary>What the index was built with: the analysis files and code, and the Lucene document layout.</summary>
    internal static readonly string AnalysisStamp = $"{SearchAnalysis.Hash}+lucene-documents:{LuceneDocuments.Layout}";

    internal static readonly IReadOnlyList<(string Facet, string Field, bool MultiValued)> FacetSpecs =
    [
        (FacetNames.Field, F.Fields, true),
        (FacetNames.Country, F.Country, false),
        (FacetNames.Location, F.Location, false),
        (FacetNames.Degree, F.Degree, false),
        (FacetNames.Engagement, F.Engagement, true),
        (FacetNames.Language, F.Languages, true),
    ];

    private static readonly HashSet<string> HitFields = [F.Id, F.FullName];
    private static readonly HashSet<string> HitFieldsWithHighlights = [F.Id, F.FullName, .. LuceneDocuments.HighlightSources.Values];

    private readonly string _root;
    private readonly LuceneIndexOptions _options;
    private readonly ExpertAnalyzers _analyzers;
    private readonly ExpertQueryBuilder _queries;
    private readonly NameSuggester _suggester;
    private readonly ReaderWriterLockSlim _gate = new();
    private readonly System.Threading.Lock _commitLock = new();
    private readonly System.Threading.Lock _journalLock = new();
    private readonly SemaphoreSlim _rebuildLock = new(1, 1);
    private Generation? _current;
    private List<Action<IndexWriter>>? _journal;
    private string? _journalStamp;
    private int _disposed;
    private Task _settling = Task.CompletedTask;

    public LuceneSearchIndex(string directory, LuceneIndexOptions? options = null)
        : this(directory, options, new ExpertAnalyzers())
    {
    }

    /// <summary>Takes ownership of <paramref name="analyzers"/>; tests pass ones built from another synonym file.</summary>
    public LuceneSearchIndex(string directory, LuceneIndexOptions? options, ExpertAnalyzers analyzers)
    {
        _root = Path.GetFullPath(directory);
        _options = options ?? new LuceneIndexOptions();
        _analyzers = analyzers;
        _queries = new ExpertQueryBuilder(analyzers);
        _suggester = new NameSuggester(analyzers);
    }

    public Task<IndexState> EnsureCreatedAsync(string? expectedStoreStamp = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _gate.EnterWriteLock();
        try
        {
            var state = IndexState.Current;
            if (_current is null)
            {
                System.IO.Directory.CreateDirectory(_root);
                var name = ReadPointer();
                if (name is null || !IndexExists(Path.Combine(_root, name)))
                {
                    name = NextGenerationName();
                    _current = Generation.Open(Path.Combine(_root, name), name, Config(OpenMode.CREATE), _suggester);
                    Commit(_current.Writer, storeStamp: null, analysis: AnalysisStamp);
                    WritePointer(name);
                    state = IndexState.Missing;
                }
                else
                {
                    _current = Generation.Open(Path.Combine(_root, name), name, Config(OpenMode.APPEND), _suggester);
                }

                DeleteGenerationsExcept(name);
            }

            if (state == IndexState.Current)
            {
                if (UserData(_current.Writer, AnalysisKey) != AnalysisStamp)
                {
                    state = IndexState.AnalysisChanged;
                }
                else if (expectedStoreStamp is not null && UserData(_current.Writer, StoreStampKey) != expectedStoreStamp)
                {
                    state = IndexState.Stale;
                }
            }

            return Task.FromResult(state);
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    public Task<string?> GetStoreStampAsync(CancellationToken cancellationToken = default)
    {
        _gate.EnterReadLock();
        try
        {
            return Task.FromResult(UserData(Serving().Writer, StoreStampKey));
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    public Task UpsertAsync(IReadOnlyCollection<Expert> experts, string? storeStamp = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var documents = experts.Select(e => (e.Id, Document: ExpertDocument.From(e))).ToArray();
        Write(writer => ApplyUpserts(writer, documents), storeStamp);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(IReadOnlyCollection<string> expertIds, string? storeStamp = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var terms = expertIds.Select(id => new Term(F.Id, id)).ToArray();
        Write(writer => writer.DeleteDocuments(terms), storeStamp);
        return Task.CompletedTask;
    }

    public async Task RebuildAsync(IAsyncEnumerable<Expert> experts, string? storeStamp = null, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        await _rebuildLock.WaitAsync(cancellationToken);
        Generation? built = null;
        try
        {
            string name;
            _gate.EnterReadLock();
            try
            {
                Serving();
                name = NextGenerationName();
                lock (_journalLock)
                {
                    _journal = [];
                    _journalStamp = null;
                }
            }
            finally
            {
                _gate.ExitReadLock();
            }

            built = Generation.Open(Path.Combine(_root, name), name, Config(OpenMode.CREATE), _suggester);

            // Merging segments while filling only to merge them all again after the swap doubles the work.
            built.Merges.SegmentsPerTier = 1_000;
            await FillAsync(built.Writer, experts, progress, cancellationToken);
            built.Merges.SegmentsPerTier = DefaultSegmentsPerTier;
            Commit(built.Writer, storeStamp, AnalysisStamp);
            WarmSuggestions(built.Writer);
            SwapTo(built, storeStamp);
            built = null;
        }
        finally
        {
            lock (_journalLock)
            {
                _journal = null;
            }

            if (built is not null)
            {
                built.Writer.Rollback();
                built.Dispose();
                DeleteGeneration(built.Path);
            }

            _rebuildLock.Release();
        }
    }

    public Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var from = Math.Max(0, query.From);
        var size = Math.Clamp(query.Size, 0, 10_000);

        _gate.EnterReadLock();
        try
        {
            var searchers = Serving().Searchers;
            var searcher = searchers.Acquire();
            try
            {
                var (textQuery, highlightTerms) = _queries.BuildText(query.Text, searcher.IndexReader);
                var filter = ExpertQueryBuilder.BuildFilter(query);
                var sort = query.Sort == SearchSort.Relevance && highlightTerms is null ? SearchSort.Name : query.Sort;
                var (page, total, totalIsLowerBound, facetCounts) = SearchDisjunction(searcher, textQuery, filter, query, sort, from, size)
                    ?? CollectAll(searcher, filter is null ? textQuery : Filtered(textQuery, filter), query.WithFacets, sort, from, size);
                var highlighter = query.WithHighlights && highlightTerms is not null ? new HitHighlighter(_analyzers, highlightTerms) : null;
                var hits = new SearchHit[page.Length];
                for (var i = 0; i < page.Length; i++)
                {
                    var doc = searcher.Doc(page[i].Doc, highlighter is null ? HitFields : HitFieldsWithHighlights);
                    hits[i] = new SearchHit(
                        doc.Get(F.Id),
                        doc.Get(F.FullName),
                        float.IsNaN(page[i].Score) ? 0 : page[i].Score,
                        highlighter?.Highlight(doc, Publications(searcher.IndexReader, page[i].Doc)) ?? EmptyHighlights);
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
                    var doc = searcher.Doc(docs[i], HitFields);
                    suggestions[i] = new NameSuggestion(doc.Get(F.Id), doc.Get(F.FullName));
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
        _rebuildLock.Dispose();
        return ValueTask.CompletedTask;
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> EmptyHighlights =
        new Dictionary<string, IReadOnlyList<string>>();

    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> EmptyFacets =
        new Dictionary<string, IReadOnlyDictionary<string, long>>();

    /// <summary>Relevance-ranked text queries go through <see cref="DisjunctionSearch"/> (sliced over the cores, pruned when allowed); null otherwise.</summary>
    private Page? SearchDisjunction(IndexSearcher searcher, Query textQuery, Query? filter, SearchQuery query, SearchSort sort, int from, int size)
    {
        if (sort != SearchSort.Relevance
            || DisjunctionSearch.TrySearch(searcher, textQuery, filter, from + size, query.TrackTotalHitsUpTo, query.WithFacets ? FacetSpecs : null,
                _options.SearchThreads) is not { } found)
        {
            return null;
        }

        return new Page(found.Hits.Skip(from).Take(size).ToArray(), found.Total, found.TotalIsLowerBound, found.Facets ?? EmptyFacets);
    }

    private static Page CollectAll(IndexSearcher searcher, Query luceneQuery, bool withFacets, SearchSort sort, int from, int size)
    {
        var top = CreateCollector(sort, Math.Max(1, from + size));
        var facets = withFacets ? new FacetCollector(top, FacetSpecs) : null;
        searcher.Search(luceneQuery, facets ?? (ICollector)top);
        return new Page(top.GetTopDocs(from, size).ScoreDocs, top.TotalHits, false, facets?.Result() ?? EmptyFacets);
    }

    private sealed record Page(ScoreDoc[] Hits, long Total, bool TotalIsLowerBound,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Facets);

    private static Query Filtered(Query query, Query filter)
    {
        // A zero-boost constant-score clause filters without moving scores (BM25 has no coord or query norm).
        var filtered = new BooleanQuery(true)
        {
            { query, Occur.MUST },
            { new ConstantScoreQuery(filter) { Boost = 0f }, Occur.MUST },
        };
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

    private static SortField HIndexDescending()
    {
        // Profiles without an h-index sort after those with 0, as Elasticsearch's default missing: _last does.
        var field = new SortField(F.HIndex, SortFieldType.INT64, true);
        field.SetMissingValue(long.MinValue);
        return field;
    }

    private static string? UserData(IndexWriter writer, string key) =>
        writer.CommitData is { } data && data.TryGetValue(key, out var value) ? value : null;

    private static ITopDocsCollector CreateCollector(SearchSort sort, int count) => sort switch
    {
        SearchSort.Name => TopFieldCollector.Create(
            new Sort(new SortField(F.NameSort, SortFieldType.STRING), SortField.FIELD_SCORE), count, false, true, false, false),
        SearchSort.HIndex => TopFieldCollector.Create(
            new Sort(HIndexDescending(),
                new SortField(F.NameSort, SortFieldType.STRING)), count, false, true, false, false),
        _ => TopScoreDocCollector.Create(count, false),
    };

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

    private void Write(Action<IndexWriter> change, string? storeStamp)
    {
        _gate.EnterReadLock();
        try
        {
            var serving = Serving();
            change(serving.Writer);
            lock (_journalLock)
            {
                if (_journal is not null)
                {
                    _journal.Add(change);
                    _journalStamp = storeStamp ?? _journalStamp;
                }
            }

            Commit(serving.Writer, storeStamp, analysis: null);
            serving.Searchers.MaybeRefreshBlocking();
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

    private void SwapTo(Generation built, string? storeStamp)
    {
        Generation? old;
        _gate.EnterWriteLock();
        try
        {
            // Writes that reached the old generation while this one was filling are replayed, so the swap loses none.
            lock (_journalLock)
            {
                foreach (var change in _journal ?? [])
                {
                    change(built.Writer);
                }

                storeStamp = _journalStamp ?? storeStamp;
                _journal = null;
            }

            Commit(built.Writer, storeStamp, AnalysisStamp);
            built.Searchers.MaybeRefreshBlocking();
            WritePointer(built.Name);
            old = _current;
            _current = built;
        }
        finally
        {
            _gate.ExitWriteLock();
        }

        if (old is not null)
        {
            old.Dispose();
            DeleteGeneration(old.Path);
        }

        _settling = Task.Run(() => MergeDown(built));
    }

    /// <summary>Completes when the background merge that follows a rebuild has finished and searches use its result.</summary>
    public Task WaitForMergesAsync() => _settling;

    private void MergeDown(Generation generation)
    {
        // A rebuilt index is searched far more than it is written: one segment means one postings reader per
        // query word instead of one per segment (a quarter less CPU per query at 100k). Merging after the swap
        // keeps the rebuild itself as short as the indexing threads make it.
        try
        {
            generation.Writer.ForceMerge(1, true);
            Commit(generation.Writer, storeStamp: null, analysis: null);
            WarmSuggestions(generation.Writer);
            generation.Searchers.MaybeRefreshBlocking();
        }
        catch (Exception) when (Volatile.Read(ref _disposed) == 1 || !ReferenceEquals(Volatile.Read(ref _current), generation))
        {
            // A later rebuild or disposal closed this generation under the merge; the merge no longer matters.
        }
    }

    private void Commit(IndexWriter writer, string? storeStamp, string? analysis)
    {
        lock (_commitLock)
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
    }

    /// <summary>
    /// Builds the suggestion structures of the writer's segments before a searcher shows them, where a rebuild or
    /// its merge would otherwise hand the build of a whole directory's to the first suggestion. The searcher opened
    /// next shares these segment cores.
    /// </summary>
    private void WarmSuggestions(IndexWriter writer)
    {
        using var reader = DirectoryReader.Open(writer, applyAllDeletes: true);
        _suggester.Warm(reader);
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

    private string? ReadPointer()
    {
        var path = Path.Combine(_root, PointerFile);
        if (!File.Exists(path))
        {
            return null;
        }

        var name = File.ReadAllText(path).Trim();
        return name.StartsWith(GenerationPrefix, StringComparison.Ordinal) ? name : null;
    }

    private void WritePointer(string name)
    {
        var path = Path.Combine(_root, PointerFile);
        var temp = path + ".tmp";
        File.WriteAllText(temp, name);
        File.Move(temp, path, overwrite: true);
    }

    private string NextGenerationName()
    {
        var highest = System.IO.Directory.Exists(_root)
            ? System.IO.Directory.EnumerateDirectories(_root, GenerationPrefix + "*")
                .Select(d => int.TryParse(Path.GetFileName(d)[GenerationPrefix.Length..], out var n) ? n : 0)
                .DefaultIfEmpty(0).Max()
            : 0;
        return $"{GenerationPrefix}{highest + 1:D4}";
    }

    private void DeleteGenerationsExcept(string keep)
    {
        foreach (var dir in System.IO.Directory.EnumerateDirectories(_root, GenerationPrefix + "*"))
        {
            if (Path.GetFileName(dir) != keep)
            {
                DeleteGeneration(dir);
            }
        }
    }

    private static void DeleteGeneration(string path)
    {
        try
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the next EnsureCreatedAsync, which removes every generation but the current one.
        }
    }

    private static bool IndexExists(string path)
    {
        if (!System.IO.Directory.Exists(path))
        {
            return false;
        }

        using var dir = FSDirectory.Open(path);
        return DirectoryReader.IndexExists(dir);
    }

    private sealed class Generation : IDisposable
    {
        private Generation(string path, string name, LuceneDirectory directory, IndexWriter writer, NameSuggester suggester)
        {
            Path = path;
            Name = name;
            Directory = directory;
            Writer = writer;
            Searchers = new SearcherManager(writer, true, new Bm25SearcherFactory(suggester));
        }

        public string Path { get; }

        public string Name { get; }

        public LuceneDirectory Directory { get; }

        public IndexWriter Writer { get; }

        public SearcherManager Searchers { get; }

        public TieredMergePolicy Merges => (TieredMergePolicy)Writer.Config.MergePolicy;

        public static Generation Open(string path, string name, IndexWriterConfig config, NameSuggester suggester)
        {
            var directory = FSDirectory.Open(path);
            try
            {
                return new Generation(path, name, directory, new IndexWriter(directory, config), suggester);
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
            Writer.Dispose();
            Directory.Dispose();
        }
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

    /// <summary>Escapes markup only: Lucene's SimpleHTMLEncoder turns every non-ASCII letter into an entity, which ruins Vietnamese.</summary>
    private sealed class MarkupEncoder : IEncoder
    {
        public string EncodeText(string originalText) => originalText
            .Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal);
    }

    private sealed class HitHighlighter(ExpertAnalyzers analyzers, HighlightTerms terms)
    {
        private readonly Highlighter _plain = Create(terms.Folded);
        private readonly Highlighter _withSynonyms = Create(terms.FoldedWithSynonyms);

        public IReadOnlyDictionary<string, IReadOnlyList<string>> Highlight(global::Lucene.Net.Documents.Document doc, string[] publications)
        {
            var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var (key, field) in LuceneDocuments.HighlightSources.Append(new(HighlightFields.Publications, F.Publications)))
            {
                var (highlighter, analyzer) = key switch
                {
                    HighlightFields.Keywords => (_withSynonyms, analyzers.Folded),
                    HighlightFields.Bio or HighlightFields.Publications => (_plain, analyzers.BioFolded),
                    _ => (_plain, analyzers.Folded),
                };
                List<string>? snippets = null;
                foreach (var text in key == HighlightFields.Publications ? publications : doc.GetValues(field))
                {
                    foreach (var fragment in highlighter.GetBestFragments(analyzer, field, text, 2))
                    {
                        if (fragment.Length > 0)
                        {
                            (snippets ??= []).Add(fragment);
                        }
                    }

                    if (snippets?.Count >= 3)
                    {
                        break;
                    }
                }

                if (snippets is not null)
                {
                    result[key] = snippets;
                }
            }

            return result;
        }

        private static Highlighter Create(IReadOnlySet<string> terms)
        {
            // QueryTermScorer matches on term text alone, so one query over the folded terms marks every folded field.
            var query = new BooleanQuery(true);
            foreach (var term in terms)
            {
                query.Add(new TermQuery(new Term("_", term)), Occur.SHOULD);
            }

            return new Highlighter(new SimpleHTMLFormatter("<em>", "</em>"), new MarkupEncoder(), new QueryTermScorer(query))
            {
                TextFragmenter = new SimpleFragmenter(160),
            };
        }
    }
}
