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

        var factors = model.Explain(best.Features, 5).Factors;

        Assert.NotEmpty(factors);
        Assert.All(factors, f => Assert.Contains(f.Feature, PairFeatures.All));
    }

    [Fact]
    public void Explanations_add_up_to_the_fit_on_the_logit_scale()
    {
        var model = MatchTrainer.Train(_demo.Pairs, Options, _demo.Fields, EmbeddingScale.Default, ["demo"]);
        foreach (var pair in _demo.Pairs.Where((_, i) => i % 37 == 0))
        {
            var fit = model.Score([pair.Features])[0];
            var shown = model.Explain(pair.Features, 5);
            var all = model.Explain(pair.Features, PairFeatures.All.Count);

            Assert.Equal(fit, Calibration.Sigmoid(shown.Logit), 9);
            Assert.Equal(shown.Logit, shown.Baseline + shown.Factors.Sum(f => f.Contribution) + shown.Others, 9);
            Assert.Equal(shown.Logit, all.Baseline + all.Factors.Sum(f => f.Contribution), 6);
            Assert.Equal(0, all.Others, 6);
        }
    }

    [Fact]
    public void A_same_field_factor_never_counts_against_an_expert_in_the_needs_field()
    {
        var model = MatchTrainer.Train(_demo.Pairs, Options with { Features = PairFeatures.All.Where(f => f != PairFeatures.InField).ToList(), Prior = "none" }, _demo.Fields, EmbeddingScale.Default, ["demo"]);
        var blend = new BlendModel(_demo.Fields, EmbeddingScale.Default);
        var inField = PairFeatures.Index(PairFeatures.InField);
        var agreement = PairFeatures.Index(PairFeatures.FieldAgreement);
        var checkedRows = 0;
        foreach (var pair in _demo.Pairs)
        {
            // Weak agreement (an expert who declares several fields) is where a learnt split can turn against them.
            foreach (var value in new[] { 0.2f, 0.5f, pair.Features[agreement] })
            {
                var row = (float[])pair.Features.Clone();
                row[agreement] = value;
                row[inField] = 1;
                foreach (IFitModel scorer in new IFitModel[] { model, blend })
                {
                    var factors = scorer.Explain(row, PairFeatures.All.Count).Factors;
                    Assert.All(factors.Where(f => PairFeatures.FieldFactors.Contains(f.Feature)), f => Assert.True(f.Contribution >= 0, $"{f.Description} {f.Contribution:F3}"));
                }

                checkedRows++;
            }
        }

        Assert.True(checkedRows > 100);
    }

    [Fact]
    public void Concurrent_scoring_gives_the_same_fits_as_one_caller()
    {
        var model = MatchTrainer.Train(_demo.Pairs, Options, _demo.Fields, EmbeddingScale.Default, ["demo"]);
        var rows = _demo.Pairs.Select(p => p.Features).ToList();
        var expected = model.Score(rows);

        var results = new double[8][];
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = model.Score(rows));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void The_fit_is_calibrated_on_human_grades_when_there_are_any()
    {
        // The generated pairs say nothing about people's own ratings; a human-judged subset, here 25 needs, calibrates.
        var humanNeeds = _demo.Pairs.Select(p => p.NeedId).Distinct().Take(25).ToHashSet();
        var pairs = _demo.Pairs.Select(p => p with { Human = humanNeeds.Contains(p.NeedId) }).ToList();

        var mixed = MatchTrainer.Train(pairs, Options, null, EmbeddingScale.Default, ["demo"]);
        var generated = MatchTrainer.Train(pairs.Select(p => p with { Human = false }).ToList(), Options, null, EmbeddingScale.Default, ["demo"]);

        Assert.StartsWith($"grade ≥ 4 of 5 on {pairs.Count(p => p.Human)} training human-judged pairs", mixed.Card.CalibratedOn);
        Assert.Contains("generated", generated.Card.CalibratedOn);
        Assert.NotEqual(mixed.Card.Calibration, generated.Card.Calibration);
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
