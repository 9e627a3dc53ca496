using ExpertNetwork.Demo;
using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Tests.Support;

namespace ExpertNetwork.Tests.Matching;

/// <summary>Training on a small demo directory, lexical features only, so it runs in seconds.</summary>
public sealed class TrainingTests : IClassFixture<TrainingTests.DemoPairs>
{
    private readonly DemoPairs _demo;

    public TrainingTests(DemoPairs demo) => _demo = demo;

    public sealed class DemoPairs
    {
        public DemoPairs()
        {
            Experts = DemoDirectory.Generate(400, seed: 7).ToList();
            var (needs, judgments) = DemoDirectory.GenerateNeeds(Experts, 40, seed: 7);
            Set = new LabelledSet("demo", needs, judgments);
            Fields = FieldClassifier.Train(FieldClassifier.Examples(Experts), seed: 7);
            var matcher = new Matcher(new BlendModel(Fields, EmbeddingScale.Default), TermStatistics.Build(Experts), null, null, 2026);
            Pairs = matcher.Pairs(Set, Experts.ToDictionary(e => e.Id));
        }

        public List<Expert> Experts { get; }

        public LabelledSet Set { get; }

        public FieldClassifier Fields { get; }

        public List<TrainingPair> Pairs { get; }
    }

    private static readonly TrainOptions Options = new() { Seed = 11, Iterations = 60 };

    [Fact]
    public void Training_with_the_same_seed_gives_the_same_model()
    {
        var first = MatchTrainer.Train(_demo.Pairs, Options, null, EmbeddingScale.Default, ["demo"]);
        var second = MatchTrainer.Train(_demo.Pairs, Options, null, EmbeddingScale.Default, ["demo"]);
        var rows = _demo.Pairs.Select(p => p.Features).ToList();

        Assert.Equal(first.RawScores(rows), second.RawScores(rows));
        Assert.Equal(first.Card.Calibration, second.Card.Calibration);
    }

    [Fact]
    public void A_saved_model_scores_the_same_after_loading()
    {
        using var directory = new TempDirectory();
        var model = MatchTrainer.Train(_demo.Pairs, Options, _demo.Fields, EmbeddingScale.Default, ["demo"]);
        var path = directory.File("model.zip");
        model.Save(path);

        var loaded = MatchModels.TryLoad(path)!;
        var rows = _demo.Pairs.Take(50).Select(p => p.Features).ToList();

        Assert.Equal(model.Score(rows), loaded.Score(rows));
        Assert.NotNull(loaded.Fields);
        Assert.Equal(model.Card.Features, loaded.Card.Features);
    }

    [Fact]
    public void Cross_validated_fits_beat_a_constant_scorer_on_demo_needs()
    {
        var scored = MatchTrainer.CrossValidate(_demo.Pairs, 4, Options, EmbeddingScale.Default);

        Assert.Equal(_demo.Pairs.Count, scored.Count);
        Assert.All(scored, s => Assert.InRange(s.Score, 0, 1));
        Assert.True(RankingMetrics.PairwiseLoss(scored) < 0.3, $"loss by need {RankingMetrics.PairwiseLoss(scored):F3}");
        Assert.True(RankingMetrics.PairwiseLoss(scored, GroupBy.Expert) < 0.4, $"loss by expert {RankingMetrics.PairwiseLoss(scored, GroupBy.Expert):F3}");
    }

    [Fact]
    public void A_trained_model_explains_a_match_with_feature_contributions()
    {
        var model = MatchTrainer.Train(_demo.Pairs, Options, _demo.Fields, EmbeddingScale.Default, ["demo"]);
        var best = _demo.Pairs.MaxBy(p => p.Relevance)!;

        var factors = model.Explain(best.Features, 5);

        Assert.NotEmpty(factors);
        Assert.All(factors, f => Assert.Contains(f.Feature, PairFeatures.All));
    }

    [Fact]
    public void Calibration_keeps_the_order_and_stays_between_zero_and_one()
    {
        double[] scores = [-2, -1, 0, 1, 2, 3];
        double[] targets = [0, 0.25, 0.25, 0.5, 1, 1];

        var calibration = Calibration.Fit(scores, targets);
        var fits = scores.Select(calibration.Apply).ToArray();

        Assert.True(calibration.A > 0);
        Assert.All(fits, f => Assert.InRange(f, 0, 1));
        Assert.True(fits.Zip(fits.Skip(1)).All(p => p.First < p.Second));
    }
}
