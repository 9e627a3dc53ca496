using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;

namespace ExpertNetwork.Search.Analysis;

/// <summary>
/// Lucene's LowerCaseFilter, one table read per character. Lucene.NET lowers every token through the culture
/// machinery (ICU on Linux), which was a sixth of a search request's CPU, spent mostly on highlighting. The table
/// holds what Lucene's own lowering gives for each single character, and lowering is per code point, so tokens come
/// out the same; a token with a surrogate (a code point outside the first plane) is still lowered by Lucene.
/// </summary>
internal sealed class TableLowerCaseFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;

    public TableLowerCaseFilter(TokenStream input)
        : base(input) => _term = AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        LowerCase.Apply(_term.Buffer, _term.Length);
        return true;
    }
}

/// <summary>The lowering of <see cref="TableLowerCaseFilter"/>, also for text that is checked against analysed terms without being analysed.</summary>
internal static class LowerCase
{
    private static readonly char[] Table = Build();

    /// <summary>Lowers <paramref name="length"/> characters of <paramref name="buffer"/> in place, as Lucene's LowerCaseFilter does.</summary>
    public static void Apply(char[] buffer, int length)
    {
        var table = Table;
        for (var i = 0; i < length; i++)
        {
            var c = buffer[i];
            if (char.IsSurrogate(c))
            {
                CharacterUtils.GetInstance(ExpertAnalyzers.Version).ToLower(buffer, 0, length);
                return;
            }

            buffer[i] = table[c];
        }
    }

    /// <summary>Writes the lowered <paramref name="text"/> to <paramref name="destination"/> (of the same length); false, writing nothing useful, when the text holds a surrogate.</summary>
    public static bool TryApply(ReadOnlySpan<char> text, Span<char> destination)
    {
        var table = Table;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogate(c))
            {
                return false;
            }

            destination[i] = table[c];
        }

        return true;
    }

    /// <summary>
    /// Writes <paramref name="text"/> lowered and folded as Lucene's LowerCaseFilter and ASCIIFoldingFilter would, one
    /// character for one, to <paramref name="destination"/>; false when a character folds to several (æ, ß, ﬁ) or is a
    /// surrogate, and the caller must fold with Lucene's own code.
    /// </summary>
    public static bool TryApplyFolded(ReadOnlySpan<char> text, Span<char> destination)
    {
        var table = LowerFolded.Value;
        for (var i = 0; i < text.Length; i++)
        {
            var c = table[text[i]];
            if (c == NotOneForOne)
            {
                return false;
            }

            destination[i] = c;
        }

        return true;
    }

    private const char NotOneForOne = '\uFFFF';

    private static readonly Lazy<char[]> LowerFolded = new(() =>
    {
        var lower = Table;
        var folded = new char[char.MaxValue + 1];
        var input = new char[1];
        var output = new char[4];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            input[0] = lower[c];
            folded[c] = char.IsSurrogate((char)c) || c == NotOneForOne || ASCIIFoldingFilter.FoldToASCII(input, 0, output, 0, 1) != 1
                ? NotOneForOne
                : output[0];
        }

        return folded;
    });

    private static char[] Build()
    {
        var lucene = CharacterUtils.GetInstance(ExpertAnalyzers.Version);
        var table = new char[char.MaxValue + 1];
        var one = new char[1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            one[0] = (char)c;
            if (!char.IsSurrogate(one[0]))
            {
                lucene.ToLower(one, 0, 1);
            }

            table[c] = one[0];
        }

        return table;
    }
}
