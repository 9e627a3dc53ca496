using ExpertNetwork.Matching;

namespace ExpertNetwork.Tests.Matching;

/// <summary>
/// LR-bench is read from ../shared beside the checkout and never copied into the repository.
/// Embedding its 1,324 abstracts takes minutes on two cores, so this test checks the lexical
/// model only; the full figure (MiniLM included) comes from 'expertnet eval' and is in the model card.
/// </summary>
public class LrBenchTests
{
    internal static string? Folder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ExpertNetwork.sln")))
            {
                var folder = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "datasets", "lr-bench"));
                return File.Exists(Path.Combine(folder, "qrels.tsv")) ? folder : null;
            }
        }

        return null;
    }

    [SkippableFact]
    public void Cross_validated_lexical_ranker_beats_the_published_tfidf_baseline_region_on_lr_bench()
    {
        var folder = Folder();
        Skip.If(folder is null, "LR-bench is not at ../shared/datasets/lr-bench beside the checkout");

        var experts = MatchingData.ReadExperts(Path.Combine(folder!, "experts.jsonl"));
        var set = MatchingData.Read(Path.Combine(folder!, "needs.jsonl"), Path.Combine(folder!, "qrels.tsv"));
        var fields = FieldClassifier.Train(FieldClassifier.Examples(experts), TrainOptions.DefaultSeed);
        var matcher = new Matcher(new BlendModel(fields, EmbeddingScale.Default), TermStatistics.Build(experts), null, null, 2026);
        var pairs = matcher.Pairs(set, experts.ToDictionary(e => e.Id));

        // Without embeddings the prior has little to go on, so the trees get the lexical features too.
        var scored = MatchTrainer.CrossValidate(pairs, 5, new TrainOptions { Features = PairFeatures.All }, EmbeddingScale.Default);
        var loss = RankingMetrics.PairwiseLoss(scored);

        Assert.Equal(337, pairs.Count);
        Assert.True(loss <= 0.27, $"5-fold CV loss by need without embeddings was {loss:F3}");

        // The fit is P(grade ≥ 4 of 5): held out, the fits must agree with how often that happens.
        var byPair = pairs.ToDictionary(p => (p.NeedId, p.ExpertId));
        var ece = RankingMetrics.CalibrationError(scored.Select(s => (s.Score, byPair[(s.NeedId, s.ExpertId)].KnowsWell)));
        Assert.True(ece <= 0.12, $"out-of-fold ECE without embeddings was {ece:F3}");
    }
}
