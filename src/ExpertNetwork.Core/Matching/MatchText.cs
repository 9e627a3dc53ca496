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

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordSpans = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Folded, stop-word-free, lightly stemmed terms in reading order.</summary>
    public static List<string> Terms(string? text) => Terms(text, null);

    /// <summary>
    /// <see cref="Terms(string?)"/>, each term the directory knows given as the directory's own string: a profile analysed
    /// for matching then allocates no string for most of its words and shares the rest with every other profile.
    /// </summary>
    public static List<string> Terms(string? text, TermStatistics? directory) => Terms(text, directory, null);

    /// <summary>
    /// <see cref="Terms(string?, TermStatistics?)"/>, and into <paramref name="accents"/> each term's
    /// <see cref="AccentMarks"/>: how the word it came from was written (as if without diacritics where that cannot be told,
    /// which matches any spelling).
    /// </summary>
    public static List<string> Terms(string? text, TermStatistics? directory, List<uint>? accents)
    {
        var terms = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return terms;
        }

        var normal = VietnameseText.Normalize(text);
        var folded = VietnameseText.Fold(normal);

        // Folding keeps one character for each of a normalised text's, but for text it cannot fold by its table.
        var aligned = accents is not null && folded.Length == normal.Length;
        Span<char> stemmed = stackalloc char[MaxTermLength];
        for (var at = 0; NextWord(folded, ref at, out var word);)
        {
            var span = folded.AsSpan(word);
            if (span.Length < 2 || span.Length > MaxTermLength)
            {
                continue;
            }

            var term = Stem(span, stemmed);
            if (!StopWordSpans.Contains(term))
            {
                terms.Add(directory?.Known(term) ?? term.ToString());
                accents?.Add(aligned ? AccentMarks.Of(normal.AsSpan(word), span) : AccentMarks.Unmarked);
            }
        }

        return terms;
    }

    /// <summary>
    /// Each word as written, lower case and normalised (<see cref="VietnameseText.Normalize"/>), with its term (null for a
    /// stop word or a word too short to count). The written form tells "phở" from "phổ" and "hát" from "hạt", which
    /// fold to one term.
    /// </summary>
    public static IEnumerable<(string Word, string? Term)> Words(string? text)
    {
        foreach (var word in WrittenWords(text))
        {
            var terms = Terms(word);
            yield return (word, terms.Count == 1 ? terms[0] : null);
        }
    }

    /// <summary>Each run of letters and digits, lower case and normalised (<see cref="VietnameseText.Normalize"/>), in reading order.</summary>
    internal static IEnumerable<string> WrittenWords(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }

        var normal = VietnameseText.Normalize(text).ToLowerInvariant();
        for (var at = 0; NextWord(normal, ref at, out var word);)
        {
            yield return normal[word];
        }
    }

    /// <summary>The next run of letters and digits from <paramref name="position"/> on, which it moves past; false at the end.</summary>
    internal static bool NextWord(string text, ref int position, out Range word)
    {
        while (position < text.Length && !char.IsLetterOrDigit(text[position]))
        {
            position++;
        }

        var start = position;
        while (position < text.Length && char.IsLetterOrDigit(text[position]))
        {
            position++;
        }

        word = start..position;
        return position > start;
    }

    /// <summary>A 64-bit FNV-1a key of two words in order: a million profiles' word pairs kept as numbers, not strings.</summary>
    public static ulong PairKey(ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in first)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash = (hash ^ ' ') * 1099511628211UL;
        foreach (var c in second)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>A folded, whitespace-collapsed form for phrase containment (keywords, skills).</summary>
    public static string Phrase(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "" : " " + string.Join(' ', Terms(text)) + " ";

    private const int MaxTermLength = 40;

    // An S-stemmer: enough to join "networks"/"network" and "studies"/"study" without the
    // over-stemming a Porter stemmer does to technical words. Only "-ies" needs a letter the word lacks, written to buffer.
    private static ReadOnlySpan<char> Stem(ReadOnlySpan<char> word, Span<char> buffer)
    {
        if (word.Length <= 3 || word[^1] != 's' || char.IsDigit(word[^2]))
        {
            return word;
        }

        if (word.EndsWith("ies") && !word.EndsWith("eies") && !word.EndsWith("aies"))
        {
            word[..^3].CopyTo(buffer);
            buffer[word.Length - 3] = 'y';
            return buffer[..(word.Length - 2)];
        }

        if (word.EndsWith("es") && !word.EndsWith("aes") && !word.EndsWith("ees") && !word.EndsWith("oes"))
        {
            return word[..^1];
        }

        return word.EndsWith("us") || word.EndsWith("ss") || word.EndsWith("is") ? word : word[..^1];
    }
}
