using ExpertNetwork.Demo;
using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Needs;
using ExpertNetwork.Text;

namespace ExpertNetwork.Tests.Matching;

/// <summary>
/// The shipped model's fit where users meet it: a generated directory seeded like the README's demo, no
/// publication vectors yet, every listed profile a candidate. The fit must tell the top ten of a real need
/// apart instead of giving all of them 1.00, give a real need a top fit of at least twice the "strong match" line,
/// and give a nonsense need none above it.
/// </summary>
public sealed class DemoFitTests
{
    private static readonly Lazy<(Matcher Matcher, IReadOnlyList<Expert> Experts)?> Directory = new(() =>
    {
        if (MatchCliTests.ShippedModel() is not { } path || MatchModels.TryLoad(path) is not { } model)
        {
            return null;
        }

        var experts = DemoDirectory.Generate(800).ToList();
        return (new Matcher(model, TermStatistics.Build(experts), embeddings: null, needEmbedder: null, referenceYear: 2026), experts);
    });

    public static readonly TheoryData<string, string, string?> RealNeeds = new()
    {
        { "cyber-long-en", "Security audit of the provincial e-government systems", "We need an expert in cybersecurity and information security to assess intrusion detection, malware analysis and vulnerability management for the provincial e-government systems and hospital information systems, train local IT staff in incident response, and propose a security roadmap for small organisations with limited budgets." },
        { "ai-vi", "Trí tuệ nhân tạo", "Tìm nhà khoa học về trí tuệ nhân tạo, học máy và học sâu trở về làm việc tại Quy Nhơn." },
        { "semiconductor-en", "Integrated circuit design", "Low-power integrated circuit design and verification for smart electricity meters; semiconductor chip design expertise required." },
        { "marine-en", "Marine science for fisheries", "Marine ecology and coastal fisheries monitoring off Quy Nhơn; ocean observation and aquaculture." },
        { "energy-vi", "Năng lượng tái tạo", "Điện mặt trời và điện gió, lưu trữ năng lượng cho lưới điện của tỉnh." },
    };

    private static readonly string[] NonsenseNeeds = ["x", "bánh mì", "nấu phở ngon", "football transfer news", "asdf qwerty", "hát karaoke"];

    private static IReadOnlyList<MatchResult> Top10(Matcher matcher, IReadOnlyList<Expert> experts, string id, string title, string? description) =>
        matcher.Rank(new Need { Id = id, Kind = "project", Title = title, Description = description }, experts, top: 10);

    [SkippableTheory]
    [MemberData(nameof(RealNeeds))]
    public void A_real_need_gets_a_strong_top_fit_above_any_nonsense_one_and_a_top_ten_that_is_not_saturated(string id, string title, string? description)
    {
        Skip.If(Directory.Value is null, "ml-models/expert-match.zip is not in this checkout");
        var (matcher, experts) = Directory.Value!.Value;
        var nonsense = NonsenseNeeds.Max(n => Top10(matcher, experts, "nonsense", n, null)[0].Score);

        var top10 = Top10(matcher, experts, id, title, description);

        Assert.True(top10[0].Score >= 2 * MatchOutcome.StrongFit, $"top fit {top10[0].Score:F2}");
        Assert.True(top10[0].Score > nonsense, $"top fit {top10[0].Score:F2}, nonsense up to {nonsense:F2}");
        Assert.True(top10[9].Score < 0.95, $"the tenth fit is {top10[9].Score:F2}: the top ten are all sure bets");
        Assert.True(top10.Select(r => Math.Round(r.Score, 2)).Distinct().Count() > 2, $"top-10 fits {string.Join(", ", top10.Select(r => r.Score.ToString("F2")))}");
    }

    [SkippableTheory]
    [InlineData("x")]
    [InlineData("bánh mì")]
    [InlineData("nấu phở ngon")]
    [InlineData("football transfer news")]
    [InlineData("asdf qwerty")]
    [InlineData("hát karaoke")]
    // Typed without diacritics, and every syllable somewhere in the directory's Vietnamese, none of them beside another.
    [InlineData("nuoi cho meo")]
    [InlineData("tu vi tuoi Dan")]
    [InlineData("hoc lai xe o to")]
    [InlineData("cau ca cuoi tuan")]
    [InlineData("lich thi dau bong da")]
    public void A_nonsense_need_gets_no_strong_match_and_the_explanation_says_the_directory_does_not_use_its_words(string title)
    {
        Skip.If(Directory.Value is null, "ml-models/expert-match.zip is not in this checkout");
        var (matcher, experts) = Directory.Value!.Value;

        var top = Top10(matcher, experts, "nonsense", title, null)[0];

        Assert.True(top.Score < MatchOutcome.StrongFit, $"top fit {top.Score:F2}");
        var coverage = Assert.Single(top.Explanation.Factors, f => f.Feature == PairFeatures.NeedCoverage);
        Assert.True(coverage.Contribution < 0, $"need coverage {coverage.Value:F2} added {coverage.Contribution:F2}");
    }

    [SkippableTheory]
    [InlineData("ai-vi")]
    [InlineData("energy-vi")]
    public void A_real_vietnamese_need_typed_without_diacritics_keeps_a_strong_top_fit(string id)
    {
        Skip.If(Directory.Value is null, "ml-models/expert-match.zip is not in this checkout");
        var (matcher, experts) = Directory.Value!.Value;
        var need = RealNeeds.Single(row => (string)row[0] == id);

        var top = Top10(matcher, experts, id, VietnameseText.Fold((string)need[1]), VietnameseText.Fold((string)need[2]))[0];

        Assert.True(top.Score >= 2 * MatchOutcome.StrongFit, $"top fit {top.Score:F2}");
        Assert.DoesNotContain(top.Explanation.Factors, f => f.Feature == PairFeatures.NeedCoverage);
    }
}
