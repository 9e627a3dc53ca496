using System.Runtime.InteropServices;
using ExpertNetwork.Experts;

namespace ExpertNetwork.Matching;

/// <summary>
/// Document frequencies and field lengths over a directory. Every publication and every profile
/// text is one document, so a term common in abstracts is discounted for profiles too.
/// </summary>
public sealed class TermStatistics
{
    // The key is kept beside its count so Known can hand out the directory's own copy of a term.
    private readonly Dictionary<string, (string Term, int Frequency, bool Plain)> _documentFrequency = new(StringComparer.Ordinal);
    private readonly double[] _fieldLength = new double[LexicalFields.Count];
    private readonly int[] _fieldCount = new int[LexicalFields.Count];

    public int Documents { get; private set; }

    public int Experts { get; private set; }

    /// <summary>How the directory writes Vietnamese, for telling a need's Vietnamese words apart (<see cref="NeedCoverage"/>).</summary>
    public WrittenVietnamese Vietnamese { get; } = new();

    public static TermStatistics Build(IEnumerable<Expert> experts)
    {
        var statistics = new TermStatistics();
        foreach (var expert in experts)
        {
            statistics.Add(expert);
        }

        return statistics;
    }

    public void Add(Expert expert)
    {
        Experts++;
        foreach (var publication in expert.Publications)
        {
            var title = MatchText.Terms(publication.Title);
            var summary = MatchText.Terms(publication.Abstract);
            Vietnamese.Add(publication.Title);
            Vietnamese.Add(publication.Abstract);
            CountDocument(title.Concat(summary), Plain(publication.Title) && Plain(publication.Abstract));
            AddLength(LexicalField.Title, title.Count);
            AddLength(LexicalField.Abstract, summary.Count);
        }

        var keywords = MatchText.Terms(string.Join(" ; ", expert.Keywords));
        var profileText = ExpertEvidence.ProfileText(expert);
        var profile = MatchText.Terms(profileText);
        Vietnamese.Add(profileText);
        if (keywords.Count + profile.Count > 0)
        {
            CountDocument(keywords.Concat(profile), Plain(profileText));
        }

        AddLength(LexicalField.Keywords, keywords.Count);
        AddLength(LexicalField.Profile, profile.Count);
    }

    /// <summary>The BM25 form, always positive: ln(1 + (N − df + 0.5) / (df + 0.5)).</summary>
    public double Idf(string term)
    {
        var df = _documentFrequency.TryGetValue(term, out var known) ? known.Frequency : 0;
        return Math.Log(1 + (Documents - df + 0.5) / (df + 0.5));
    }

    /// <summary>The idf of a term no document holds: the heaviest a term can weigh.</summary>
    public double UnseenIdf => Idf("");

    public bool Holds(string term) => _documentFrequency.ContainsKey(term);

    /// <summary>The directory's own string for this term, or null when no profile uses it (<see cref="MatchText.Terms(string?, TermStatistics?)"/>).</summary>
    public string? Known(ReadOnlySpan<char> term) =>
        _documentFrequency.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(term, out var known) ? known.Term : null;

    /// <summary>
    /// Whether some document that has no letter outside ASCII (in this directory, one not in Vietnamese) holds this
    /// term: "network" is, "nuoi" (nuôi, to raise) and "tom" (tôm, shrimp) are not where only Vietnamese texts use them.
    /// </summary>
    public bool InPlainText(string term) => _documentFrequency.TryGetValue(term, out var known) && known.Plain;

    /// <summary>
    /// The term within <paramref name="distance"/> edits of <paramref name="term"/> (a letter inserted, deleted or
    /// changed, or two neighbours swapped) that the most documents hold, at least <paramref name="minimumDocuments"/>,
    /// beginning with the same letter; null when there is none. A term shorter than <see cref="LongestSyllable"/> + 1
    /// counts only if plain-text documents use it, so a Vietnamese syllable folded to ASCII is never the one meant.
    /// </summary>
    public string? Closest(string term, int distance, int minimumDocuments)
    {
        string? best = null;
        var bestFrequency = 0;
        foreach (var (key, known) in _documentFrequency)
        {
            if ((!known.Plain && key.Length <= LongestSyllable) || known.Frequency < minimumDocuments || known.Frequency < bestFrequency
                || key.Length == 0 || key[0] != term[0] || Math.Abs(key.Length - term.Length) > distance
                || Edits(term, key, distance) > distance)
            {
                continue;
            }

            if (known.Frequency > bestFrequency || string.CompareOrdinal(key, best) < 0)
            {
                best = key;
                bestFrequency = known.Frequency;
            }
        }

        return best;
    }

    /// <summary>The longest Vietnamese syllable, folded ("nghieng").</summary>
    private const int LongestSyllable = 7;

    /// <summary>Optimal string alignment distance, or more than <paramref name="limit"/> as soon as it must be.</summary>
    private static int Edits(string a, string b, int limit)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowBest = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowBest = Math.Min(rowBest, value);
            }

            if (rowBest > limit)
            {
                return limit + 1;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }

    public double AverageLength(LexicalField field) =>
        _fieldCount[(int)field] == 0 ? 1 : Math.Max(1, _fieldLength[(int)field] / _fieldCount[(int)field]);

    private static bool Plain(string? text) => text is null || System.Text.Ascii.IsValid(text);

    private void CountDocument(IEnumerable<string> terms, bool plain)
    {
        Documents++;
        foreach (var term in terms.Distinct(StringComparer.Ordinal))
        {
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_documentFrequency, term, out var existed);
            entry = (existed ? entry.Term : term, entry.Frequency + 1, entry.Plain || plain);
        }
    }

    private void AddLength(LexicalField field, int length)
    {
        _fieldLength[(int)field] += length;
        _fieldCount[(int)field]++;
    }
}

public enum LexicalField
{
    Title,
    Abstract,
    Keywords,
    Profile,
}

public static class LexicalFields
{
    public const int Count = 4;
}

/// <summary>A sparse, L2-normalised TF-IDF vector.</summary>
public sealed class TermVector
{
    public static readonly TermVector Empty = new([], []);

    private TermVector(string[] terms, float[] weights)
    {
        Terms = terms;
        Weights = weights;
    }

    public string[] Terms { get; }

    public float[] Weights { get; }

    /// <summary>Sublinear term frequency (1 + ln tf) times idf, then unit length.</summary>
    public static TermVector From(IEnumerable<string> terms, TermStatistics statistics)
    {
        var counts = Count(terms);
        if (counts.Count == 0)
        {
            return Empty;
        }

        var keys = new string[counts.Count];
        var weights = new float[counts.Count];
        var next = 0;
        foreach (var (term, count) in counts)
        {
            keys[next] = term;
            weights[next++] = (float)((1 + Math.Log(count)) * statistics.Idf(term));
        }

        // Ordinal order makes every sum over the vector add up in the same order whatever order the text had.
        Array.Sort(keys, weights, StringComparer.Ordinal);
        double squares = 0;
        foreach (var weight in weights)
        {
            squares += (double)weight * weight;
        }

        var norm = (float)Math.Sqrt(squares);
        if (norm == 0)
        {
            return Empty;
        }

        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] /= norm;
        }

        return new TermVector(keys, weights);
    }

    public Dictionary<string, float> ToDictionary()
    {
        var map = new Dictionary<string, float>(Terms.Length, StringComparer.Ordinal);
        for (var i = 0; i < Terms.Length; i++)
        {
            map[Terms[i]] = Weights[i];
        }

        return map;
    }

    public static Dictionary<string, int> Count(IEnumerable<string> terms)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            counts[term] = counts.GetValueOrDefault(term) + 1;
        }

        return counts;
    }
}
