using System.CommandLine;
using System.Diagnostics;
using ExpertNetwork.Demo;
using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Needs;

namespace ExpertNetwork.Cli.Matching;

public static partial class MatchCommands
{
    private static readonly Option<DirectoryInfo?> LrBench = new("--lr-bench")
    {
        Description = "LR-bench directory (experts.jsonl, needs.jsonl, qrels.tsv): place its experts among demo profiles and measure candidate recall, loss and latency",
    };

    private static readonly Option<string> DemoSizes = new("--demo-sizes")
    {
        Description = "With --lr-bench: how many demo profiles to place its experts among, comma-separated",
        DefaultValueFactory = _ => "10000,100000",
    };

    /// <summary>
    /// LR-bench's experts among N demo profiles, matched for LR-bench's needs through the directory-wide
    /// candidates and the re-ranker, as `expertnet match --needs … --top 200` does: the share of experts graded
    /// 4–5 (and 5) in the top 200 and top 10, the pairwise loss by need (an expert left out of the top 200 scores
    /// below every one in it), and per-need latency as the match page spends it (pool re-ranked, top 10 explained).
    /// With --embeddings, the store's vectors add nearest neighbours and the need is embedded live when the store lacks it.
    /// </summary>
    private static void RunScaleBench(ParseResult parse, IFitModel model, MiniLmEmbedder embedder, TextWriter output, CancellationToken cancellationToken)
    {
        var directory = parse.GetValue(LrBench)!;
        var set = MatchingData.Read(Path.Combine(directory.FullName, "needs.jsonl"), Path.Combine(directory.FullName, "qrels.tsv"));
        var judged = MatchingData.ReadExperts(Path.Combine(directory.FullName, "experts.jsonl"));
        var embeddingsPath = parse.GetValue(EmbeddingsFile)?.FullName;
        using var store = embeddingsPath is null ? null : EmbeddingStore.Open(embeddingsPath);
        const int top = Matcher.DefaultCandidates;

        foreach (var size in parse.GetValue(DemoSizes)!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var watch = Stopwatch.StartNew();
            var experts = DemoDirectory.Generate(size).Concat(judged).ToList();
            var generated = watch.Elapsed.TotalSeconds;
            var statistics = TermStatistics.Build(experts);
            var analysed = watch.Elapsed.TotalSeconds - generated;
            var before = GC.GetTotalMemory(forceFullCollection: true);
            watch.Restart();
            var index = CandidateIndex.Build(experts);
            var indexed = watch.Elapsed.TotalSeconds;
            var indexBytes = GC.GetTotalMemory(forceFullCollection: true) - before;
            var candidates = new DirectoryCandidates(index, store);
            watch.Restart();
            candidates.RefreshVectors(experts);
            var vectorsBuilt = watch.Elapsed.TotalSeconds;
            output.WriteLine($"LR-bench ({judged.Count} experts) among {size} demo profiles: generated {generated:F1} s, term statistics {analysed:F1} s, " +
                             $"candidate index {indexed:F1} s ({indexBytes / 1e6:F0} MB); " +
                             (store is null ? "no vectors" : $"{candidates.Vectors.Count} expert vectors from {store.Count} stored in {vectorsBuilt:F1} s"));

            if (store is null)
            {
                output.WriteLine($"  brute-force vector scan over {experts.Count} experts (random unit vectors, one per expert): {ScanCost(experts, set.Needs.Count)} (p50/p95 ms)");
            }

            var byId = experts.ToDictionary(e => e.Id, StringComparer.Ordinal);
            var matcher = new Matcher(model, statistics, store, store is null ? null : embedder, ReferenceYear);
            var needs = set.Needs.ToDictionary(n => n.Id, StringComparer.Ordinal);
            foreach (var pass in new[] { "cold cache", "warm cache" })
            {
                var lexical = new List<double>();
                var retrieve = new List<double>();
                var rerank = new List<double>();
                var lexicalPools = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
                var pools = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
                var results = new Dictionary<string, IReadOnlyList<MatchResult>>(StringComparer.Ordinal);
                foreach (var need in set.Needs)
                {
                    var t = Stopwatch.StartNew();
                    var lexicalIds = index.Top(need, top);
                    lexical.Add(t.Elapsed.TotalMilliseconds);
                    t.Restart();
                    var vector = NeedContext.VectorOf(need, store, embedder);
                    var ids = candidates.Top(need, vector, top);
                    retrieve.Add(t.Elapsed.TotalMilliseconds);
                    t.Restart();
                    var pool = ids.Select(id => byId[id]).ToList();
                    var context = matcher.Prepare(need, vector);
                    matcher.Rank(context, pool, 10);
                    rerank.Add(t.Elapsed.TotalMilliseconds);

                    // Not timed: explaining all 200 is what --top 200 asks for, not what a match page does.
                    results[need.Id] = matcher.Rank(context, pool, top);
                    lexicalPools[need.Id] = lexicalIds.ToHashSet(StringComparer.Ordinal);
                    pools[need.Id] = ids.ToHashSet(StringComparer.Ordinal);
                }

                var total = retrieve.Zip(rerank, (a, b) => a + b).ToList();
                output.WriteLine($"  {pass}: lexical retrieval {P(lexical)}; retrieval with vectors (need embedded live if not stored) {P(retrieve)}; " +
                                 $"re-rank pool + explain top 10 {P(rerank)}; total {P(total)} (p50/p95 ms over {set.Needs.Count} needs)");
                if (pass != "warm cache")
                {
                    continue;
                }

                string Recall(double minGrade, Func<Judgment, bool> found)
                {
                    var relevant = set.Judgments.Where(j => j.Grade >= minGrade && needs.ContainsKey(j.NeedId)).ToList();
                    var hits = relevant.Count(found);
                    return $"{hits}/{relevant.Count} = {100.0 * hits / Math.Max(1, relevant.Count):F1} %";
                }

                bool InTop(Judgment j, int k) => results[j.NeedId].Any(r => r.Rank <= k && r.ExpertId == j.ExpertId);
                foreach (var grade in new[] { 4.0, 5.0 })
                {
                    output.WriteLine($"  graded ≥ {grade}: lexical candidates {Recall(grade, j => lexicalPools[j.NeedId].Contains(j.ExpertId))}; " +
                                     $"candidate pool {Recall(grade, j => pools[j.NeedId].Contains(j.ExpertId))} (mean {pools.Values.Average(p => p.Count):F0} per need); " +
                                     $"top {top} {Recall(grade, j => InTop(j, top))}; top 10 {Recall(grade, j => InTop(j, 10))}");
                }

                var scored = set.Judgments.Where(j => needs.ContainsKey(j.NeedId))
                    .Select(j => new ScoredJudgment(j.NeedId, j.ExpertId, j.Grade, results[j.NeedId].FirstOrDefault(r => r.ExpertId == j.ExpertId)?.Score ?? -1))
                    .ToList();
                output.WriteLine($"  pairwise loss by need {RankingMetrics.PairwiseLossInterval(scored)}; NDCG@10 {RankingMetrics.NdcgInterval(scored)} " +
                                 $"(an expert outside the top {top} scores below all in it)");
            }
        }
    }

    private static string ScanCost(IReadOnlyList<Expert> experts, int queries)
    {
        var random = new Random(5);
        float[] Random()
        {
            var vector = new float[MiniLmEmbedder.Dimensions];
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = (float)(random.NextDouble() - 0.5);
            }

            var norm = MathF.Sqrt(vector.Sum(v => v * v));
            return vector.Select(v => v / norm).ToArray();
        }

        var store = EmbeddingStore.InMemory();
        store.Add(experts.Select(e => EmbeddingBackfill.TextsOf(e).FirstOrDefault()).OfType<string>().Select(t => (TextKey.Of(t), Random())).ToList());
        var neighbours = VectorNeighbours.Build(experts, store);
        var times = new List<double>();
        for (var q = 0; q < queries; q++)
        {
            var need = Random();
            var t = Stopwatch.StartNew();
            neighbours.Top(need, (int)Math.Ceiling(Matcher.DefaultCandidates * DirectoryCandidates.VectorShare));
            times.Add(t.Elapsed.TotalMilliseconds);
        }

        return P(times);
    }
}
