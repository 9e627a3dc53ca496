using System.Text;
using ExpertNetwork.Search.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;

namespace ExpertNetwork.Tests.Search;

/// <summary>The table-driven lower-casing must give exactly what Lucene's LowerCaseFilter gives, or indexes and queries would disagree.</summary>
public sealed class TableLowerCaseFilterTests
{
    [Fact]
    public void Every_character_of_the_first_plane_lowers_as_Lucene_lowers_it_inside_a_token()
    {
        // Runs of consecutive characters, so each one is lowered among neighbours as inside a real token.
        var differences = new List<string>();
        for (var start = 0; start <= char.MaxValue; start += 61)
        {
            var run = new StringBuilder();
            for (var c = start; c < Math.Min(start + 61, char.MaxValue + 1); c++)
            {
                if (!char.IsSurrogate((char)c))
                {
                    run.Append((char)c);
                }
            }

            var text = run.ToString();
            if (text.Length > 0 && Lucene(text) != Table(text))
            {
                differences.Add($"U+{start:X4}..");
            }
        }

        Assert.Empty(differences);
    }

    [Theory]
    [InlineData("ĐẶNG THU HÀ Nguyễn İstanbul ΣΟΦΊΑ")]
    [InlineData("𐐀𐐁 Deseret ABC 𐐨")]
    [InlineData("x\uD801")]
    [InlineData("ǅǈǋ ẞ Ω K Å")]
    public void Tokens_lower_as_Lucene_lowers_them_surrogates_included(string text) => Assert.Equal(Lucene(text), Table(text));

    [Fact]
    public void Random_text_with_pairs_from_other_planes_lowers_as_Lucene_lowers_it()
    {
        var random = new Random(13);
        for (var i = 0; i < 2_000; i++)
        {
            var text = new StringBuilder();
            for (var n = random.Next(1, 30); n > 0; n--)
            {
                if (random.Next(8) == 0)
                {
                    text.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x1FFFF)));
                }
                else
                {
                    text.Append((char)random.Next(0x20, 0x2000));
                }
            }

            Assert.Equal(Lucene(text.ToString()), Table(text.ToString()));
        }
    }

    [Fact]
    public void Checking_text_lowers_it_like_the_filter_and_refuses_surrogates()
    {
        var text = "ĐẶNG Thu HÀ";
        var lowered = new char[text.Length];
        Assert.True(LowerCase.TryApply(text, lowered));
        Assert.Equal(Lucene(text), new string(lowered));
        Assert.False(LowerCase.TryApply("a𐐀", new char[3]));
    }

    [Fact]
    public void Lowering_and_folding_at_once_gives_lucenes_two_filters_or_refuses()
    {
        var refused = 0;
        var folded = new char[1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var text = ((char)c).ToString();
            var lucene = Run(text, stream => new ASCIIFoldingFilter(new LowerCaseFilter(ExpertAnalyzers.Version, stream)));
            if (LowerCase.TryApplyFolded(text, folded))
            {
                Assert.Equal(lucene, folded[0].ToString());
            }
            else
            {
                Assert.True(char.IsSurrogate((char)c) || c == char.MaxValue || lucene.Length > 1, $"U+{c:X4} refused although Lucene folds it to '{lucene}'");
                refused++;
            }
        }

        var vietnamese = "ĐẶNG Thu HÀ, Nguyễn Văn Ân";
        var buffer = new char[vietnamese.Length];
        Assert.True(LowerCase.TryApplyFolded(vietnamese, buffer));
        Assert.Equal("dang thu ha, nguyen van an", new string(buffer));
        Assert.False(LowerCase.TryApplyFolded("Æsir", new char[4]));
        Assert.InRange(refused, 2048, 4096);
    }

    private static string Lucene(string text) => Run(text, stream => new LowerCaseFilter(ExpertAnalyzers.Version, stream));

    private static string Table(string text) => Run(text, stream => new TableLowerCaseFilter(stream));

    private static string Run(string text, Func<TokenStream, TokenStream> filter)
    {
        using var stream = filter(new KeywordTokenizer(new StringReader(text)));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        var tokens = new List<string>();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        stream.End();
        return string.Join('|', tokens);
    }
}
