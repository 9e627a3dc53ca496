using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace ExpertNetwork.Matching;

/// <summary>One factor of an explanation: a feature, its value for this pair, and how far it moved the score on the logit scale.</summary>
public sealed record Factor(string Feature, string Description, double Value, double Contribution);

/// <summary>
/// Why a pair got its fit, on the logit scale: <see cref="Logit"/> = <see cref="Baseline"/> + every
/// factor's contribution, and fit = σ(<see cref="Logit"/>). <see cref="Factors"/> holds the largest;
/// <see cref="Others"/> is the sum of the ones not listed, so what is shown adds up exactly.
/// </summary>
public sealed record FitExplanation(double Logit, double Baseline, IReadOnlyList<Factor> Factors)
{
    public double Others => Logit - Baseline - Factors.Sum(f => f.Contribution);

    public static FitExplanation Of(double baseline, IEnumerable<Factor> all, int count)
    {
        var factors = all.Where(f => f.Contribution != 0 && double.IsFinite(f.Contribution)).ToList();
        var logit = baseline + factors.Sum(f => f.Contribution);
        return new FitExplanation(logit, baseline, factors.OrderByDescending(f => Math.Abs(f.Contribution)).Take(count).ToList());
    }
}

/// <summary>
/// Turns pair features into a fit score in [0, 1] that means the same for every need. Two real
/// implementations: the trained ranker with its calibration, and the unsupervised blend used when
/// no model file is present.
/// </summary>
public interface IFitModel
{
    string Description { get; }

    bool IsTrained { get; }

    EmbeddingScale Scale { get; }

    FieldClassifier? Fields { get; }

    double[] Score(IReadOnlyList<float[]> rows);

    FitExplanation Explain(float[] row, int count);
}

/// <summary>
/// Platt scaling: fit = σ(a·s + b), the estimated probability that the expert would rate their own
/// expertise for the need at 4 or 5 of 5. Fitted on held-out scores of human-judged pairs.
/// </summary>
public sealed record Calibration(double A, double B)
{
    public double Apply(double score) => Sigmoid(Logit(score));

    public double Logit(double score) => A * score + B;

    public static double Sigmoid(double logit) => 1 / (1 + Math.Exp(-logit));

    /// <summary>Logistic regression (0/1 or soft targets) by Newton's method; a must come out positive so order is kept.</summary>
    public static Calibration Fit(IReadOnlyList<double> scores, IReadOnlyList<double> targets)
    {
        var mean = scores.Average();
        var std = Math.Sqrt(scores.Average(s => (s - mean) * (s - mean)));
        double a = std > 0 ? 1 / std : 1, b = -a * mean;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = 1e-6, hab = 0, hbb = 1e-6;
            for (var i = 0; i < scores.Count; i++)
            {
                var p = 1 / (1 + Math.Exp(-(a * scores[i] + b)));
                var r = p - targets[i];
                var w = p * (1 - p);
                ga += r * scores[i];
                gb += r;
                haa += w * scores[i] * scores[i];
                hab += w * scores[i];
                hbb += w;
            }

            var det = haa * hbb - hab * hab;
            if (Math.Abs(det) < 1e-12)
            {
                break;
            }

            var da = (hbb * ga - hab * gb) / det;
            var db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.Abs(da) + Math.Abs(db) < 1e-9)
            {
                break;
            }
        }

        return a > 0 && double.IsFinite(a) && double.IsFinite(b) ? new Calibration(a, b) : new Calibration(std > 0 ? 1 / std : 1, std > 0 ? -mean / std : 0);
    }
}

/// <summary>
/// The unsupervised fallback, and the prior the trained ranker corrects: a fixed weighted sum of
/// globally standardised features, squashed to [0, 1]. Pooled MiniLM cosine (z(max) + z(mean))
/// carries most of the weight and the TF-IDF centroid cosine some; a feature without a value
/// counts as average, so profiles not yet embedded still get a fair score.
/// </summary>
public sealed class BlendModel(FieldClassifier? fields, EmbeddingScale scale) : IFitModel
{
    /// <summary>(feature, weight, global mean, global spread). Means and spreads are one global scale for every need.</summary>
    public static readonly IReadOnlyList<(string Feature, double Weight, double Mean, double Spread)> Terms =
    [
        (PairFeatures.EmbeddingZ, 1.0, 0, 2),
        (PairFeatures.EmbeddingTop3, 0.3, 0.45, 0.12),
        (PairFeatures.TfIdfCentroid, 0.3, 0.10, 0.07),
        (PairFeatures.TfIdfProfile, 0.25, 0.05, 0.05),
        (PairFeatures.Bm25Keywords, 0.2, 0.03, 0.05),
        (PairFeatures.KeywordMatch, 0.3, 0.3, 0.3),
        (PairFeatures.FieldAgreement, 0.3, 0.5, 0.35),
        (PairFeatures.FieldAgreementInferred, 0.15, 0.5, 0.35),
        (PairFeatures.Recency, 0.05, 0.6, 0.3),
        (PairFeatures.LocationFit, 0.3, 0.7, 0.4),
        (PairFeatures.LanguageFit, 0.15, 0.7, 0.4),
        (PairFeatures.EngagementFit, 0.2, 0.6, 0.4),
        (PairFeatures.HIndex, 0.05, 2.3, 1.0),
    ];

    private const double Slope = 0.9;

    public string Description => "unsupervised blend (no trained model loaded)";

    public bool IsTrained => false;

    public EmbeddingScale Scale => scale;

    public FieldClassifier? Fields => fields;

    public double[] Score(IReadOnlyList<float[]> rows) =>
        rows.Select(row => Calibration.Sigmoid(Slope * Logit(row))).ToArray();

    public FitExplanation Explain(float[] row, int count) =>
        FitExplanation.Of(0, Contributions(row).Select(c => c with { Contribution = Slope * c.Contribution }), count);

    public static double Logit(float[] row) => Contributions(row).Sum(c => c.Contribution);

    /// <summary>Each term's weight × z; a field term never counts against an expert in the need's field.</summary>
    public static IEnumerable<Factor> Contributions(float[] row)
    {
        var inField = InField(row);
        foreach (var (feature, weight, mean, spread) in Terms)
        {
            var value = row[PairFeatures.Index(feature)];
            var z = float.IsNaN(value) ? 0 : Math.Clamp((value - mean) / spread, -4, 4);
            var contribution = weight * z;
            if (inField && contribution < 0 && PairFeatures.FieldFactors.Contains(feature))
            {
                contribution = 0;
            }

            yield return new Factor(feature, PairFeatures.Describe(feature), value, contribution);
        }
    }

    internal static bool InField(float[] row) => row[PairFeatures.Index(PairFeatures.InField)] == 1;
}

/// <summary>
/// A LightGBM (or FastTree) ranker over the pair features, calibrated to a fit score. Prediction
/// engines are not thread-safe, so each call rents one from a small pool instead of queueing behind a lock.
/// </summary>
public sealed class RankerModel : IFitModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _ranker;
    private readonly EnginePool<ScoreRow> _engines;
    private readonly EnginePool<ContributionRow>? _explainers;
    private readonly int[] _columns;
    private readonly int[] _fieldColumns;

    internal RankerModel(MLContext ml, ITransformer ranker, ModelCard card, FieldClassifier? fields)
    {
        _ml = ml;
        _ranker = ranker;
        Card = card;
        Fields = fields;
        _columns = card.Features.Select(PairFeatures.Index).ToArray();
        if (_columns.Any(c => c < 0))
        {
            throw new InvalidDataException($"the model uses features this version does not compute: {string.Join(", ", card.Features.Where(f => PairFeatures.Index(f) < 0))}");
        }

        _fieldColumns = card.Features.Select((f, i) => (f, i)).Where(p => PairFeatures.FieldFactors.Contains(p.f)).Select(p => p.i).ToArray();
        var schema = FeatureRow.Schema(_columns.Length);
        _engines = new EnginePool<ScoreRow>(() => ml.Model.CreatePredictionEngine<FeatureRow, ScoreRow>(ranker, inputSchemaDefinition: schema));
        var predictor = ranker switch
        {
            ISingleFeaturePredictionTransformer<ICalculateFeatureContribution> single => single,
            TransformerChain<ITransformer> { LastTransformer: ISingleFeaturePredictionTransformer<ICalculateFeatureContribution> last } => last,
            _ => null,
        };
        if (predictor is not null)
        {
            var empty = ml.Data.LoadFromEnumerable(Array.Empty<FeatureRow>(), schema);
            // Not normalised: the contributions must stay in score units so that they add up to the score.
            var contributions = ml.Transforms.CalculateFeatureContribution(
                    predictor, numberOfPositiveContributions: _columns.Length, numberOfNegativeContributions: _columns.Length, normalize: false)
                .Fit(ranker.Transform(empty));
            var explaining = ranker.Append(contributions);
            _explainers = new EnginePool<ContributionRow>(() => ml.Model.CreatePredictionEngine<FeatureRow, ContributionRow>(explaining, inputSchemaDefinition: schema));
        }
    }

    public ModelCard Card { get; }

    public string Description => $"{Card.Trainer} ranker trained {Card.TrainedAt:yyyy-MM-dd} on {Card.Pairs} pairs, seed {Card.Seed}";

    public bool IsTrained => true;

    public EmbeddingScale Scale => Card.Scale;

    public FieldClassifier? Fields { get; }

    /// <summary>The ranker's score before calibration: prior + trees, with field terms that would count against an in-field expert left out.</summary>
    public double[] RawScores(IReadOnlyList<float[]> rows)
    {
        var scores = new double[rows.Count];
        using (var engine = _engines.Rent())
        {
            for (var i = 0; i < rows.Count; i++)
            {
                scores[i] = engine.Value.Predict(new FeatureRow { Features = Project(rows[i]) }).Score;
            }
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (Card.Prior is { } prior)
            {
                scores[i] += prior.Intercept + prior.Slope * BlendModel.Logit(rows[i]);
            }

            if (_explainers is not null && BlendModel.InField(rows[i]) && StatedFieldColumns(rows[i]).ToList() is { Count: > 0 } stated)
            {
                var trees = TreeContributions(rows[i]);
                scores[i] -= stated.Sum(c => Math.Min(0, trees[c]));
            }
        }

        return scores;
    }

    public double[] Score(IReadOnlyList<float[]> rows) => RawScores(rows).Select(Card.Calibration.Apply).ToArray();

    /// <summary>
    /// Trees' per-feature contributions plus the prior's per-feature terms, times the calibration
    /// slope: the logit of the fit is the baseline plus all of them. The baseline is the prior's
    /// intercept and the trees' share no feature claims, on the same scale.
    /// </summary>
    public FitExplanation Explain(float[] row, int count)
    {
        var byFeature = new Dictionary<string, double>(StringComparer.Ordinal);
        var inField = BlendModel.InField(row);
        if (_explainers is not null)
        {
            var trees = TreeContributions(row);
            for (var i = 0; i < trees.Length; i++)
            {
                byFeature[Card.Features[i]] = inField && StatedFieldColumns(row).Contains(i) ? Math.Max(0, trees[i]) : trees[i];
            }
        }

        if (Card.Prior is { } prior)
        {
            foreach (var factor in BlendModel.Contributions(row))
            {
                byFeature[factor.Feature] = byFeature.GetValueOrDefault(factor.Feature) + prior.Slope * factor.Contribution;
            }
        }

        var raw = RawScores([row])[0];
        var a = Card.Calibration.A;
        // A field factor without a value says nothing about the expert's field; for an in-field expert it joins the baseline rather than read "same field −x".
        var factors = byFeature
            .Where(p => !(inField && PairFeatures.FieldFactors.Contains(p.Key) && float.IsNaN(row[PairFeatures.Index(p.Key)])))
            .Select(p => new Factor(p.Key, PairFeatures.Describe(p.Key), row[PairFeatures.Index(p.Key)], p.Value * a)).ToList();
        var baseline = Card.Calibration.Logit(raw) - factors.Where(f => double.IsFinite(f.Contribution)).Sum(f => f.Contribution);
        return FitExplanation.Of(baseline, factors, count);
    }

    /// <summary>Positions of the field-agreement features that have a value for this pair; a missing one is not a statement about the field.</summary>
    private IEnumerable<int> StatedFieldColumns(float[] row) => _fieldColumns.Where(c => !float.IsNaN(row[_columns[c]]));

    private float[] TreeContributions(float[] row)
    {
        using var explainer = _explainers!.Rent();
        return explainer.Value.Predict(new FeatureRow { Features = Project(row) }).FeatureContributions;
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        using (var entry = zip.CreateEntry(MatchModels.CardEntry).Open())
        {
            JsonSerializer.Serialize(entry, Card, MatchModels.JsonOptions);
        }

        using (var entry = zip.CreateEntry(MatchModels.RankerEntry).Open())
        {
            _ml.Model.Save(_ranker, _ml.Data.LoadFromEnumerable(Array.Empty<FeatureRow>(), FeatureRow.Schema(_columns.Length)).Schema, entry);
        }

        if (Fields is not null)
        {
            using var entry = zip.CreateEntry(MatchModels.FieldsEntry).Open();
            Fields.Save(entry);
        }
    }

    private float[] Project(float[] row) => _columns.Select(c => row[c]).ToArray();

    internal sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];

        public static SchemaDefinition Schema(int width)
        {
            var schema = SchemaDefinition.Create(typeof(FeatureRow));
            schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
            return schema;
        }
    }

    private sealed class ScoreRow
    {
        public float Score { get; set; }
    }

    private sealed class ContributionRow
    {
        public float[] FeatureContributions { get; set; } = [];
    }

    /// <summary>Engines handed out one per caller and taken back; as many exist as calls ever ran at once.</summary>
    private sealed class EnginePool<TOut>(Func<PredictionEngine<FeatureRow, TOut>> create)
        where TOut : class, new()
    {
        private readonly System.Collections.Concurrent.ConcurrentBag<PredictionEngine<FeatureRow, TOut>> _idle = [create()];

        public Lease Rent() => new(this, _idle.TryTake(out var engine) ? engine : create());

        public readonly struct Lease(EnginePool<TOut> pool, PredictionEngine<FeatureRow, TOut> engine) : IDisposable
        {
            public PredictionEngine<FeatureRow, TOut> Value => engine;

            public void Dispose() => pool._idle.Add(engine);
        }
    }
}

/// <summary>raw = Intercept + Slope × blend logit + trees.</summary>
public sealed record PriorMap(double Intercept, double Slope);

/// <summary>What a trained model file says about itself; also the metrics file's header.</summary>
public sealed record ModelCard
{
    public int Format { get; init; } = 1;

    public required string Trainer { get; init; }

    public required string Objective { get; init; }

    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>How the blend prior enters the raw score; null when the trees stand alone.</summary>
    public PriorMap? Prior { get; init; }

    public required EmbeddingScale Scale { get; init; }

    public required Calibration Calibration { get; init; }

    /// <summary>What the calibration was fitted on; null in model files from before fit meant grade ≥ 4 of 5.</summary>
    public string? CalibratedOn { get; init; }

    public required int Seed { get; init; }

    public required int Pairs { get; init; }

    public required int Needs { get; init; }

    public required IReadOnlyList<string> TrainedOn { get; init; }

    public required DateTimeOffset TrainedAt { get; init; }

    public required TrainOptions Options { get; init; }
}

public static class MatchModels
{
    public const string DefaultFileName = "expert-match.zip";
    internal const string CardEntry = "card.json";
    internal const string RankerEntry = "ranker.zip";
    internal const string FieldsEntry = "fields.zip";

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The trained model at <paramref name="path"/>, or null when there is none.</summary>
    public static RankerModel? TryLoad(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var zip = ZipFile.OpenRead(path);
        ModelCard card;
        using (var entry = zip.GetEntry(CardEntry)?.Open() ?? throw new InvalidDataException($"{path}: not a matching model (no {CardEntry})"))
        {
            card = JsonSerializer.Deserialize<ModelCard>(entry, JsonOptions) ?? throw new InvalidDataException($"{path}: empty {CardEntry}");
        }

        var ml = new MLContext(card.Seed);
        ITransformer ranker;
        using (var entry = Copy(zip.GetEntry(RankerEntry) ?? throw new InvalidDataException($"{path}: no {RankerEntry}")))
        {
            ranker = ml.Model.Load(entry, out _);
        }

        FieldClassifier? fields = null;
        if (zip.GetEntry(FieldsEntry) is { } fieldsEntry)
        {
            using var stream = Copy(fieldsEntry);
            fields = FieldClassifier.Load(stream, card.Seed);
        }

        return new RankerModel(ml, ranker, card, fields);
    }

    /// <summary>The unsupervised blend, with a field classifier trained on the glossary and any profiles that declare fields.</summary>
    public static BlendModel Fallback(IEnumerable<Experts.Expert>? experts = null, int seed = TrainOptions.DefaultSeed) =>
        new(FieldClassifier.Train(FieldClassifier.Examples(experts ?? []), seed), EmbeddingScale.Default);

    // ML.NET needs a seekable stream; zip entries are not.
    private static MemoryStream Copy(ZipArchiveEntry entry)
    {
        var memory = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(memory);
        }

        memory.Position = 0;
        return memory;
    }
}
