using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Needs;

namespace ExpertNetwork.Tests.Matching;

/// <summary>
/// Folding lets a need typed without diacritics find Vietnamese profiles, but must not make one Vietnamese word another:
/// "bán đất nền" (selling land) is not "nén mô hình" (model compression), though both fold to "nen".
/// </summary>
public sealed class AccentMatchingTests
{
    private static readonly Expert Compression = new()
    {
        Id = "compression",
        FullName = "Nguyễn Thị Anh",
        Headline = "Kỹ sư AI trên thiết bị biên",
        Keywords = ["nén mô hình", "AI biên"],
        Bio = "Có 14 năm kinh nghiệm về nén mô hình học sâu.",
    };

    private static readonly Expert Platform = new()
    {
        Id = "platform",
        FullName = "Trần Văn Bình",
        Headline = "Kiến trúc sư nền tảng số",
        Keywords = ["nền tảng số", "chính quyền điện tử"],
        Bio = "Xây dựng nền tảng số cho tỉnh.",
    };

    private static readonly Expert Unaccented = new()
    {
        Id = "unaccented",
        FullName = "Le Van Cuong",
        Headline = "Ky su nen tang so",
        Keywords = ["nen tang so"],
    };

    private static readonly TermStatistics Statistics = TermStatistics.Build([Compression, Platform, Unaccented]);

    private static float Feature(string need, Expert expert, string feature)
    {
        var context = NeedContext.Build(new Need { Id = "need", Kind = "project", Title = need }, Statistics, embedding: null, classifier: null);
        var row = new FeatureExtractor(Statistics, embeddings: null, EmbeddingScale.Default, referenceYear: 2026)
            .Lexical(context, ExpertEvidence.Build(expert, Statistics, classifier: null), out _);
        return row[PairFeatures.Index(feature)];
    }

    [Theory]
    [InlineData(PairFeatures.Bm25Keywords)]
    [InlineData(PairFeatures.Bm25Profile)]
    [InlineData(PairFeatures.TfIdfProfile)]
    public void A_word_written_with_other_diacritics_is_another_word(string feature)
    {
        Assert.Equal(0, Feature("nền", Compression, feature));
        Assert.True(Feature("nền", Platform, feature) > 0);
        Assert.True(Feature("nén", Compression, feature) > 0);
    }

    [Theory]
    [InlineData(PairFeatures.Bm25Keywords)]
    [InlineData(PairFeatures.TfIdfProfile)]
    public void A_word_typed_without_diacritics_finds_every_way_of_writing_it_and_is_found_by_them(string feature)
    {
        Assert.True(Feature("nen", Compression, feature) > 0);
        Assert.True(Feature("nen", Platform, feature) > 0);
        Assert.True(Feature("nền", Unaccented, feature) > 0);
        Assert.True(Feature("nén", Unaccented, feature) > 0);
    }

    [Fact]
    public void A_requested_skill_counts_as_found_only_in_the_same_words()
    {
        var context = NeedContext.Build(new Need { Id = "need", Kind = "project", Title = "Đất nền", Keywords = ["đất nền"] }, Statistics, null, null);
        var extractor = new FeatureExtractor(Statistics, null, EmbeddingScale.Default, 2026);
        var landOnCompression = ExpertEvidence.Build(Compression with { Keywords = ["nén mô hình", "đất"] }, Statistics, null);
        var landOnLand = ExpertEvidence.Build(Compression with { Keywords = ["đất nền"] }, Statistics, null);

        extractor.Lexical(context, landOnCompression, out var compression);
        extractor.Lexical(context, landOnLand, out var land);

        Assert.DoesNotContain("đất nền", compression.Matched);
        Assert.Contains("đất nền", land.Matched);
    }

    [Theory]
    [InlineData("nền", "nén", false)]
    [InlineData("phở", "phổ", false)]
    [InlineData("hát", "hạt", false)]
    [InlineData("nền", "nền", true)]
    [InlineData("nen", "nén", true)]
    [InlineData("Nguyễn", "nguyễn", true)]
    [InlineData("network", "network", true)]
    public void Two_written_words_are_one_when_they_agree_on_diacritics_or_one_has_none(string first, string second, bool same)
    {
        static uint Mark(string word)
        {
            var accents = new List<uint>();
            MatchText.Terms(word, null, accents);
            return Assert.Single(accents);
        }

        Assert.Equal(same, AccentMarks.Compatible(Mark(first), Mark(second)));
        Assert.Equal(same, AccentMarks.Compatible(Mark(second), Mark(first)));
    }

    [Fact]
    public void A_profile_keeps_every_way_it_writes_a_term()
    {
        var both = ExpertEvidence.Build(Compression with { Bio = "nén mô hình và nền tảng" }, Statistics, null).Terms;
        var index = both.Find("nen");
        var accents = new List<uint>();
        MatchText.Terms("nền nén nên", null, accents);

        Assert.True(both.Admits(index, accents[0]));
        Assert.True(both.Admits(index, accents[1]));
        Assert.False(both.Admits(index, accents[2]));
    }
}
