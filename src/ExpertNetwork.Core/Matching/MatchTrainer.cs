using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace ExpertNetwork.Matching;

/// <summary>
/// One judged pair ready for training: its group, its relevance on 0–4, its features, its weight in
/// training, and whether a person gave the grade (only those calibrate the fit).
/// </summary>
public sealed record TrainingPair(string NeedId, string ExpertId, double Grade, float Relevance, float[] Features, float Weight = 1, bool Human = true)
{
    /// <summary>Relevance 3–4 of 0–4 is a grade of 4 or 5 of 5: the event the fit score is the probability of.</summary>
    public const float KnowsWellRelevance = 3;

    public bool KnowsWell => Relevance >= KnowsWellRelevance;
}

/// <summary>
/// Trainer settings. The defaults are deliberately conservative (few leaves, many examples per
/// leaf, L2): the labelled sets are small, and the model is judged on data it never sees.
/// </summary>
public sealed record TrainOptions
{
    public const int DefaultSeed = 20260;

    public int Seed { get; init; } = DefaultSeed;

    /// <summary>"lambdarank" orders within a need; "regression" fits relevance directly, which keeps scores comparable across needs.</summary>
    public string Objective { get; init; } = "regression";

    public string Trainer { get; init; } = "lightgbm";

    public int Iterations { get; init; } = 150;

    public int Leaves { get; init; } = 6;

    public int MinimumExamplesPerLeaf { get; init; } = 20;

    public double LearningRate { get; init; } = 0.04;

    public double L2 { get; init; } = 2.0;

    /// <summary>
    /// Folds whose out-of-fold scores fit the calibration; 0 or 1 (the default) fits it on the model's own
    /// training scores. Inner-fold models put human-judged pairs on another level than the full model
    /// (LR-bench: out-of-fold ECE 0.068 with 3 inner folds and 0.050 without, and the shipped model's own fits
    /// 0.29 off against 0.05). That holds while the trees cannot fit the human-judged pairs; trees that can
    /// (LR-bench alone, all features) are over-confident on their training scores (ECE 0.13 against 0.04 with
    /// 3 inner folds). The outer cross-validation, calibrator inside each fold, tells which applies.
    /// </summary>
    public int CalibrationFolds { get; init; }

    public IReadOnlyList<string> Features { get; init; } = PairFeatures.TreeDefaults;

    /// <summary>"blend": the trees correct the unsupervised blend (regression only); "none": they start from nothing.</summary>
    public string Prior { get; init; } = "blend";

    /// <summary>
    /// "knows-well": Platt scaling on held-out scores of human-judged pairs against grade ≥ 4 of 5, so the
    /// fit is that probability. "relevance": the former target, relevance/4 of every set, generated ones
    /// included; kept to measure what the change did.
    /// </summary>
    public string Calibration { get; init; } = "knows-well";

    /// <summary>
    /// "human": generated grades' residuals are put into human-graded units before the trees learn them
    /// (see <c>MatchTrainer.FitWithPrior</c>); "as-is": every set's relevance on 0–4 is taken as one scale,
    /// the former recipe, kept to measure what the change did.
    /// </summary>
    public string GeneratedUnits { get; init; } = "human";
}

public static class MatchTrainer
{
    /// <summary>Fewer human-judged pairs than this cannot pin down two calibration parameters; generated labels are used then, and the card says so.</summary>
    public const int MinimumCalibrationPairs = 30;

    public static RankerModel Train(
        IReadOnlyList<TrainingPair> pairs, TrainOptions options, FieldClassifier? fields, EmbeddingScale scale, IReadOnlyList<string> trainedOn)
    {
        var usePrior = options.Prior == "blend" && options.Objective != "lambdarank";

        // The default tree features assume the prior carries publication text; without it the trees need everything.
        if (!usePrior && ReferenceEquals(options.Features, PairFeatures.TreeDefaults))
        {
            options = options with { Features = PairFeatures.All };
        }

        var columns = options.Features.Select(PairFeatures.Index).ToArray();
        var fitted = FitWithPrior(pairs, columns, options, usePrior);

        // Held-out scores of the pairs that calibrate: people's grades when there are enough of them, else every pair.
        var relevance = options.Calibration == "relevance";
        var human = pairs.Count(p => p.Human);
        var humanOnly = !relevance && human >= MinimumCalibrationPairs && pairs.Any(p => p.Human && p.KnowsWell) && pairs.Any(p => p.Human && !p.KnowsWell);
        bool Calibrates(TrainingPair p) => !humanOnly || p.Human;

        // Platt's own targets, (N₊ + 1)/(N₊ + 2) and 1/(N₋ + 2): separable held-out scores would otherwise drive the slope to infinity.
        var positives = pairs.Count(p => Calibrates(p) && p.KnowsWell);
        var negatives = pairs.Count(p => Calibrates(p) && !p.KnowsWell);
        double Target(TrainingPair p) => relevance ? p.Relevance / 4.0 : p.KnowsWell ? (positives + 1.0) / (positives + 2) : 1.0 / (negatives + 2);

        var calibrationScores = new List<double>();
        var calibrationTargets = new List<double>();
        var needs = pairs.Select(p => p.NeedId).Distinct().Order(StringComparer.Ordinal).ToArray();
        var heldOut = options.CalibrationFolds > 1 && needs.Length >= 2 * options.CalibrationFolds;
        if (heldOut)
        {
            foreach (var (train, test) in Folds(pairs, options.CalibrationFolds, options.Seed + 1))
            {
                var fold = FitWithPrior(train, columns, options, usePrior);
                var held = test.Where(Calibrates).ToList();
                calibrationScores.AddRange(fold.Raw(held));
                calibrationTargets.AddRange(held.Select(Target));
            }
        }
        else
        {
            var held = pairs.Where(Calibrates).ToList();
            calibrationScores.AddRange(fitted.Raw(held));
            calibrationTargets.AddRange(held.Select(Target));
        }

        var card = new ModelCard
        {
            Trainer = fitted.Trainer,
            Objective = options.Objective,
            Features = options.Features,
            Prior = usePrior ? fitted.Prior : null,
            Scale = scale,
            Calibration = Calibration.Fit(calibrationScores, calibrationTargets),
            CalibratedOn = relevance
                ? $"relevance/4 of {calibrationScores.Count} {(heldOut ? "held-out" : "training")} pairs of every set"
                : $"grade ≥ 4 of 5 on {calibrationScores.Count} {(heldOut ? "held-out" : "training")} {(humanOnly ? "human-judged" : "generated (no human grades given)")} pairs",
            Seed = options.Seed,
            Pairs = pairs.Count,
            Needs = needs.Length,
            TrainedOn = trainedOn,
            Embeddings = MiniLmEmbedder.ModelTag,
            TrainedAt = DateTimeOffset.UtcNow,
            Options = options,
        };
        return new RankerModel(fitted.Ml, fitted.Ranker, card, fields);
    }

    private sealed record Fitted(MLContext Ml, ITransformer Ranker, string Trainer, PriorMap Prior, int[] Columns, bool UsePrior)
    {
        public double[] Raw(IReadOnlyList<TrainingPair> pairs)
        {
            var trees = Predict(Ml, Ranker, pairs, Columns).ToArray();
            return pairs.Select((p, i) => trees[i] + (UsePrior ? Prior.Intercept + Prior.Slope * BlendModel.Logit(p.Features) : 0)).ToArray();
        }
    }

    /// <summary>
    /// With a prior, the trees learn only what the unsupervised blend gets wrong: relevance is
    /// first regressed on the blend (two parameters), and the booster fits the residual. Small
    /// labelled sets then cannot pull the model far from a scorer known to work, and larger ones
    /// can still teach it the field, location and engagement effects the blend only guesses.
    ///
    /// Grades given by people and grades generated by construction are not on one scale: a generated
    /// "same field" grade maps to relevance 3 of 4 although being in the field says little about knowing
    /// a need well (every LR-bench expert shares its field and 42 % of its pairs are graded 4–5). The
    /// calibrator only ever sees human-graded scores, so generated residuals are first put into human
    /// units: each source's relevance is regressed on the blend on its own, and a generated unit is worth
    /// human slope / generated slope of a human one (never more than 1). Without that the trees learnt
    /// generated units, which the calibrator read as human ones: +8 on the logit scale for "same field" on
    /// the demo directory, and a top ten all at 1.00.
    /// </summary>
    private static Fitted FitWithPrior(IReadOnlyList<TrainingPair> pairs, int[] columns, TrainOptions options, bool usePrior)
    {
        var prior = new PriorMap(0, 0);
        var labels = pairs.Select(p => (double)p.Relevance).ToArray();
        if (usePrior)
        {
            var blend = pairs.Select(p => BlendModel.Logit(p.Features)).ToArray();
            var weights = pairs.Select(p => (double)p.Weight).ToArray();
            var joint = LeastSquares(blend, labels, weights);
            var human = LeastSquares(blend, labels, weights.Select((w, i) => pairs[i].Human ? w : 0).ToArray());
            var generated = LeastSquares(blend, labels, weights.Select((w, i) => pairs[i].Human ? 0 : w).ToArray());
            var separate = options.GeneratedUnits == "human" && human.Valid && generated.Valid && human.Slope > 0 && generated.Slope > 0;
            var (intercept, slope) = separate ? (human.Intercept, human.Slope) : (joint.Intercept, joint.Slope);
            var scale = separate ? Math.Min(1, human.Slope / generated.Slope) : 1;
            prior = new PriorMap(intercept, slope) { GeneratedScale = separate ? scale : null };
            labels = labels.Select((l, i) => separate && !pairs[i].Human
                ? scale * (l - (generated.Intercept + generated.Slope * blend[i]))
                : l - (intercept + slope * blend[i])).ToArray();
        }

        var (ml, ranker, trainer) = Fit(pairs, labels, columns, options);
        return new Fitted(ml, ranker, trainer, prior, columns, usePrior);
    }

    private static (double Intercept, double Slope, bool Valid) LeastSquares(double[] x, double[] y, double[] w)
    {
        var total = w.Sum();
        if (total <= 0)
        {
            return (0, 0, false);
        }

        var mx = x.Select((v, i) => w[i] * v).Sum() / total;
        var my = y.Select((v, i) => w[i] * v).Sum() / total;
        var sxx = x.Select((v, i) => w[i] * (v - mx) * (v - mx)).Sum();
        var slope = sxx == 0 ? 0 : Math.Max(0, x.Select((v, i) => w[i] * (v - mx) * (y[i] - my)).Sum() / sxx);
        return (my - slope * mx, slope, sxx > 0);
    }

    /// <summary>K folds of whole needs, shuffled with the seed: no need is ever on both sides.</summary>
    public static IEnumerable<(List<TrainingPair> Train, List<TrainingPair> Test)> Folds(IReadOnlyList<TrainingPair> pairs, int folds, int seed)
    {
        var needs = pairs.Select(p => p.NeedId).Distinct().Order(StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(needs);
        var foldOf = needs.Select((n, i) => (n, i % folds)).ToDictionary(p => p.n, p => p.Item2, StringComparer.Ordinal);
        for (var k = 0; k < folds; k++)
        {
            yield return (pairs.Where(p => foldOf[p.NeedId] != k).ToList(), pairs.Where(p => foldOf[p.NeedId] == k).ToList());
        }
    }

    /// <summary>
    /// Scores every pair with a model trained on the other folds, its calibration fitted inside that
    /// training part; the scores are calibrated fits, so they can be pooled across folds.
    /// </summary>
    public static List<ScoredJudgment> CrossValidate(
        IReadOnlyList<TrainingPair> pairs, int folds, TrainOptions options, EmbeddingScale scale)
    {
        var scored = new List<ScoredJudgment>();
        foreach (var (train, test) in Folds(pairs, folds, options.Seed))
        {
            var model = Train(train, options, fields: null, scale, []);
            var scores = model.Score(test.Select(p => p.Features).ToList());
            scored.AddRange(test.Select((p, i) => new ScoredJudgment(p.NeedId, p.ExpertId, p.Grade, scores[i])));
        }

        return scored;
    }

    private static (MLContext Ml, ITransformer Ranker, string Trainer) Fit(IReadOnlyList<TrainingPair> pairs, double[] labels, int[] columns, TrainOptions options)
    {
        var ml = new MLContext(options.Seed);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, columns.Length);
        var rows = pairs.Select((p, i) => new Row { Label = (float)labels[i], Weight = p.Weight, Group = p.NeedId, Features = columns.Select(c => p.Features[c]).ToArray() })
            .OrderBy(r => r.Group, StringComparer.Ordinal)
            .ToList();
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var keyed = ml.Transforms.Conversion.MapValueToKey("GroupKey", nameof(Row.Group)).Fit(data).Transform(data);

        if (options.Trainer == "linear")
        {
            return (ml, FitLinear(ml, keyed, options), "linear");
        }

        if (options.Trainer == "lightgbm")
        {
            try
            {
                return (ml, FitLightGbm(ml, keyed, options), "lightgbm");
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                // The native LightGBM library is missing on some platforms; FastTree is managed code.
            }
        }

        return (ml, FitFastTree(ml, keyed, options), "fasttree");
    }

    private static ITransformer FitLightGbm(MLContext ml, IDataView data, TrainOptions options)
    {
        var booster = new GradientBooster.Options { L2Regularization = options.L2, FeatureFraction = 0.8 };
        if (options.Objective == "lambdarank")
        {
            return ml.Ranking.Trainers.LightGbm(new LightGbmRankingTrainer.Options
            {
                LabelColumnName = nameof(Row.Label),
                FeatureColumnName = nameof(Row.Features),
                RowGroupColumnName = "GroupKey",
                ExampleWeightColumnName = nameof(Row.Weight),
                NumberOfLeaves = options.Leaves,
                MinimumExampleCountPerLeaf = options.MinimumExamplesPerLeaf,
                LearningRate = options.LearningRate,
                NumberOfIterations = options.Iterations,
                NumberOfThreads = 1,
                Seed = options.Seed,
                Booster = booster,
                Silent = true,
            }).Fit(data);
        }

        return ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            ExampleWeightColumnName = nameof(Row.Weight),
            NumberOfLeaves = options.Leaves,
            MinimumExampleCountPerLeaf = options.MinimumExamplesPerLeaf,
            LearningRate = options.LearningRate,
            NumberOfIterations = options.Iterations,
            NumberOfThreads = 1,
            Seed = options.Seed,
            Booster = booster,
            Silent = true,
        }).Fit(data);
    }

    /// <summary>Least squares on relevance over standardised features; a missing value counts as the feature's mean.</summary>
    private static ITransformer FitLinear(MLContext ml, IDataView data, TrainOptions options) =>
        ml.Transforms.ReplaceMissingValues(nameof(Row.Features), replacementMode: Microsoft.ML.Transforms.MissingValueReplacingEstimator.ReplacementMode.Mean)
            .Append(ml.Transforms.NormalizeMeanVariance(nameof(Row.Features)))
            .Append(ml.Regression.Trainers.Sdca(new Microsoft.ML.Trainers.SdcaRegressionTrainer.Options
            {
                LabelColumnName = nameof(Row.Label),
                FeatureColumnName = nameof(Row.Features),
                ExampleWeightColumnName = nameof(Row.Weight),
                L2Regularization = (float)options.L2,
                NumberOfThreads = 1,
                MaximumNumberOfIterations = 100,
            }))
            .Fit(data);

    private static ITransformer FitFastTree(MLContext ml, IDataView data, TrainOptions options)
    {
        if (options.Objective == "lambdarank")
        {
            return ml.Ranking.Trainers.FastTree(new FastTreeRankingTrainer.Options
            {
                LabelColumnName = nameof(Row.Label),
                FeatureColumnName = nameof(Row.Features),
                RowGroupColumnName = "GroupKey",
                ExampleWeightColumnName = nameof(Row.Weight),
                NumberOfLeaves = Math.Max(2, options.Leaves),
                MinimumExampleCountPerLeaf = options.MinimumExamplesPerLeaf,
                LearningRate = options.LearningRate,
                NumberOfTrees = options.Iterations,
                NumberOfThreads = 1,
                Seed = options.Seed,
                FeatureFraction = 0.8,
            }).Fit(data);
        }

        return ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            ExampleWeightColumnName = nameof(Row.Weight),
            NumberOfLeaves = Math.Max(2, options.Leaves),
            MinimumExampleCountPerLeaf = options.MinimumExamplesPerLeaf,
            LearningRate = options.LearningRate,
            NumberOfTrees = options.Iterations,
            NumberOfThreads = 1,
            Seed = options.Seed,
            FeatureFraction = 0.8,
        }).Fit(data);
    }

    private static IEnumerable<double> Predict(MLContext ml, ITransformer ranker, IReadOnlyList<TrainingPair> pairs, int[] columns)
    {
        var schema = RankerModel.FeatureRow.Schema(columns.Length);
        var data = ml.Data.LoadFromEnumerable(pairs.Select(p => new RankerModel.FeatureRow { Features = columns.Select(c => p.Features[c]).ToArray() }), schema);
        return ranker.Transform(data).GetColumn<float>("Score").Select(s => (double)s).ToList();
    }

    private sealed class Row
    {
        public float Label { get; set; }

        public float Weight { get; set; }

        public string Group { get; set; } = "";

        public float[] Features { get; set; } = [];
    }
}
