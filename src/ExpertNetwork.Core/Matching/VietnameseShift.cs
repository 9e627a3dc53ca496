using System.Globalization;
using System.Numerics.Tensors;

namespace ExpertNetwork.Matching;

/// <summary>
/// MiniLM is an English model: it reads Vietnamese as word pieces and places every Vietnamese text near every other,
/// whatever it is about (two Vietnamese texts on unrelated subjects meet at cosines an English pair reaches only on one
/// subject). The offset between where its Vietnamese and its English texts lie is one direction, the same for every
/// subject; it is measured once (<see cref="Fit"/>, shipped as <c>ml-models/minilm-vietnamese-shift.txt</c>) and taken
/// off each vector in proportion to how Vietnamese its text is. What is left compares Vietnamese texts by their subject,
/// on the scale English ones have, which is the scale the fit model was calibrated on. English texts keep their vectors.
/// </summary>
public static class VietnameseShift
{
    /// <summary>Below this share of marked words a text reads as English: an accented name or a borrowed "café" moves nothing.</summary>
    public const double Floor = 0.1;

    /// <summary>From this share of marked words on, a text is wholly Vietnamese. Vietnamese profile texts run 0.6–0.9, their English glosses and acronyms being the rest.</summary>
    public const double Full = 0.6;

    public const string ResourceName = "Matching/minilm-vietnamese-shift.txt";

    private const string VietnameseLetters =
        "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";

    private static readonly Lazy<float[]> Shipped = new(() => Read(
        typeof(VietnameseShift).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"The assembly holds no '{ResourceName}'.")));

    /// <summary>What a wholly Vietnamese text's vector has added to it, before it is scaled back to unit length.</summary>
    public static float[] Offset => Shipped.Value;

    /// <summary>
    /// How Vietnamese a text is, in [0, 1]: the share of its words written with Vietnamese letters, 0 up to
    /// <see cref="Floor"/>, 1 from <see cref="Full"/>, linear between. A text typed without diacritics counts as English.
    /// </summary>
    public static double Weight(string? text)
    {
        int words = 0, marked = 0;
        foreach (var word in MatchText.WrittenWords(text))
        {
            words++;
            if (word.AsSpan().IndexOfAny(VietnameseLetters) >= 0)
            {
                marked++;
            }
        }

        return words == 0 ? 0 : Math.Clamp(((double)marked / words - Floor) / (Full - Floor), 0, 1);
    }

    /// <summary>Adds <paramref name="weight"/> × <see cref="Offset"/> to a unit vector and scales it back to unit length.</summary>
    public static void Apply(Span<float> vector, double weight)
    {
        if (weight <= 0)
        {
            return;
        }

        var offset = Offset;
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] += (float)(weight * offset[i]);
        }

        TensorPrimitives.Divide(vector, Math.Max(TensorPrimitives.Norm<float>(vector), 1e-12f), vector);
    }

    /// <summary>
    /// The offset from texts' unshifted vectors and their <see cref="Weight"/>s: per dimension, minus the least-squares
    /// slope of the vectors' value on the weight. Subject and language are independent in the texts it is fitted on (the
    /// demo directory writes every field in both languages), so the slope is the language's and not a subject's.
    /// </summary>
    public static float[] Fit(IReadOnlyList<(float[] Vector, double Weight)> texts)
    {
        var meanWeight = texts.Average(t => t.Weight);
        var variance = texts.Sum(t => (t.Weight - meanWeight) * (t.Weight - meanWeight));
        if (variance <= 0)
        {
            throw new ArgumentException("Fitting the shift needs both English and Vietnamese texts.", nameof(texts));
        }

        var dimensions = texts[0].Vector.Length;
        var mean = new double[dimensions];
        foreach (var (vector, _) in texts)
        {
            for (var i = 0; i < dimensions; i++)
            {
                mean[i] += vector[i] / texts.Count;
            }
        }

        var slope = new double[dimensions];
        foreach (var (vector, weight) in texts)
        {
            for (var i = 0; i < dimensions; i++)
            {
                slope[i] += (weight - meanWeight) * (vector[i] - mean[i]) / variance;
            }
        }

        return slope.Select(s => (float)-s).ToArray();
    }

    /// <summary>The offset as text: comment lines starting with '#', then one number a line.</summary>
    public static void Write(TextWriter writer, float[] offset, IEnumerable<string> comments)
    {
        foreach (var comment in comments)
        {
            writer.WriteLine("# " + comment);
        }

        foreach (var value in offset)
        {
            writer.WriteLine(value.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    public static float[] Read(Stream stream)
    {
        using var reader = new StreamReader(stream);
        var values = new List<float>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                values.Add(float.Parse(line, NumberStyles.Float, CultureInfo.InvariantCulture));
            }
        }

        return values.Count == MiniLmEmbedder.Dimensions
            ? values.ToArray()
            : throw new InvalidDataException($"'{ResourceName}' holds {values.Count} numbers; MiniLM vectors have {MiniLmEmbedder.Dimensions}.");
    }
}
