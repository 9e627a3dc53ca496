using System.Buffers;
using System.Globalization;
using System.Text;

namespace ExpertNetwork.Text;

/// <summary>
/// The one place where Vietnamese text is made comparable. Storage, search and matching all go
/// through here, so a name typed on a phone, pasted from Word or exported as NFD from macOS lands
/// on the same form everywhere.
/// </summary>
public static class VietnameseText
{
    // Tone order: huyền, sắc, hỏi, ngã, nặng. A character's position in its row is its tone.
    private const string TonedA = "àáảãạ";
    private const string TonedUpperA = "ÀÁẢÃẠ";
    private const string TonedE = "èéẻẽẹ";
    private const string TonedUpperE = "ÈÉẺẼẸ";
    private const string TonedY = "ỳýỷỹỵ";
    private const string TonedUpperY = "ỲÝỶỸỴ";
    private const string TonedO = "òóỏõọ";
    private const string TonedUpperO = "ÒÓỎÕỌ";
    private const string TonedU = "ùúủũụ";
    private const string TonedUpperU = "ÙÚỦŨỤ";

    // Without a check on the onset, foreign words such as Zoé or Chloé would be "corrected" too.
    private static readonly HashSet<string> Onsets = new(StringComparer.OrdinalIgnoreCase)
    {
        "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
        "p", "ph", "r", "s", "t", "th", "tr", "v", "x",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> OnsetLookup =
        Onsets.GetAlternateLookup<ReadOnlySpan<char>>();

    private const int LongestOnset = 3;

    // Per-character answers for the blocks Vietnamese text is made of (Latin, combining marks,
    // Latin Extended Additional, general punctuation), so the usual field needs neither ICU nor a
    // second pass. Characters outside them take the general path.
    private const char TableEnd = '\u2070';
    private const char FoldUnknown = '\uFFFF';
    private const char FoldDropped = '\uFFFE';
    private static readonly char[] FoldOf = new char[TableEnd];
    private static readonly byte[] ToneOf = new byte[TableEnd];
    private static readonly bool[] StaysComposed = new bool[TableEnd];

    static VietnameseText()
    {
        Array.Fill(FoldOf, FoldUnknown);
        foreach (var (from, to) in (ReadOnlySpan<(char, char)>)[('\u0000', '\u0370'), ('\u1E00', '\u1F00'), ('\u2000', TableEnd)])
        {
            for (var c = from; c < to; c++)
            {
                var alone = c.ToString();
                var folded = FoldByDecomposition(alone);
                FoldOf[c] = IsCombiningDiacritic(c) ? FoldDropped : folded.Length == 1 ? folded[0] : FoldUnknown;

                // Only the combining marks in these blocks can merge into the character before
                // them, so any other character that is NFC on its own stays NFC in any string.
                StaysComposed[c] = !IsCombiningDiacritic(c) && alone.IsNormalized(NormalizationForm.FormC);
            }
        }

        foreach (var row in (ReadOnlySpan<string>)[TonedA, TonedUpperA, TonedE, TonedUpperE, TonedY, TonedUpperY])
        {
            for (var tone = 0; tone < row.Length; tone++)
            {
                ToneOf[row[tone]] = (byte)(tone + 1);
            }
        }
    }

    /// <summary>
    /// NFC with the tone of the open rhymes oa, oe and uy on the first vowel ("old style": hòa,
    /// khỏe, thủy), which is how the province's records and most official sources spell them.
    /// Everything else, including closed rhymes (hoàng, ngoài), qu + y (quý) and non-Vietnamese
    /// text, is left as it is.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Ascii.IsValid(text))
        {
            return text;
        }

        return StaysComposedAsIs(text) ? PlaceTonesOldStyle(text) : OnWellFormedRuns(text, NormalizeByComposition);
    }

    /// <summary>
    /// The comparison key: no diacritics, đ as d, lower case. "Nguyễn", "NGUYEN" and an NFD
    /// "Nguyễn" all fold to "nguyen".
    /// </summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Ascii.IsValid(text))
        {
            return text.ToLowerInvariant();
        }

        return FoldByTable(text) ?? OnWellFormedRuns(text, FoldByDecomposition);
    }

    /// <summary>
    /// The spellings one person's name is likely to appear under: as written first, then the
    /// orders of <see cref="PersonName.OrderVariants"/>.
    /// </summary>
    public static IReadOnlyList<string> NameVariants(string fullName)
    {
        var (name, written) = PersonName.Read(fullName);
        return PersonName.Distinct([written, .. name.OrderVariants()]);
    }

    /// <summary>NFC only: for text whose spelling must be kept exactly, such as the parts of a name.</summary>
    internal static string Compose(string text) =>
        Ascii.IsValid(text) ? text : OnWellFormedRuns(text, static t => t.Normalize(NormalizationForm.FormC));

    /// <summary>The general path of <see cref="Normalize"/>, for text the tables do not cover; internal so tests can hold the fast path to it.</summary>
    internal static string NormalizeByComposition(string text)
    {
        var composed = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        return PlaceTonesOldStyle(composed);
    }

    private static bool StaysComposedAsIs(string text)
    {
        foreach (var c in text)
        {
            if (c >= TableEnd || !StaysComposed[c])
            {
                return false;
            }
        }

        return true;
    }

    private static string PlaceTonesOldStyle(string composed)
    {
        char[]? changed = null;
        for (var at = 1; at < composed.Length; at++)
        {
            var c = composed[at];
            if (c < TableEnd && ToneOf[c] != 0 && TryMoveTone(composed, at, out var first, out var second))
            {
                changed ??= composed.ToCharArray();
                changed[at - 1] = first;
                changed[at] = second;
            }
        }

        return changed is null ? composed : new string(changed);
    }

    private static bool TryMoveTone(ReadOnlySpan<char> text, int at, out char first, out char second)
    {
        first = second = default;
        var toned = text[at];
        var tone = ToneOf[toned] - 1;
        var bareSecond = char.IsUpper(toned) ? char.ToUpperInvariant(FoldOf[toned]) : FoldOf[toned];
        var bareFirst = text[at - 1];
        var isRhyme = char.ToLowerInvariant(bareSecond) == 'y'
            ? bareFirst is 'u' or 'U'
            : bareFirst is 'o' or 'O';

        // A following letter or mark means a closed or longer rhyme (hoàng, ngoài, khuỷu) or a
        // vowel with a second mark, whose tone already sits where both styles agree.
        if (!isRhyme || (at + 1 < text.Length && IsLetterOrMark(text[at + 1])))
        {
            return false;
        }

        var onsetStart = at - 1;
        while (onsetStart > 0 && IsLetterOrMark(text[onsetStart - 1]))
        {
            onsetStart--;
            if (at - 1 - onsetStart > LongestOnset)
            {
                return false;
            }
        }

        // "q" is not an onset on its own, which is what keeps quý and quỳ as they are.
        if (!OnsetLookup.Contains(text[onsetStart..(at - 1)]))
        {
            return false;
        }

        var row = bareFirst switch
        {
            'o' => TonedO,
            'O' => TonedUpperO,
            'u' => TonedU,
            _ => TonedUpperU,
        };
        first = row[tone];
        second = bareSecond;
        return true;
    }

    private static string? FoldByTable(string text)
    {
        var buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            var folded = c < TableEnd ? FoldOf[c] : FoldUnknown;
            if (folded == FoldUnknown)
            {
                return null;
            }

            if (folded != FoldDropped)
            {
                buffer[length++] = folded;
            }
        }

        return new string(buffer[..length]);
    }

    /// <summary>The general path of <see cref="Fold"/>, for text the tables do not cover; internal so tests can hold the fast path to it.</summary>
    internal static string FoldByDecomposition(string text)
    {
        // Tone placement cannot change the result once every mark is stripped, so Normalize's
        // rhyme pass is skipped and decomposition alone is enough.
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var buffer = ArrayPool<char>.Shared.Rent(decomposed.Length);
        try
        {
            var length = 0;
            foreach (var ch in decomposed)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark)
                {
                    buffer[length++] = WithoutStroke(ch);
                }
            }

            var folded = new string(buffer, 0, length).ToLowerInvariant();

            // Decomposition also splits scripts without diacritics (Hangul into jamo); putting
            // them back keeps such names searchable as typed.
            return Ascii.IsValid(folded) ? folded : folded.Normalize(NormalizationForm.FormC);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    // Unicode has no decomposition for a stroke, so these survive NFD. Ð (eth) is in the list
    // because it is a common stand-in for Đ on keyboards without Vietnamese input.
    private static char WithoutStroke(char ch) => ch switch
    {
        'đ' or 'ð' => 'd',
        'Đ' or 'Ð' => 'D',
        'ł' => 'l',
        'Ł' => 'L',
        'ø' => 'o',
        'Ø' => 'O',
        _ => ch,
    };

    private static bool IsCombiningDiacritic(char c) => c is >= '\u0300' and < '\u0370';

    private static bool IsLetterOrMark(char ch) => CharUnicodeInfo.GetUnicodeCategory(ch) switch
    {
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        _ => char.IsLetter(ch),
    };

    // string.Normalize throws on lone surrogates and U+FFFE. One malformed field must not stop an
    // index rebuild, so the well-formed stretches are transformed and the stray code units kept.
    private static string OnWellFormedRuns(string text, Func<string, string> transform)
    {
        try
        {
            return transform(text);
        }
        catch (ArgumentException)
        {
        }

        var result = new StringBuilder(text.Length);
        var runStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(text[i]) || text[i] is '\uFFFE' or '\uFFFF')
            {
                result.Append(TransformOrKeep(text[runStart..i], transform)).Append(text[i]);
                runStart = i + 1;
            }
        }

        return result.Append(TransformOrKeep(text[runStart..], transform)).ToString();
    }

    private static string TransformOrKeep(string run, Func<string, string> transform)
    {
        try
        {
            return transform(run);
        }
        catch (ArgumentException)
        {
            return run;
        }
    }
}
