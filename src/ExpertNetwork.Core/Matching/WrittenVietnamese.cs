using System.Runtime.InteropServices;
using System.Text;
using ExpertNetwork.Text;

namespace ExpertNetwork.Matching;

/// <summary>
/// How a body of text writes Vietnamese: the words it writes and how often, every two adjacent words of which one
/// carries them, and every two adjacent words of its Vietnamese texts folded. Vietnamese meaning lives in two-syllable
/// words: "bán dẫn" (semiconductor) says nothing of "bán đất" (selling land), and typed without diacritics "ban dan"
/// is a phrase the directory uses while "nuoi cho meo" (keeping cats and dogs) is three syllables it uses apart.
/// </summary>
public sealed class WrittenVietnamese
{
    private readonly Dictionary<ulong, int> _accentedPairs = [];
    private readonly HashSet<ulong> _foldedPairs = [];

    // How often each word of a Vietnamese text is written so, and a folded word's spellings with diacritics: what a
    // text typed without them is read back into (Restore).
    private readonly Dictionary<string, int> _spellingCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _spellingsOfFolded = new(StringComparer.Ordinal);

    /// <summary>A pair the directory writes outweighs this many times a spelling's own frequency, on the log scale.</summary>
    private const double PairEvidence = 3;

    // Written exactly so, these are function words, and folded they would stand for every syllable they fold from:
    // "từ vi sinh vật" (from microbes) does not make "tu vi" (tử vi, horoscope) a phrase, nor "cho thuê" (for rent) one
    // about dogs (chó).
    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "từ", "cho", "của", "và", "các", "những", "một", "là", "có", "được", "trong", "với", "tại", "đến", "về", "này",
        "khi", "để", "thì", "mà", "như", "theo", "trên", "dưới", "hoặc", "ở", "do", "bởi", "nên", "vì", "nhưng",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FunctionWordSpans = FunctionWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Adds a text's Vietnamese; a text without a letter outside ASCII adds nothing.</summary>
    public void Add(string? text)
    {
        if (string.IsNullOrEmpty(text) || Ascii.IsValid(text))
        {
            return;
        }

        // Spans, not strings: this runs over every profile and publication of the directory.
        var spellingCounts = _spellingCounts.GetAlternateLookup<ReadOnlySpan<char>>();
        var normal = VietnameseText.Normalize(text).ToLowerInvariant();

        // One fold for the whole text, read at the words' own places, unless folding moved them.
        var foldedText = VietnameseText.Fold(normal);
        var samePlaces = foldedText.Length == normal.Length;
        ReadOnlySpan<char> previous = default, previousFolded = default;
        bool previousAccented = false, previousFunction = false;
        var previousEnd = 0;
        for (var at = 0; MatchText.NextWord(normal, ref at, out var range);)
        {
            // "Quy Nhơn, Gia Lai" does not make "nhơn gia" a phrase.
            if (!OnlySpaceBetween(normal.AsSpan(previousEnd, range.Start.Value - previousEnd)))
            {
                previous = default;
            }

            previousEnd = range.End.Value;
            var word = normal.AsSpan(range);
            var accented = !Ascii.IsValid(word);
            var folded = !accented ? word : samePlaces ? foldedText.AsSpan(range) : VietnameseText.Fold(word.ToString()).AsSpan();
            var function = FunctionWordSpans.Contains(word);
            CollectionsMarshal.GetValueRefOrAddDefault(spellingCounts, word, out var seen)++;
            if (accented && !seen)
            {
                var foldedWord = folded.ToString();
                if (!_spellingsOfFolded.TryGetValue(foldedWord, out var spellings))
                {
                    _spellingsOfFolded[foldedWord] = spellings = [];
                }

                spellings.Add(word.ToString());
            }

            if (!previous.IsEmpty)
            {
                if (!function && !previousFunction)
                {
                    _foldedPairs.Add(MatchText.PairKey(previousFolded, folded));
                }

                if (accented || previousAccented)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(_accentedPairs, MatchText.PairKey(previous, word), out _)++;
                }
            }

            previous = word;
            previousFolded = folded;
            previousAccented = accented;
            previousFunction = function;
        }
    }

    private static bool OnlySpaceBetween(ReadOnlySpan<char> between)
    {
        foreach (var c in between)
        {
            if (!char.IsWhiteSpace(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether this word was ever written with exactly these diacritics (as <see cref="MatchText.Words"/> writes it).</summary>
    public bool HoldsAccented(string word) => !Ascii.IsValid(word) && _spellingCounts.ContainsKey(word);

    /// <summary>Whether these two words, one of them with diacritics, were ever written one after the other.</summary>
    public bool HoldsPair(string first, string second) => _accentedPairs.ContainsKey(MatchText.PairKey(first, second));

    /// <summary>Whether these two words, folded (<see cref="VietnameseText.Fold"/>), were ever written one after the other in a Vietnamese text.</summary>
    public bool HoldsFoldedPair(string first, string second) => _foldedPairs.Contains(MatchText.PairKey(first, second));

    /// <summary>
    /// Words of a text with diacritics that look mistyped in their marks: a word the text pairs with neither neighbour as
    /// this body of text ever does, where another spelling of it makes, with a neighbour as typed, a pair written here at
    /// least <paramref name="minimumPairs"/> times. "thiết kê vi mạch" has "kê" for "kế" (thiết kế, design), "an ninh mang"
    /// "mang" for "mạng". Function words are never read as others nor others as them: "tử vi" (horoscope) is not the "từ
    /// vi" of "từ vi sinh vật". Words come as <see cref="MatchText.Words"/> writes them; a text without diacritics gives
    /// none (see <see cref="Restore"/>).
    /// </summary>
    public IReadOnlyList<(string Typed, string Meant)> MistypedMarks(string text, int minimumPairs)
    {
        if (string.IsNullOrEmpty(text) || Ascii.IsValid(text))
        {
            return [];
        }

        var normal = VietnameseText.Normalize(text).ToLowerInvariant();
        var mistyped = new List<(string, string)>();
        foreach (var run in Runs(normal))
        {
            var words = run.Select(range => normal[range]).ToArray();
            for (var i = 0; i < words.Length; i++)
            {
                var before = i > 0 ? words[i - 1] : null;
                var after = i + 1 < words.Length ? words[i + 1] : null;
                if ((before is null && after is null) || FunctionWords.Contains(words[i])
                    || (before is not null && HoldsPair(before, words[i])) || (after is not null && HoldsPair(words[i], after))
                    || !_spellingsOfFolded.TryGetValue(VietnameseText.Fold(words[i]), out var spellings))
                {
                    continue;
                }

                var best = spellings
                    .Where(spelling => spelling != words[i] && !FunctionWords.Contains(spelling))
                    .Select(spelling => (Spelling: spelling, Pairs: PairCount(before, spelling) + PairCount(spelling, after)))
                    .Where(candidate => candidate.Pairs >= minimumPairs)
                    .OrderByDescending(candidate => candidate.Pairs).ThenBy(candidate => candidate.Spelling, StringComparer.Ordinal)
                    .FirstOrDefault();
                if (best.Spelling is not null && !mistyped.Contains((words[i], best.Spelling)))
                {
                    mistyped.Add((words[i], best.Spelling));
                }
            }
        }

        return mistyped;
    }

    private int PairCount(string? first, string? second) =>
        first is null || second is null ? 0 : _accentedPairs.GetValueOrDefault(MatchText.PairKey(first, second));

    /// <summary>
    /// A text typed without diacritics read back into the spellings this body of text writes: each word becomes the
    /// spelling (its own included) that best agrees with its neighbours, by the pairs written here and then by how often
    /// each spelling is written. "thiet ke vi mach" becomes "thiết kế vi mạch"; a word with no other spelling stays as
    /// typed. Lower case; punctuation and what lies between words are kept. A text with diacritics is returned as it is.
    /// </summary>
    public string Restore(string text)
    {
        if (string.IsNullOrEmpty(text) || !Ascii.IsValid(text))
        {
            return text;
        }

        var lower = text.ToLowerInvariant();
        var restored = new StringBuilder(lower.Length + lower.Length / 4);
        var copied = 0;
        foreach (var run in Runs(lower))
        {
            var best = BestSpellings(run.Select(r => lower[r]).ToArray());
            for (var i = 0; i < run.Count; i++)
            {
                restored.Append(lower, copied, run[i].Start.Value - copied).Append(best[i]);
                copied = run[i].End.Value;
            }
        }

        return restored.Append(lower, copied, lower.Length - copied).ToString();
    }

    /// <summary>The text's runs of words with only spaces or hyphens between them: a phrase never spans punctuation.</summary>
    private static IEnumerable<List<Range>> Runs(string text)
    {
        var run = new List<Range>();
        var previousEnd = 0;
        for (var at = 0; MatchText.NextWord(text, ref at, out var range);)
        {
            if (run.Count > 0 && !OnlySpaceBetween(text.AsSpan(previousEnd, range.Start.Value - previousEnd)))
            {
                yield return run;
                run = [];
            }

            run.Add(range);
            previousEnd = range.End.Value;
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    /// <summary>The most likely spellings of a run of words, by dynamic programming over each word's spellings.</summary>
    private string[] BestSpellings(string[] words)
    {
        var options = words.Select(w => _spellingsOfFolded.TryGetValue(w, out var spellings) ? [w, .. spellings] : new[] { w }).ToArray();
        var score = new double[options.Length][];
        var from = new int[options.Length][];
        for (var i = 0; i < options.Length; i++)
        {
            score[i] = new double[options[i].Length];
            from[i] = new int[options[i].Length];
            for (var c = 0; c < options[i].Length; c++)
            {
                var own = Math.Log(1 + _spellingCounts.GetValueOrDefault(options[i][c]));
                if (i == 0)
                {
                    score[i][c] = own;
                    continue;
                }

                score[i][c] = double.NegativeInfinity;
                for (var p = 0; p < options[i - 1].Length; p++)
                {
                    var total = score[i - 1][p] + own + PairEvidence * Math.Log(1 + PairCount(options[i - 1][p], options[i][c]));
                    if (total > score[i][c])
                    {
                        (score[i][c], from[i][c]) = (total, p);
                    }
                }
            }
        }

        var chosen = new string[options.Length];
        var at = Array.IndexOf(score[^1], score[^1].Max());
        for (var i = options.Length - 1; i >= 0; i--)
        {
            chosen[i] = options[i][at];
            at = from[i][at];
        }

        return chosen;
    }
}
