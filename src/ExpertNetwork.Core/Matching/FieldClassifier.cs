using ExpertNetwork.Experts;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ExpertNetwork.Matching;

/// <summary>
/// Tags needs and profiles with the shared field list: an ML.NET text classifier over folded
/// terms, trained on profiles that declare their fields plus the bilingual glossary. It fills in
/// missing <c>fields</c> and feeds the field-agreement feature.
/// </summary>
public sealed class FieldClassifier
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly PredictionEngine<Example, Prediction> _engine;
    private readonly int[] _slotOfField;
    private readonly Lock _lock = new();

    private FieldClassifier(MLContext ml, ITransformer model, DataViewSchema inputSchema)
    {
        _ml = ml;
        _model = model;
        _engine = ml.Model.CreatePredictionEngine<Example, Prediction>(model, inputSchema);
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        model.GetOutputSchema(inputSchema)["Score"].GetSlotNames(ref names);
        var slots = names.DenseValues().Select(n => n.ToString()).ToList();
        _slotOfField = Vocabulary.Fields.Select(f => slots.IndexOf(f)).ToArray();
    }

    /// <summary>Declared fields as an even distribution; null when there are none.</summary>
    public static float[]? Uniform(IReadOnlyList<string> fields)
    {
        var distribution = new float[Vocabulary.Fields.Count];
        var known = 0;
        foreach (var field in fields)
        {
            var index = IndexOf(field);
            if (index >= 0 && distribution[index] == 0)
            {
                distribution[index] = 1;
                known++;
            }
        }

        if (known == 0)
        {
            return null;
        }

        for (var i = 0; i < distribution.Length; i++)
        {
            distribution[i] = distribution[i] == 0 ? 0 : 1f / known;
        }

        return distribution;
    }

    private static int IndexOf(string field)
    {
        for (var i = 0; i < Vocabulary.Fields.Count; i++)
        {
            if (Vocabulary.Fields[i] == field)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The glossary in both languages, single terms and same-field pairs, plus one example per declared field of each profile.</summary>
    public static IEnumerable<(string Text, string Field)> Examples(IEnumerable<Expert> experts)
    {
        foreach (var group in FieldLexicon.Terms.GroupBy(t => t.Field))
        {
            var terms = group.ToArray();
            for (var i = 0; i < terms.Length; i++)
            {
                var next = terms[(i + 1) % terms.Length];
                yield return (terms[i].English, group.Key);
                yield return (terms[i].Vietnamese, group.Key);
                yield return ($"{terms[i].English}, {next.English}", group.Key);
                yield return ($"{terms[i].Vietnamese}, {next.Vietnamese}", group.Key);
            }
        }

        foreach (var expert in experts)
        {
            var text = ExpertEvidence.ClassifierText(expert);
            foreach (var field in expert.Fields.Where(f => Vocabulary.Fields.Contains(f)).Distinct())
            {
                yield return (text, field);
            }
        }
    }

    public static FieldClassifier Train(IEnumerable<(string Text, string Field)> examples, int seed)
    {
        var ml = new MLContext(seed);
        var rows = examples.Select(e => new Example { Text = Fold(e.Text), Field = e.Field }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(Example.Field))
            .Append(ml.Transforms.Text.FeaturizeText("Features", new Microsoft.ML.Transforms.Text.TextFeaturizingEstimator.Options
            {
                WordFeatureExtractor = new Microsoft.ML.Transforms.Text.WordBagEstimator.Options { NgramLength = 2 },
                CharFeatureExtractor = new Microsoft.ML.Transforms.Text.WordBagEstimator.Options { NgramLength = 4 },
            }, nameof(Example.Text)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new Microsoft.ML.Trainers.SdcaMaximumEntropyMulticlassTrainer.Options
            {
                NumberOfThreads = 1,
                MaximumNumberOfIterations = 30,
            }));
        var model = pipeline.Fit(data);
        return new FieldClassifier(ml, model, data.Schema);
    }

    public static FieldClassifier Load(Stream stream, int seed)
    {
        var ml = new MLContext(seed);
        var model = ml.Model.Load(stream, out var schema);
        return new FieldClassifier(ml, model, schema);
    }

    public void Save(Stream stream)
    {
        var schema = _ml.Data.LoadFromEnumerable(Array.Empty<Example>()).Schema;
        _ml.Model.Save(_model, schema, stream);
    }

    /// <summary>Probability of each field of <see cref="Vocabulary.Fields"/>, in that order.</summary>
    public float[] Predict(string text)
    {
        Prediction prediction;
        lock (_lock)
        {
            prediction = _engine.Predict(new Example { Text = Fold(text), Field = "" });
        }

        return _slotOfField.Select(slot => slot < 0 ? 0f : prediction.Score[slot]).ToArray();
    }

    public IReadOnlyList<string> Tag(string text, double threshold = 0.3)
    {
        var probabilities = Predict(text);
        var best = Array.IndexOf(probabilities, probabilities.Max());
        return Vocabulary.Fields.Where((_, i) => i == best || probabilities[i] >= threshold).ToArray();
    }

    // The featurizer lower-cases but keeps đ and diacritics apart from their folded forms.
    private static string Fold(string text) => string.Join(' ', MatchText.Terms(text));

    private sealed class Example
    {
        public string Text { get; set; } = "";

        public string Field { get; set; } = "";
    }

    private sealed class Prediction
    {
        public float[] Score { get; set; } = [];
    }
}
