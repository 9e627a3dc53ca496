using System.Text;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Analysis;
using ExpertNetwork.Search.Lucene;
using ExpertNetwork.Text;

namespace ExpertNetwork.Tests.Search;

public sealed class AnalyzerTokenTests : IDisposable
{
    private readonly ExpertAnalyzers _analyzers = new();

    public void Dispose() => _analyzers.Dispose();

    private string Tokens(string analyzer, string text) =>
        string.Join(' ', ExpertAnalyzers.Terms(_analyzers[analyzer], VietnameseText.Normalize(text)));

    [Theory]
    [MemberData(nameof(GoldenTokenTable.Rows), MemberType = typeof(GoldenTokenTable))]
    public void Analyzers_produce_the_golden_tokens(string analyzer, string text, string expected) =>
        Assert.Equal(expected, Tokens(analyzer, text));

    [Theory]
    [InlineData("Dùng C++ và C# trên .NET", "dùng=Dùng cplusplus=C++ và=và csharp=C# trên=trên dotnet=.NET")]
    [InlineData("ASP.NET, F# và c++", "aspdotnet=ASP.NET fsharp=F# và=và cplusplus=c++")]
    [InlineData("3.5 + 2 # x", "3.5=3.5 2=2 x=x")]
    public void Tech_terms_are_mapped_and_offsets_point_at_the_original_text(string text, string expected)
    {
        var tokens = new List<string>();
        using var stream = _analyzers.Exact.GetTokenStream("f", text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        var offsets = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add($"{term}={text[offsets.StartOffset..offsets.EndOffset]}");
        }

        stream.End();
        Assert.Equal(expected, string.Join(' ', tokens));
    }

    [Fact]
    public void Decomposed_input_folds_once_normalised()
    {
        var nfd = "Đặng Thu Hà".Normalize(NormalizationForm.FormD);
        Assert.Equal("dang thu ha", Tokens(AnalyzerNames.Folded, nfd));
        Assert.Equal(Tokens(AnalyzerNames.Exact, "Đặng Thu Hà"), Tokens(AnalyzerNames.Exact, nfd));
    }

    [Theory]
    [InlineData(AnalyzerNames.ExactSynonyms, "trí tuệ nhân tạo", "artificial,intelligence,ai")]
    [InlineData(AnalyzerNames.FoldedSynonyms, "tri tue nhan tao", "artificial,intelligence,ai")]
    [InlineData(AnalyzerNames.ExactSynonyms, "machine learning", "học,máy")]
    [InlineData(AnalyzerNames.FoldedSynonyms, "an ninh mạng", "cybersecurity,network,security")]
    public void Synonym_analyzers_add_the_other_language(string analyzer, string text, string expected)
    {
        var tokens = ExpertAnalyzers.Terms(_analyzers[analyzer], VietnameseText.Normalize(text));
        Assert.All(expected.Split(','), t => Assert.Contains(t, tokens));
    }

    [Fact]
    public void Part_of_a_concept_gets_no_synonyms()
    {
        Assert.Equal(["trí", "tuệ"], ExpertAnalyzers.Terms(_analyzers.ExactSynonyms, "trí tuệ"));
    }

    [Fact]
    public void Multi_valued_fields_keep_phrases_inside_one_value()
    {
        Assert.Equal(100, _analyzers.Exact.GetPositionIncrementGap(IndexFields.Keywords));
        Assert.Equal(100, _analyzers.Indexing.GetPositionIncrementGap(IndexFields.NameVariants));
    }
}
