using System.CommandLine;
using System.Diagnostics;
using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Needs;

namespace ExpertNetwork.Cli.Matching;

public static partial class MatchCommands
{
    /// <summary>
    /// Times matching the way the app does it: top-200 candidates, vectors already in the store,
    /// features, fit scores and explanations for the top 10. Publication vectors are random unit
    /// vectors (timing does not depend on their values; embedding 100,000 profiles for real would
    /// take hours here). Candidates come from the app's directory-wide <see cref="DirectoryCandidates"/>: the lexical
    /// index's best joined by the nearest by vector. With --lr-bench, LR-bench's experts among demo profiles instead.
    /// </summary>
    public static Command Bench()
    {
        var corpus = new Option<FileInfo>("--corpus") { Description = "experts.jsonl from shared/bench/gen_corpus.py (required unless --lr-bench)" };
        var sizes = new Option<string>("--sizes") { Description = "Directory sizes to time, comma-separated", DefaultValueFactory = _ => "10000,100000" };
        var queries = new Option<FileInfo?>("--needs") { Description = "needs.jsonl to use as queries (default: titles of corpus publications)" };
        var count = new Option<int>("--queries") { Description = "Timed queries per size", DefaultValueFactory = _ => 200 };
        var trainPairs = new Option<int>("--train-pairs") { Description = "Also time training on this many synthetic labelled pairs (0: skip)", DefaultValueFactory = _ => 50_000 };
        var concurrency = new Option<string>("--concurrency") { Description = "Concurrent matches for the throughput runs, comma-separated (empty: skip)", DefaultValueFactory = _ => "1,4,8" };
        var throughputMatches = new Option<int>("--throughput-matches") { Description = "Matches per throughput run", DefaultValueFactory = _ => 400 };
        var command = new Command("match", "Time matching over directories of several sizes, and training")
        {
            corpus, sizes, queries, count, trainPairs, concurrency, throughputMatches, ModelFile, Threads, LrBench, DemoSizes, EmbeddingsFile,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var modelPath = ModelPath(parse, null);
            IFitModel model = modelPath is not null && MatchModels.TryLoad(modelPath) is { } trained ? trained : MatchModels.Fallback();
            output.WriteLine($"model: {model.Description}");
            using var embedder = new MiniLmEmbedder(parse.GetValue(Threads));
            if (parse.GetValue(LrBench) is not null)
            {
                RunScaleBench(parse, model, embedder, output, cancellationToken);
                return ExitCodes.Ok;
            }

            if (parse.GetValue(corpus) is null)
            {
                throw new CliException("give --corpus FILE or --lr-bench DIR");
            }

            foreach (var size in parse.GetValue(sizes)!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var watch = Stopwatch.StartNew();
                var experts = File.ReadLines(parse.GetValue(corpus)!.FullName).Take(size)
                    .Select(line => ExpertJson.Parse(line, []) ?? throw new CliException("corpus line is not a valid expert")).ToList();
                var loaded = watch.Elapsed.TotalSeconds;
                var statistics = TermStatistics.Build(experts);
                var analysed = watch.Elapsed.TotalSeconds - loaded;
                using var store = RandomVectors(experts);
                watch.Restart();
                var directory = new DirectoryCandidates(CandidateIndex.Build(experts), store);
                directory.RefreshVectors(experts);
                output.WriteLine($"{experts.Count} experts: read {loaded:F1} s, term statistics {analysed:F1} s, {store.Count} vectors; " +
                                 $"candidate index and {directory.Vectors.Count} expert vectors {watch.Elapsed.TotalSeconds:F1} s");

                var needs = parse.GetValue(queries) is { } file
                    ? MatchingData.ReadNeeds(file.FullName)
                    : experts.Where(e => e.Publications.Count > 0).Take(500)
                        .Select((e, i) => new Need { Id = $"q{i}", Title = e.Publications[0].Title, Description = e.Publications[0].Abstract }).ToList();
                var matcher = new Matcher(model, statistics, store, needEmbedder: null, ReferenceYear);

                // The app's path for a need seen for the first time: embedded while its word candidates are scored. Not
                // disposed here: the store and embedder belong to this command.
                MatchingEngine? engine = new MatchingEngine(model, store, embedder, ReferenceYear);
                engine.DirectoryAnalysed(statistics);
                var byId = experts.ToDictionary(e => e.Id, StringComparer.Ordinal);
                var source = directory.Source(byId);
                var n = parse.GetValue(count);
                foreach (var pass in new[] { "cold cache", "warm cache" })
                {
                    var retrieve = new List<double>();
                    var embed = new List<double>();
                    var rerank = new List<double>();
                    for (var q = 0; q < n; q++)
                    {
                        var need = needs[q % needs.Count];
                        var t = Stopwatch.StartNew();
                        var vector = embedder.Embed(NeedContext.EmbeddingText(need));
                        embed.Add(t.Elapsed.TotalMilliseconds);
                        t.Restart();
                        var candidates = directory.Top(need, vector, Matcher.DefaultCandidates).Select(id => byId[id]).ToList();
                        retrieve.Add(t.Elapsed.TotalMilliseconds);
                        t.Restart();
                        var context = NeedContext.Build(need, statistics, vector, model.Fields);
                        matcher.Rank(context, candidates, 10);
                        rerank.Add(t.Elapsed.TotalMilliseconds);
                    }

                    var total = retrieve.Zip(embed, rerank).Select(x => x.First + x.Second + x.Third).ToList();
                    var cached = retrieve.Zip(rerank, (a, b) => a + b).ToList();
                    var collections = GarbageCollections.Start();
                    var live = await PastedMatchesAsync(engine, embedder, needs, source, n, cancellationToken);
                    output.WriteLine($"  {pass}: need embedding {P(embed)}; retrieval by words and vector {P(retrieve)}; re-rank the pool {P(rerank)}; " +
                                     $"total with need vector stored {P(cached)}; total embedding the need live {P(total)}; " +
                                     $"through MatchingEngine, need embedded live while its word candidates are scored {P(live)} (p50/p95 ms); " +
                                     $"garbage collection during those {n} matches: {collections.Since(n)}");
                }

                // Its evidence cache would otherwise stay alive beside the next engine's and double the heap.
                engine = null;
                if (experts.Count <= MatchingOptions.DefaultWarmDirectoryUpTo)
                {
                    await WarmedFirstSightAsync(output, model, embedder, store, statistics, experts, needs, source, n, cancellationToken);
                }

                var levels = (parse.GetValue(concurrency) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
                if (levels.Count > 0)
                {
                    await ThroughputAsync(output, model, embedder, statistics, store, source, needs, levels, parse.GetValue(throughputMatches), cancellationToken);
                }
            }

            var pairs = parse.GetValue(trainPairs);
            if (pairs > 0)
            {
                var synthetic = SyntheticPairs(pairs, seed: 3);
                var watch = Stopwatch.StartNew();
                var trainedModel = MatchTrainer.Train(synthetic, new TrainOptions(), null, EmbeddingScale.Default, ["synthetic"]);
                output.WriteLine($"training on {pairs} labelled pairs ({trainedModel.Card.Needs} needs, {trainedModel.Card.Features.Count} tree features, blend prior, 3 calibration folds): {watch.Elapsed.TotalSeconds:F1} s");
            }

            await Task.CompletedTask;
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Milliseconds of <paramref name="n"/> matches through <paramref name="engine"/>, each need embedded live as a pasted
    /// one is: a need made from a corpus paper is that paper's text, whose vector the store holds, so each is told apart
    /// from its paper; throws unless every one was embedded.
    /// </summary>
    private static async Task<List<double>> PastedMatchesAsync(MatchingEngine engine, MiniLmEmbedder embedder, IReadOnlyList<Need> needs,
        CandidateSource source, int n, CancellationToken cancellationToken)
    {
        var live = new List<double>();
        var embeddedBefore = embedder.TextsEmbedded;
        for (var q = 0; q < n; q++)
        {
            var need = needs[q % needs.Count];
            var pasted = need with { Title = "Project: " + need.Title };
            var t = Stopwatch.StartNew();
            await engine.MatchAsync(pasted, source, 10, cancellationToken);
            live.Add(t.Elapsed.TotalMilliseconds);
        }

        if (embedder.TextsEmbedded - embeddedBefore != n)
        {
            throw new InvalidOperationException($"{n} needs matched through the engine but {embedder.TextsEmbedded - embeddedBefore} embedded");
        }

        return live;
    }

    /// <summary>
    /// First sight the way the app meets it in a directory of up to <see cref="MatchingOptions.DefaultWarmDirectoryUpTo"/>
    /// profiles: a new engine whose start-up pass analysed every profile before the first need, with what that costs.
    /// </summary>
    private static async Task WarmedFirstSightAsync(TextWriter output, IFitModel model, MiniLmEmbedder embedder, EmbeddingStore store,
        TermStatistics statistics, List<Expert> experts, IReadOnlyList<Need> needs, CandidateSource source, int n, CancellationToken cancellationToken)
    {
        GC.Collect();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        var engine = new MatchingEngine(model, store, embedder, ReferenceYear);
        engine.DirectoryAnalysed(statistics);
        var watch = Stopwatch.StartNew();
        var warmed = experts.Where(e => e.Consent.Listed).ToList();
        foreach (var expert in warmed)
        {
            engine.Warm(expert);
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var grown = (GC.GetTotalMemory(forceFullCollection: true) - heap) / 1024.0 / 1024;
        var live = await PastedMatchesAsync(engine, embedder, needs, source, n, cancellationToken);
        output.WriteLine($"  start-up pass analysing all {warmed.Count} profiles ahead (the app does up to Matching:WarmDirectoryUpTo, {MatchingOptions.DefaultWarmDirectoryUpTo}): " +
                         $"{seconds:F1} s of one core ({seconds * 1000 / Math.Max(1, warmed.Count):F2} ms each), heap +{grown:F0} MB for the analyses (the app also keeps the profiles they were made from, which this bench holds anyway); " +
                         $"then first sight through MatchingEngine, need embedded live {P(live)} (p50/p95 ms)");
        GC.KeepAlive(engine);
    }

    /// <summary>
    /// Matches per second through <see cref="MatchingEngine"/> (the app's path: candidates, features,
    /// pooled scoring, explanations for the top 10) at each number of concurrent callers. Need vectors
    /// are random and stored first, so MiniLM's own cost is not in these figures.
    /// </summary>
    private static async Task ThroughputAsync(
        TextWriter output, IFitModel model, MiniLmEmbedder embedder, TermStatistics statistics, EmbeddingStore store, CandidateSource candidates,
        IReadOnlyList<Need> needs, IReadOnlyList<int> levels, int matches, CancellationToken cancellationToken)
    {
        var random = new Random(13);
        store.Add(needs.Select(n => (TextKey.Of(NeedContext.EmbeddingText(n)), RandomUnit(random))).DistinctBy(p => p.Item1).ToList());
        // Not disposed here: the store and embedder belong to the caller.
        var engine = new MatchingEngine(model, store, embedder, ReferenceYear);
        engine.DirectoryAnalysed(statistics);
        await engine.MatchAsync(needs[0], candidates, 10, cancellationToken);
        foreach (var level in levels)
        {
            var next = -1;
            var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, level).Select(_ => Task.Run(async () =>
            {
                for (var q = Interlocked.Increment(ref next); q < matches; q = Interlocked.Increment(ref next))
                {
                    var t = Stopwatch.StartNew();
                    await engine.MatchAsync(needs[q % needs.Count], candidates, 10, cancellationToken);
                    latencies.Add(t.Elapsed.TotalMilliseconds);
                }
            }, cancellationToken)));
            output.WriteLine($"  throughput, {level} concurrent: {matches / watch.Elapsed.TotalSeconds:F1} matches/s; latency {P([.. latencies])} (p50/p95 ms)");
        }
    }

    /// <summary>Collections and pause time since <see cref="Start"/>: first sight's tail is where a collection lands.</summary>
    private readonly record struct GarbageCollections(int Gen0, int Gen1, int Gen2, TimeSpan Paused)
    {
        public static GarbageCollections Start() =>
            new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

        public string Since(int matches)
        {
            var paused = (GC.GetTotalPauseDuration() - Paused).TotalMilliseconds;
            return $"{GC.CollectionCount(0) - Gen0} collections ({GC.CollectionCount(1) - Gen1} of them reaching gen 1, {GC.CollectionCount(2) - Gen2} gen 2), " +
                   $"paused {paused:F0} ms, {paused / Math.Max(1, matches):F1} ms a match";
        }
    }

    private static float[] RandomUnit(Random random)
    {
        var vector = new float[MiniLmEmbedder.Dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(random.NextDouble() - 0.5);
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return vector.Select(v => v / norm).ToArray();
    }

    private static string P(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return $"{sorted[sorted.Length / 2]:F1}/{sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(sorted.Length * 0.95) - 1)]:F1}";
    }

    private static EmbeddingStore RandomVectors(IReadOnlyList<Expert> experts)
    {
        var store = EmbeddingStore.InMemory();
        var random = new Random(11);
        var batch = new List<(TextKey, float[])>();
        foreach (var text in experts.SelectMany(EmbeddingBackfill.TextsOf))
        {
            var vector = new float[MiniLmEmbedder.Dimensions];
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = (float)(random.NextDouble() - 0.5);
            }

            var norm = MathF.Sqrt(vector.Sum(v => v * v));
            batch.Add((TextKey.Of(text), vector.Select(v => v / norm).ToArray()));
            if (batch.Count == 10_000)
            {
                store.Add(batch);
                batch.Clear();
            }
        }

        store.Add(batch);
        return store;
    }

    private static List<TrainingPair> SyntheticPairs(int count, int seed)
    {
        var random = new Random(seed);
        var pairs = new List<TrainingPair>(count);
        for (var i = 0; i < count; i++)
        {
            var features = PairFeatures.All.Select(_ => (float)random.NextDouble()).ToArray();
            var signal = features[PairFeatures.Index(PairFeatures.EmbeddingTop3)] + features[PairFeatures.Index(PairFeatures.FieldAgreement)] + 0.3 * random.NextDouble();
            pairs.Add(new TrainingPair($"n{i / 10}", $"e{i}", signal, (float)Math.Clamp(Math.Round(signal * 1.8), 0, 4), features));
        }

        return pairs;
    }
}
