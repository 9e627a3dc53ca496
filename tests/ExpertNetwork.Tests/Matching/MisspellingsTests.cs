using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Needs;

namespace ExpertNetwork.Tests.Matching;

/// <summary>A need's mistyped English words are read as the directory's, and only words that are not words in their own right.</summary>
public sealed class MisspellingsTests
{
    internal static readonly IReadOnlyList<Expert> Directory =
    [
        .. Enumerable.Range(0, 3).Select(i => NeedCoverageTests.Profile($"pack{i}", "Semiconductor packaging engineer", $"Semiconductor packaging for sensors {i}", "Wafer-level semiconductor packaging and reliability.")),
        .. Enumerable.Range(0, 3).Select(i => NeedCoverageTests.Profile($"pot{i}", "Ceramics researcher", $"Glazes for pottery {i}", "Fishing villages and their pottery traditions.")),
        NeedCoverageTests.Profile("vi", "Kỹ sư nuôi tôm", "Nuôi tôm công nghệ cao", "Quản lý chất lượng nước ao nuôi tôm."),
    ];

    private static readonly TermStatistics Statistics = TermStatistics.Build(Directory);

    [Theory]
    [InlineData("semiconducter packaging", "semiconducter", "semiconductor")]
    [InlineData("Semicondutcor packaging", "semicondutcor", "semiconductor")]
    [InlineData("semiconductr", "semiconductr", "semiconductor")]
    [InlineData("packagng", "packagng", "packaging")]
    public void A_mistyped_word_is_read_as_the_directory_s_word_one_or_two_edits_away(string text, string typed, string meant)
    {
        Assert.Equal([new SpellingCorrection(typed, meant)], Misspellings.Find(text, Statistics));
    }

    [Theory]
    [InlineData("lottery results")]
    [InlineData("Phishing")]
    [InlineData("semiconductor packaging")]
    [InlineData("semi")]
    [InlineData("nuoi tom cong nghe cao")]
    public void A_word_in_its_own_right_a_short_word_and_a_need_typed_as_Vietnamese_are_left_alone(string text)
    {
        // "lottery" is one letter from the directory's "pottery" but a word of its own; "phishing" is two letters from
        // "fishing", and a word of eight letters may only be one from the word meant.
        Assert.Empty(Misspellings.Find(text, Statistics));
    }

    private static readonly TermStatistics Vietnamese = TermStatistics.Build(
    [
        .. Enumerable.Range(0, 3).Select(i => NeedCoverageTests.Profile($"ic{i}", "Kỹ sư thiết kế vi mạch", $"Thiết kế vi mạch tương tự {i}", "Thiết kế vi mạch công suất thấp; an ninh mạng cho thiết bị.")),
        .. Enumerable.Range(0, 3).Select(i => NeedCoverageTests.Profile($"bio{i}", "Nhà vi sinh vật học", $"Phân lập từ vi sinh vật biển {i}", "Chủng phân lập từ vi sinh vật đất; kê khai mẫu.")),
    ]);

    [Theory]
    [InlineData("thiết kê vi mạch", "kê", "kế")]
    [InlineData("Thiết kế vi mach", "mach", "mạch")]
    [InlineData("an ninh mang cho thiết bị", "mang", "mạng")]
    public void A_Vietnamese_word_with_mistyped_marks_is_read_as_the_spelling_the_directory_pairs_with_its_neighbours(string text, string typed, string meant)
    {
        Assert.Equal([new SpellingCorrection(typed, meant)], Misspellings.Find(text, Vietnamese));
    }

    [Theory]
    [InlineData("tử vi tuổi Dần")]
    [InlineData("thiết kế vi mạch")]
    [InlineData("kê")]
    [InlineData("bán kê khai")]
    public void A_function_word_a_phrase_the_directory_writes_and_a_lone_word_are_left_as_typed(string text)
    {
        // "từ vi" is written three times (từ vi sinh vật), but "từ" is a function word: horoscopes stay horoscopes.
        Assert.Empty(Misspellings.Find(text, Vietnamese));
    }

    [Fact]
    public void A_corrected_need_keeps_its_other_words_and_fields_as_typed()
    {
        var need = new Need { Id = "n", Title = "Semiconducter packaging", Description = "Reliability of semiconducter packages.", Keywords = ["semiconducter"], Location = "province" };

        var corrected = Misspellings.Corrected(need, Statistics, out var corrections);

        Assert.Equal([new SpellingCorrection("semiconducter", "semiconductor")], corrections);
        Assert.Equal("semiconductor packaging", corrected.Title);
        Assert.Equal("Reliability of semiconductor packages.", corrected.Description);
        Assert.Equal(["semiconductor"], corrected.Keywords);
        Assert.Equal("province", corrected.Location);
        var typedRight = need with { Title = "Semiconductor packaging", Description = null, Keywords = [] };
        Assert.Same(typedRight, Misspellings.Corrected(typedRight, Statistics, out var none));
        Assert.Empty(none);
    }

    [Fact]
    public async Task A_match_reads_the_need_as_corrected_finds_the_right_people_and_says_which_words_it_read_as_which()
    {
        var experts = Directory;
        var candidates = new DirectoryCandidates(CandidateIndex.Build(experts), EmbeddingStore.InMemory());
        using var embedder = new MiniLmEmbedder();
        using var engine = new MatchingEngine(MatchModels.Fallback(experts), EmbeddingStore.InMemory(), embedder, 2026);
        var need = new Need { Id = "n", Kind = "project", Title = "semiconducter packagng" };
        var before = await engine.MatchAsync(need, candidates.Source(experts.ToDictionary(e => e.Id)), 3);

        engine.DirectoryAnalysed(Statistics);
        var after = await engine.MatchAsync(need, candidates.Source(experts.ToDictionary(e => e.Id)), 3);

        Assert.Empty(before.ReadAs);
        Assert.Equal([new SpellingCorrection("semiconducter", "semiconductor"), new SpellingCorrection("packagng", "packaging")], after.ReadAs);
        Assert.StartsWith("pack", after.Results[0].ExpertId);
        Assert.True(after.StrongMatch, $"top fit {after.Results[0].Score:F2}");
    }
}
