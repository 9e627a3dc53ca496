using System.ComponentModel.DataAnnotations;
using ExpertNetwork.Experts;
using ExpertNetwork.Needs;
using ExpertNetwork.Search;
using ExpertNetwork.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExpertNetwork.Matching;

public sealed class MatchingOptions
{
    public const string Section = "Matching";

    public const int DefaultWarmDirectoryUpTo = 20_000;

    /// <summary>Trained model; default &lt;data&gt;/expert-match.zip, then ml-models/expert-match.zip beside the app.</summary>
    public string? ModelPath { get; set; }

    /// <summary>Embedding store; default &lt;data&gt;/embeddings.bin.</summary>
    public string? EmbeddingsPath { get; set; }

    public const int MaxThreads = 256;

    [Range(1, MaxThreads)]
    public int EmbeddingThreads { get; set; } = 1;

    /// <summary>Background embedding threads, each with a model session of its own; all at the lowest priority.</summary>
    [Range(1, MaxThreads)]
    public int EmbeddingWorkers { get; set; } = Math.Min(Environment.ProcessorCount, MaxThreads);

    public bool EmbedInBackground { get; set; } = true;

    [Range(10, 5_000)]
    public int Candidates { get; set; } = Matcher.DefaultCandidates;

    /// <summary>
    /// A directory of up to this many listed profiles is analysed for matching whole during the start-up pass, before
    /// any need asks: a profile's first time as a candidate otherwise costs about 0.25 ms of a core, most of a new
    /// need's time. About 16 KB a profile then stay in memory (the profile and its analysis), as they would once needs
    /// had touched them all. A larger directory is analysed as needs reach it: a part analysed ahead measured no faster.
    /// </summary>
    [Range(0, Matcher.DefaultEvidenceCapacity / 2)]
    public int WarmDirectoryUpTo { get; set; } = DefaultWarmDirectoryUpTo;
}

/// <summary>What the app says about matching: which model, and how far embedding has got.</summary>
public sealed record MatchingStatus(string Model, bool Trained, bool DirectoryAnalysed, int EmbeddingsDone, int EmbeddingsTotal, int StoredVectors)
{
    public override string ToString() =>
        $"matching: {Model}; directory {(DirectoryAnalysed ? "analysed" : "being analysed")}; embeddings {EmbeddingsDone}/{EmbeddingsTotal} new texts done, {StoredVectors} stored";
}

/// <summary>
/// One match: the ranked experts, and how far the candidates were compared by meaning. While any
/// candidate lacks stored vectors (or the directory is still being read) the ranking is provisional:
/// it can change once embedding catches up; after that the same need gives the same ranking.
/// </summary>
public sealed record MatchOutcome(IReadOnlyList<MatchResult> Results, int Candidates, int CandidatesWithoutVectors, bool DirectoryAnalysed)
{
    /// <summary>Below this top fit no expert is likely to know the need well, and the page says so instead of listing "matches".</summary>
    public const double StrongFit = 0.3;

    public bool Provisional => CandidatesWithoutVectors > 0 || !DirectoryAnalysed;

    public bool StrongMatch => Results.Count > 0 && Results.Max(r => r.Score) >= StrongFit;

    /// <summary>The need's mistyped words and the directory's words they were read as (<see cref="Misspellings"/>).</summary>
    public IReadOnlyList<SpellingCorrection> ReadAs { get; init; } = [];
}

/// <summary>
/// The app's matcher, and the command line's. It serves from the first request: until the background pass has read the
/// whole directory, term statistics come from each query's own candidates, and profiles without
/// stored vectors are scored on their other features.
/// </summary>
public sealed class MatchingEngine : IDisposable
{
    private readonly IFitModel _model;
    private readonly EmbeddingStore _store;
    private readonly Lazy<MiniLmEmbedder> _embedder;
    private readonly int _referenceYear;
    private Matcher? _matcher;
    private EmbeddingProgress _progress = new(0, 0);

    /// <summary>For the command line: a given model, store and embedder; the caller reports the directory with <see cref="DirectoryAnalysed"/>.</summary>
    public MatchingEngine(IFitModel model, EmbeddingStore store, MiniLmEmbedder embedder, int referenceYear)
    {
        _model = model;
        _store = store;
        _embedder = new Lazy<MiniLmEmbedder>(() => embedder);
        _referenceYear = referenceYear;
    }

    public MatchingEngine(IOptions<MatchingOptions> options, IOptions<StorageOptions> storage, TimeProvider clock, ILogger<MatchingEngine> logger)
    {
        var data = storage.Value.DataDirectory;
        var modelPath = ResolveModelPath(options.Value.ModelPath, data);
        if (modelPath is not null && MatchModels.TryLoad(modelPath) is { } trained)
        {
            _model = trained;
            logger.LogInformation("Matching with {Model} from {Path}", trained.Description, modelPath);
        }
        else
        {
            _model = MatchModels.Fallback();
            logger.LogWarning("No trained matching model found (looked for {Path}); matching falls back to the unsupervised blend", modelPath ?? Path.Combine(data, MatchModels.DefaultFileName));
        }

        _store = EmbeddingStore.Open(options.Value.EmbeddingsPath ?? Path.Combine(data, EmbeddingStore.FileName));
        _embedder = new Lazy<MiniLmEmbedder>(() => new MiniLmEmbedder(options.Value.EmbeddingThreads));
        _referenceYear = clock.GetUtcNow().Year;
    }

    public IFitModel Model => _model;

    public EmbeddingStore Store => _store;

    public MiniLmEmbedder Embedder => _embedder.Value;

    /// <summary>Directory-wide candidates, once the start-up pass has read the directory; null until then.</summary>
    public DirectoryCandidates? Candidates { get; internal set; }

    public MatchingStatus Status => new(_model.Description, _model.IsTrained, _matcher is not null, _progress.Done, _progress.Total, _store.Count);

    public static string? ResolveModelPath(string? configured, string dataDirectory) =>
        new[]
        {
            configured,
            Path.Combine(dataDirectory, MatchModels.DefaultFileName),
            Path.Combine(AppContext.BaseDirectory, "ml-models", MatchModels.DefaultFileName),
        }.FirstOrDefault(p => !string.IsNullOrWhiteSpace(p) && File.Exists(p));

    /// <summary>
    /// Embeds the need on a thread of its own while the candidates found by words are read and their lexical features
    /// computed (a new need's embedding is most of its match); then adds the nearest by vector and scores them all.
    /// </summary>
    public async Task<MatchOutcome> MatchAsync(Need need, CandidateSource candidates, int top = 20, CancellationToken cancellationToken = default)
    {
        var analysed = _matcher;
        need = Corrected(need, analysed, out var corrections);
        var vector = Task.Run(() => NeedContext.VectorOf(need, _store, _embedder.Value, analysed?.Statistics), cancellationToken);
        var pool = candidates(need, vector, Math.Max(Matcher.DefaultCandidates, top), cancellationToken);
        var byWords = await pool.ByWords;
        var matcher = analysed ?? new Matcher(_model, TermStatistics.Build(byWords), _store, _embedder.Value, _referenceYear);
        var context = matcher.Prepare(need, null);
        var pending = matcher.Begin(context, byWords);
        var byMeaning = await pool.ByMeaning;
        var results = matcher.Complete(pending, context with { Embedding = await vector }, byMeaning, top);
        var listed = byWords.Concat(byMeaning).Where(e => e.Consent.Listed).DistinctBy(e => e.Id).ToList();
        return new MatchOutcome(results, byWords.Count + byMeaning.Count, listed.Count(e => !matcher.FullyEmbedded(e)), analysed is not null)
        {
            ReadAs = corrections,
        };
    }

    /// <summary>
    /// The need with its mistyped words as the directory writes them (<see cref="Misspellings"/>), as a match reads it;
    /// as it is until the directory is analysed.
    /// </summary>
    public Need Corrected(Need need, out IReadOnlyList<SpellingCorrection> corrections) => Corrected(need, _matcher, out corrections);

    private static Need Corrected(Need need, Matcher? analysed, out IReadOnlyList<SpellingCorrection> corrections)
    {
        corrections = [];
        return analysed is null ? need : Misspellings.Corrected(need, analysed.Statistics, out corrections);
    }

    public void DirectoryAnalysed(TermStatistics statistics) =>
        _matcher = new Matcher(_model, statistics, _store, _embedder.Value, _referenceYear);

    /// <summary>Analyses a profile for matching now (see <see cref="MatchingOptions.WarmDirectoryUpTo"/>); nothing before <see cref="DirectoryAnalysed"/>.</summary>
    public void Warm(Expert expert) => _matcher?.Evidence(expert);

    internal int WarmedProfiles => _matcher?.CachedEvidenceCount ?? 0;

    internal void Report(EmbeddingProgress progress) => _progress = progress;

    public void Dispose()
    {
        _store.Dispose();
        if (_embedder.IsValueCreated)
        {
            _embedder.Value.Dispose();
        }
    }
}

/// <summary>
/// At start-up: reads the directory once for term statistics, then embeds every publication and
/// profile text the store lacks, reporting progress to <see cref="MatchingEngine.Status"/>. Embedding
/// runs on a thread of its own at the lowest priority and waits between batches while requests are in
/// flight, so searches keep their speed; it stops between two batches on shutdown. One process on a
/// data directory embeds at a time (<c>embeddings.bin.backfill.lock</c>); the others read its vectors as
/// they land and take over if it stops. When the backlog is empty it logs "Matching: embedding backlog empty", the
/// moment matching is fully informed.
/// </summary>
public sealed class EmbeddingWorker(
    MatchingEngine engine, ExpertStore experts, ForegroundActivity foreground, IOptions<MatchingOptions> options, IOptions<StorageOptions> storage,
    ILogger<EmbeddingWorker> logger) : BackgroundService
{
    private static readonly TimeSpan FollowInterval = TimeSpan.FromSeconds(30);

    private Task _pass = Task.CompletedTask;

    /// <summary>
    /// Also waits for the embedding pass to stop at its next batch: the host gives up waiting for <see cref="ExecuteAsync"/>
    /// after its shutdown timeout and then disposes the models and ends the process, which must not happen under a model run.
    /// </summary>
    public override void Dispose()
    {
        base.Dispose();
        try
        {
            Volatile.Read(ref _pass).Wait();
        }
        catch (AggregateException)
        {
            // The pass's own outcome was logged or is cancellation; only its end matters here.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Both passes over the store give way to requests in flight, as embedding does: at 50,000 profiles they
            // are about half a minute of a core, and the app serves from the first request meanwhile.
            var statistics = new TermStatistics();
            var texts = new List<string>();
            var read = 0;
            await foreach (var stored in experts.StreamAsync(cancellationToken: stoppingToken))
            {
                if (++read % DirectoryCandidates.ProfilesBetweenYields == 0)
                {
                    await foreground.WaitForQuietAsync(stoppingToken);
                }

                if (stored.Expert.Consent.Listed)
                {
                    statistics.Add(stored.Expert);
                    texts.AddRange(EmbeddingBackfill.TextsOf(stored.Expert));
                }
            }

            engine.DirectoryAnalysed(statistics);
            var warm = statistics.Experts <= options.Value.WarmDirectoryUpTo;
            engine.Candidates = await DirectoryCandidates.LoadAsync(experts, engine.Store, stoppingToken, foreground,
                also: expert =>
                {
                    if (warm && expert.Consent.Listed)
                    {
                        engine.Warm(expert);
                    }
                });
            logger.LogInformation("Matching: analysed {Experts} listed experts, {Warmed} of them ready for their first need", statistics.Experts, engine.WarmedProfiles);
            var backfillLock = new CrossProcessLock(Path.Combine(storage.Value.DataDirectory, EmbeddingStore.FileName + ".backfill.lock"));
            var embedded = false;
            while (!stoppingToken.IsCancellationRequested)
            {
                engine.Store.Refresh();
                await FollowCandidatesAsync(stoppingToken);
                if (!embedded && options.Value.EmbedInBackground && backfillLock.TryAcquire() is { } held)
                {
                    using (held)
                    {
                        engine.Store.Refresh();

                        // Loaded here, at normal priority: a request that needs the model waits for whoever loads it,
                        // and a lowest-priority thread on a busy machine could keep it waiting for minutes.
                        var model = engine.Embedder;
                        var pass = BackgroundThread.RunAsync("expertnet-embedding", () =>
                        {
                            try
                            {
                                return new EmbeddingBackfill(model, engine.Store, foreground, options.Value.EmbeddingWorkers)
                                    .Embed(texts, new Progress<EmbeddingProgress>(engine.Report), stoppingToken);
                            }
                            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                            {
                                // Said from the pass's own thread, so it is written before anything the pass used is disposed.
                                logger.LogInformation("Matching: embedding stopped for shutdown; the texts still without vectors are embedded on the next start");
                                throw;
                            }
                        });
                        Volatile.Write(ref _pass, pass);
                        var count = await pass;
                        logger.LogInformation(
                            "Matching: embedding backlog empty {Seconds:F0} s after the process started: embedded {Count} new texts, {Stored} vectors stored",
                            (DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalSeconds, count, engine.Store.Count);
                        embedded = true;
                        await FollowCandidatesAsync(stoppingToken);
                    }
                }

                // Vectors another process (a second app, `expertnet embed`) writes are read as they land, and profiles stored
                // since the last look join the candidates.
                await Task.Delay(FollowInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task FollowCandidatesAsync(CancellationToken stoppingToken)
    {
        try
        {
            await engine.Candidates!.FollowAsync(experts, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Matching: could not bring the candidates up to date with the store; trying again later");
        }
    }
}

/// <summary>Where candidates come from: the search index's top K in the app, a plain list elsewhere.</summary>
public static class MatchCandidates
{
    public static CandidateSource FromList(IReadOnlyList<Expert> experts) => (_, _, _, _) => CandidatePool.Of(experts);

    public static CandidateSource FromSearch(ISearchIndex index, ExpertStore store) => (need, _, limit, cancellationToken) =>
        CandidatePool.ByWordsOnly(SearchAsync(index, store, need, limit, cancellationToken));

    private static async Task<IReadOnlyList<Expert>> SearchAsync(ISearchIndex index, ExpertStore store, Need need, int limit, CancellationToken cancellationToken)
    {
        // Only the top K matter here, so the engine may skip what cannot reach them instead of counting every match.
        var query = new SearchQuery
        {
            Text = QueryText(need), Size = limit, WithFacets = false, WithHighlights = false, TrackTotalHitsUpTo = 1_000, Matching = SearchMatching.Recall,
        };
        var result = await index.SearchAsync(query, cancellationToken);
        var ids = result.Hits.Select(h => h.Id).ToList();
        var found = (await store.GetManyAsync(ids, cancellationToken)).ToDictionary(s => s.Expert.Id, s => s.Expert, StringComparer.Ordinal);
        return ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
    }

    /// <summary>
    /// A lexical query for retrieval: title, keywords, what a short need's acronyms stand for (all of them: a retrieval
    /// query only gains from either form), English glosses and the start of the description. Whole abstracts make slow
    /// queries that match everything.
    /// </summary>
    public static string QueryText(Need need)
    {
        var description = string.Join(' ', (need.Description ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(40));
        var keywords = string.Join(", ", need.Keywords);
        var spelledOut = string.Join(", ", SkillConcepts.SpelledOut(need.TextWithKeywords));
        var parts = new[] { need.Title, keywords, spelledOut, FieldLexicon.EnglishGlosses(need.Text), description };
        return string.Join(". ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
    }
}

public static class MatchingServices
{
    /// <summary>Registers the matching engine and its start-up worker; call after AddExpertNetwork.</summary>
    public static IServiceCollection AddExpertMatching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MatchingOptions>().Bind(configuration.GetSection(MatchingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MatchingEngine>();
        services.AddSingleton<ForegroundActivity>();
        services.AddHostedService<EmbeddingWorker>();
        return services;
    }
}
