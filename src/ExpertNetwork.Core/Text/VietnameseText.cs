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

    // In NFC a misplaced tone can only sit on one of these characters, so a vectorised search for
    // them rules out almost every field without looking at it character by character.
    private static readonly SearchValues<char> TonedRhymeEnds =
        SearchValues.Create(TonedA + TonedUpperA + TonedE + TonedUpperE + TonedY + TonedUpperY);

    // Without a check on the onset, foreign words such as Zoé or Chloé would be "corrected" too.
    private static readonly HashSet<string> Onsets =
    [
        "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
        "p", "ph", "r", "s", "t", "th", "tr", "v", "x",
    ];

    private const int LongestOnset = 3;

    private static readonly (string Row, char Bare)[] TonedRows =
    [
        (TonedA, 'a'), (TonedUpperA, 'A'), (TonedE, 'e'), (TonedUpperE, 'E'), (TonedY, 'y'), (TonedUpperY, 'Y'),
    ];

    /// <summary>
    /// NFC with the tone of the open rhymes oa, oe and uy on the first vowel ("old style": hòa,
    /// khỏe, thủy), which is how the province's records and most official sources spell them.
    /// Everything else, including closed rhymes (hoàng, ngoài), qu + y (quý) and non-Vietnamese
    /// text, is left as it is.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Ascii.IsValid(text) ? text : OnWellFormedRuns(text, NormalizeWellFormed);
    }

    /// <summary>
    /// The comparison key: no diacritics, đ as d, lower case. "Nguyễn", "NGUYEN" and an NFD
    /// "Nguyễn" all fold to "nguyen".
    /// </summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Ascii.IsValid(text) ? text.ToLowerInvariant() : OnWellFormedRuns(text, FoldWellFormed);
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

    private static string NormalizeWellFormed(string text)
    {
        var composed = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        return PlaceTonesOldStyle(composed);
    }

    private static string PlaceTonesOldStyle(string composed)
    {
        var span = composed.AsSpan();
        char[]? changed = null;
        var from = 0;
        while (from < span.Length)
        {
            var found = span[from..].IndexOfAny(TonedRhymeEnds);
            if (found < 0)
            {
                break;
            }

            var at = from + found;
            if (TryMoveTone(span, at, out var first, out var second))
            {
                changed ??= composed.ToCharArray();
                changed[at - 1] = first;
                changed[at] = second;
            }

            from = at + 1;
        }

        return changed is null ? composed : new string(changed);
    }

    private static bool TryMoveTone(ReadOnlySpan<char> text, int at, out char first, out char second)
    {
        first = second = default;
        if (at == 0 || !TrySplitTone(text[at], out var bareSecond, out var tone))
        {
            return false;
        }

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
        var onset = text[onsetStart..(at - 1)].ToString().ToLowerInvariant();
        if (!Onsets.Contains(onset))
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

    private static bool TrySplitTone(char toned, out char bare, out int tone)
    {
        foreach (var (row, letter) in TonedRows)
        {
            tone = row.IndexOf(toned, StringComparison.Ordinal);
            if (tone >= 0)
            {
                bare = letter;
                return true;
            }
        }

        bare = default;
        tone = -1;
        return false;
    }

    private static string FoldWellFormed(string text)
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
