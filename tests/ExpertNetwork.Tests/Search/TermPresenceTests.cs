using ExpertNetwork.Demo;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Analysis;

namespace ExpertNetwork.Tests.Search;

/// <summary>
/// The highlighter passes by any value for which <see cref="ExpertAnalyzers.MayProduceAny"/> says no query term can
/// come out of it, so it must never say so of a term the analyzer does produce.
/// </summary>
public sealed class TermPresenceTests : IDisposable
{
    private static readonly string[] Checked = [AnalyzerNames.Exact, AnalyzerNames.Folded, AnalyzerNames.Bio, AnalyzerNames.BioFolded];

    private readonly ExpertAnalyzers _analyzers = new();

    public void Dispose() => _analyzers.Dispose();

    public static TheoryData<string> Tricky() =>
    [
        "Lập trình nhúng bằng C++ và C#, ASP.NET, .NET 8 và F# (c++17).",
        "ﬁber optics, Æsir, straße, Œuvre, ĳssel",
        "ĐẶNG THU HÀ — İstanbul Σοφία ΣΟΦΊΑ",
        "𐐀𐐁 Deseret text with DESERET 𐐨 letters",
        "Đỗ Văn Quý".Normalize(System.Text.NormalizationForm.FormD),
        "3.5 + 2 # x, e-mail: a.b@example.org, https://example.org/a?b=c",
        "ｆｕｌｌｗｉｄｔｈ ＡＩ ① ² ½",
        "①an ²an an① x.an o'an an's an’s -an- _an_ an_ 1an an1 ΣAN анan Ăan anĂ AN",
        "C++an anC++ an.NET .NETan, an#, #an, e.g.an, an…an, Đan đAn, ǅan",
        "an\u0301 a\u0301n \u200Ban\u200B \u00ADan, 가an, an中文, ﬁan, anﬁ, æan, anæ",
    ];

    [Theory]
    [MemberData(nameof(Tricky))]
    public void Every_token_of_tricky_text_is_said_to_be_possible(string text) => AssertEveryTokenPossible(text);

    [Fact]
    public void Every_token_of_the_demo_directory_is_said_to_be_possible()
    {
        // Unlisted profiles are not indexed.
        foreach (var document in DemoDirectory.Generate(150).Select(ExpertDocument.From).OfType<ExpertDocument>())
        {
            string?[] values = [document.DisplayName, document.Name, document.Headline, document.Affiliation, document.Bio, .. document.OtherNames, .. document.Keywords, .. document.Publications];
            foreach (var value in values.OfType<string>())
            {
                AssertEveryTokenPossible(value);
            }
        }
    }

    [Fact]
    public void Text_without_the_terms_is_passed_by_and_other_analyzers_never_are()
    {
        const string text = "Nghiên cứu vật liệu bán dẫn và C++ nhúng";
        Assert.False(_analyzers.MayProduceAny(AnalyzerNames.Folded, text, ["graphene", "nguyen"]));
        Assert.False(_analyzers.MayProduceAny(AnalyzerNames.Exact, text, ["ban"]));
        Assert.True(_analyzers.MayProduceAny(AnalyzerNames.Folded, text, ["ban"]));
        Assert.True(_analyzers.MayProduceAny(AnalyzerNames.Folded, text, ["cplusplus"]));
        Assert.True(_analyzers.MayProduceAny(AnalyzerNames.FoldedSynonyms, text, ["graphene"]));
    }

    [Fact]
    public void A_term_found_only_inside_longer_words_is_passed_by()
    {
        const string text = "Planning of language analysis (Anh, Lan, 2023an) and Đoàn’s plans";
        Assert.False(_analyzers.MayProduceAny(AnalyzerNames.Folded, text, ["an", "oa", "lann", "202"]));
        Assert.True(_analyzers.MayProduceAny(AnalyzerNames.Folded, text, ["lan"]));
        Assert.True(_analyzers.MayProduceAny(AnalyzerNames.Folded, text, ["doan"]));
        Assert.True(_analyzers.MayProduceAny(AnalyzerNames.BioFolded, "Nguyễn Văn An", ["an"]));
        Assert.True(_analyzers.MayProduceAny(AnalyzerNames.Folded, "æan", ["an"]));
    }

    private void AssertEveryTokenPossible(string text)
    {
        foreach (var analyzer in Checked)
        {
            foreach (var term in ExpertAnalyzers.Terms(_analyzers[analyzer], text))
            {
                Assert.True(_analyzers.MayProduceAny(analyzer, text, [term]), $"{analyzer} makes '{term}' of '{text}'");
            }
        }
    }
}
