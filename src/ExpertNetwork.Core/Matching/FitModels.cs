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
        rows.Select(row => Calibration.Sigmoid(Slope * Logit(row) + NeedCoverage.Factor(row).Contribution)).ToArray();

    public FitExplanation Explain(float[] row, int count) =>
        FitExplanation.Of(0, Contributions(row).Select(c => c with { Contribution = Slope * c.Contribution }).Append(NeedCoverage.Factor(row)), count);

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
    private readonly EnginePool _engines;
    private readonly int[] _columns;

    /// <summary>Positions (in the model's feature order) in which explanations add features: field agreement last.</summary>
    private readonly int[] _order;
    private readonly int[] _fieldColumns;
    private readonly double _nothingKnown;

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
        _order = Enumerable.Range(0, _columns.Length).Where(i => !_fieldColumns.Contains(i)).Concat(_fieldColumns).ToArray();
        var schema = FeatureRow.Schema(_columns.Length);
        _engines = new EnginePool(() => ml.Model.CreatePredictionEngine<FeatureRow, ScoreRow>(ranker, inputSchemaDefinition: schema));
        using var engine = _engines.Rent();
        _nothingKnown = Predict(engine.Value, Enumerable.Repeat(float.NaN, _columns.Length).ToArray());
    }

    public ModelCard Card { get; }

    public string Description => $"{Card.Trainer} ranker trained {Card.TrainedAt:yyyy-MM-dd} on {Card.Pairs} pairs, seed {Card.Seed}";

    public bool IsTrained => true;

    public EmbeddingScale Scale => Card.Scale;

    public FieldClassifier? Fields { get; }

    /// <summary>
    /// The ranker's score before calibration: prior + trees. For an expert in the need's field, the
    /// trees' score never falls below what they give with the field agreement left out.
    /// </summary>
    public double[] RawScores(IReadOnlyList<float[]> rows)
    {
        var scores = new double[rows.Count];
        using var engine = _engines.Rent();
        for (var i = 0; i < rows.Count; i++)
        {
            var projected = Project(rows[i]);
            scores[i] = Predict(engine.Value, projected);
            if (BlendModel.InField(rows[i]) && _fieldColumns.Any(c => !float.IsNaN(projected[c])))
            {
                // The same shares as the explanation's last steps: without field agreement, then each field feature added in turn.
                var partial = (float[])projected.Clone();
                foreach (var c in _fieldColumns)
                {
                    partial[c] = float.NaN;
                }

                var total = Predict(engine.Value, partial);
                var previous = total;
                foreach (var c in _fieldColumns.Where(c => !float.IsNaN(projected[c])))
                {
                    partial[c] = projected[c];
                    var next = Predict(engine.Value, partial);
                    total += Math.Max(0, next - previous);
                    previous = next;
                }

                scores[i] = total;
            }

            if (Card.Prior is { } prior)
            {
                scores[i] += prior.Intercept + prior.Slope * BlendModel.Logit(rows[i]);
            }
        }

        return scores;
    }

    /// <summary>The calibrated fit, lowered for a need the directory's words do not cover (<see cref="NeedCoverage"/>).</summary>
    public double[] Score(IReadOnlyList<float[]> rows)
    {
        var raw = RawScores(rows);
        return raw.Select((s, i) => Calibration.Sigmoid(Card.Calibration.Logit(s) + NeedCoverage.Factor(rows[i]).Contribution)).ToArray();
    }

    /// <summary>
    /// Exact and additive on the logit scale: the trees' part of each feature is how much their score
    /// moves when that feature's value is added to those before it, starting from a profile with
    /// nothing known (field agreement comes last, and for an in-field expert counts as no less than 0);
    /// the prior adds its own per-feature terms. All of it times the calibration slope; the baseline is
    /// the prior's intercept and the trees' score with nothing known, on the same scale.
    /// </summary>
    public FitExplanation Explain(float[] row, int count)
    {
        var byFeature = new Dictionary<string, double>(StringComparer.Ordinal);
        var projected = Project(row);
        using (var engine = _engines.Rent())
        {
            var trees = Sequential(engine.Value, projected);
            var inField = BlendModel.InField(row);
            for (var i = 0; i < trees.Length; i++)
            {
                byFeature[Card.Features[i]] = inField && _fieldColumns.Contains(i) ? Math.Max(0, trees[i]) : trees[i];
            }
        }

        var intercept = 0.0;
        if (Card.Prior is { } prior)
        {
            intercept = prior.Intercept;
            foreach (var factor in BlendModel.Contributions(row))
            {
                byFeature[factor.Feature] = byFeature.GetValueOrDefault(factor.Feature) + prior.Slope * factor.Contribution;
            }
        }

        var a = Card.Calibration.A;
        var factors = byFeature.Select(p => new Factor(p.Key, PairFeatures.Describe(p.Key), row[PairFeatures.Index(p.Key)], p.Value * a))
            .Append(NeedCoverage.Factor(row));
        return FitExplanation.Of(Card.Calibration.Logit(intercept + _nothingKnown), factors, count);
    }

    /// <summary>The trees' score change as each feature's value is added in <see cref="_order"/>; a missing value adds nothing.</summary>
    private double[] Sequential(PredictionEngine<FeatureRow, ScoreRow> engine, float[] projected)
    {
        var shares = new double[projected.Length];
        var partial = Enumerable.Repeat(float.NaN, projected.Length).ToArray();
        var previous = _nothingKnown;
        foreach (var c in _order)
        {
            if (float.IsNaN(projected[c]))
            {
                continue;
            }

            partial[c] = projected[c];
            var score = Predict(engine, partial);
            shares[c] = score - previous;
            previous = score;
        }

        return shares;
    }

    private static double Predict(PredictionEngine<FeatureRow, ScoreRow> engine, float[] projected) =>
        engine.Predict(new FeatureRow { Features = projected }).Score;

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

    /// <summary>Engines handed out one per caller and taken back; as many exist as calls ever ran at once.</summary>
    private sealed class EnginePool(Func<PredictionEngine<FeatureRow, ScoreRow>> create)
    {
        private readonly System.Collections.Concurrent.ConcurrentBag<PredictionEngine<FeatureRow, ScoreRow>> _idle = [create()];

        public Lease Rent() => new(this, _idle.TryTake(out var engine) ? engine : create());

        public readonly struct Lease(EnginePool pool, PredictionEngine<FeatureRow, ScoreRow> engine) : IDisposable
        {
            public PredictionEngine<FeatureRow, ScoreRow> Value => engine;

            public void Dispose() => pool._idle.Add(engine);
        }
    }
}

/// <summary>raw = Intercept + Slope × blend logit + trees.</summary>
public sealed record PriorMap(double Intercept, double Slope)
{
    /// <summary>What one unit of generated relevance was worth in human-graded units when the trees learnt it; null when taken as-is.</summary>
    public double? GeneratedScale { get; init; }
}

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

    /// <summary>The embedding model whose vectors the features were computed from (<see cref="MiniLmEmbedder.ModelTag"/>); null in older model files.</summary>
    public string? Embeddings { get; init; }

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
