using System.Text;
using ExpertNetwork.Text;

namespace ExpertNetwork.Matching;

/// <summary>
/// How a body of text writes Vietnamese: the words it writes with diacritics, every two adjacent words of which one
/// carries them, and every two adjacent words of its Vietnamese texts folded. Vietnamese meaning lives in two-syllable
/// words: "bán dẫn" (semiconductor) says nothing of "bán đất" (selling land), and typed without diacritics "ban dan"
/// is a phrase the directory uses while "nuoi cho meo" (keeping cats and dogs) is three syllables it uses apart.
/// </summary>
public sealed class WrittenVietnamese
{
    private readonly HashSet<string> _accentedWords = new(StringComparer.Ordinal);
    private readonly HashSet<ulong> _accentedPairs = [];
    private readonly HashSet<ulong> _foldedPairs = [];

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
        var accentedWords = _accentedWords.GetAlternateLookup<ReadOnlySpan<char>>();
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
            if (accented)
            {
                accentedWords.Add(word);
            }

            if (!previous.IsEmpty)
            {
                if (!function && !previousFunction)
                {
                    _foldedPairs.Add(MatchText.PairKey(previousFolded, folded));
                }

                if (accented || previousAccented)
                {
                    _accentedPairs.Add(MatchText.PairKey(previous, word));
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
    public bool HoldsAccented(string word) => _accentedWords.Contains(word);

    /// <summary>Whether these two words, one of them with diacritics, were ever written one after the other.</summary>
    public bool HoldsPair(string first, string second) => _accentedPairs.Contains(MatchText.PairKey(first, second));

    /// <summary>Whether these two words, folded (<see cref="VietnameseText.Fold"/>), were ever written one after the other in a Vietnamese text.</summary>
    public bool HoldsFoldedPair(string first, string second) => _foldedPairs.Contains(MatchText.PairKey(first, second));
}
