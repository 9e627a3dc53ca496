using ExpertNetwork.Text;

namespace ExpertNetwork.Matching;

/// <summary>
/// Turns need and profile text into the terms the lexical features count. Everything passes
/// through <see cref="VietnameseText"/> first: the ML.NET featurizers and a plain split would
/// keep "đ" and NFD marks apart from their folded forms.
/// </summary>
public static class MatchText
{
    // Folded, so Vietnamese function words match however they were typed.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "for", "from", "has", "have", "how",
        "in", "into", "is", "it", "its", "of", "on", "or", "our", "over", "such", "than", "that", "the", "their",
        "them", "these", "they", "this", "those", "through", "to", "under", "using", "via", "was", "we", "were",
        "what", "when", "which", "while", "with", "within", "without", "based", "use", "used", "also", "both",
        "between", "more", "most", "other", "some", "show", "shows", "paper", "propose", "proposed", "approach",
        "method", "methods", "results", "new", "novel", "however", "work", "study", "present", "not", "all",
        "one", "two", "well", "each", "many", "only", "further", "then", "there", "here", "may", "will", "would",
        "could", "should", "do", "does", "existing", "experiments", "experimental", "demonstrate", "achieve",
        "va", "cua", "cho", "cac", "nhung", "mot", "la", "co", "duoc", "trong", "voi", "tai", "tu", "den", "ve",
        "nay", "khi", "de", "thi", "ma", "nhu", "nguoi", "viec", "can", "theo", "tren", "duoi", "hoac",
    };

    /// <summary>Folded, stop-word-free, lightly stemmed terms in reading order.</summary>
    public static List<string> Terms(string? text)
    {
        var terms = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return terms;
        }

        var folded = VietnameseText.Fold(VietnameseText.Normalize(text));
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inWord = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                Add(terms, folded.AsSpan(start, i - start));
                start = -1;
            }
        }

        return terms;
    }

    /// <summary>A folded, whitespace-collapsed form for phrase containment (keywords, skills).</summary>
    public static string Phrase(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "" : " " + string.Join(' ', Terms(text)) + " ";

    private static void Add(List<string> terms, ReadOnlySpan<char> word)
    {
        if (word.Length < 2 || word.Length > 40)
        {
            return;
        }

        var term = Stem(word.ToString());
        if (!StopWords.Contains(term))
        {
            terms.Add(term);
        }
    }

    // An S-stemmer: enough to join "networks"/"network" and "studies"/"study" without the
    // over-stemming a Porter stemmer does to technical words.
    private static string Stem(string word)
    {
        if (word.Length <= 3 || !word.EndsWith('s') || char.IsDigit(word[^2]))
        {
            return word;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal) && !word.EndsWith("eies", StringComparison.Ordinal) && !word.EndsWith("aies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        if (word.EndsWith("es", StringComparison.Ordinal) && !word.EndsWith("aes", StringComparison.Ordinal)
            && !word.EndsWith("ees", StringComparison.Ordinal) && !word.EndsWith("oes", StringComparison.Ordinal))
        {
            return word[..^1];
        }

        return word.EndsWith("us", StringComparison.Ordinal) || word.EndsWith("ss", StringComparison.Ordinal) || word.EndsWith("is", StringComparison.Ordinal)
            ? word
            : word[..^1];
    }
}
