using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Needs;

namespace ExpertNetwork.Tests.Matching;

/// <summary>
/// How much of a need the directory's words cover, and what that does to the fit: nothing for a need in the
/// directory's subject matter, a lower fit for every expert alike (so no ranking changes) for one in words the
/// directory never uses, shown as a factor of the explanation.
/// </summary>
public sealed class NeedCoverageTests
{
    internal static Expert Profile(string id, string headline, string title, string summary) => new()
    {
        Id = id,
        FullName = "Trần Thị " + id,
        Headline = headline,
        Publications = [new Publication { Title = title, Abstract = summary }],
    };

    private static readonly TermStatistics Directory = TermStatistics.Build(
    [
        Profile("a", "Chuyên gia quang phổ học", "Quang phổ hấp thụ của vật liệu bán dẫn", "Đo quang phổ và phân tích hạt nano."),
        Profile("b", "Kỹ sư an ninh mạng", "Intrusion detection for government networks", "Network security monitoring and incident response."),
        Profile("c", "Nhà nghiên cứu thủy văn", "Flood forecasting in river basins", "Hydrological models and reservoir operation."),
        Profile("d", "Researcher in transfer learning", "Heat transfer in solar collectors", "Science news coverage of thermal engineering."),
    ]);

    [Theory]
    [InlineData("intrusion detection for government networks", 1.0)]
    [InlineData("an ninh mạng", 1.0)]
    [InlineData("an ninh mang", 1.0)]
    [InlineData("We need an expert in network security", 1.0)]
    [InlineData("nấu phở", 0.0)]
    [InlineData("hát karaoke", 0.0)]
    [InlineData("x", 0.0)]
    [InlineData("and the of", 0.0)]
    public void Coverage_counts_the_words_the_directory_uses(string text, double expected)
    {
        Assert.Equal(expected, NeedCoverage.Of(text, Directory), 6);
    }

    [Fact]
    public void A_word_with_diacritics_counts_only_as_the_directory_wrote_it()
    {
        // "phở" (noodle soup) and "phổ" (spectrum) fold to one term, which the directory holds.
        Assert.True(Directory.Holds("pho"));
        Assert.Equal(0, NeedCoverage.Of("phở", Directory));
        Assert.Equal(1, NeedCoverage.Of("phổ", Directory));
        Assert.Equal(1, NeedCoverage.Of("pho", Directory));
    }

    [Fact]
    public void A_vietnamese_syllable_used_only_in_other_phrases_counts_half()
    {
        // The directory has "bán dẫn" (semiconductor) and "hạt nano", never "bán hạt".
        var lone = NeedCoverage.Of("bán hạt", Directory);
        var phrase = NeedCoverage.Of("bán dẫn", Directory);

        Assert.Equal(1, phrase, 6);
        Assert.Equal(0.5, lone, 6);
    }

    [Fact]
    public void A_need_typed_without_diacritics_counts_a_syllable_fully_only_in_a_phrase_the_directory_writes()
    {
        // Folded, "ban" is bán, bàn, bạn and bản; "ban dan" is still a phrase the directory writes, "ban hat" is not.
        Assert.Equal(1, NeedCoverage.Of("ban dan", Directory), 6);
        Assert.Equal(1, NeedCoverage.Of("quang pho hap thu", Directory), 6);
        Assert.Equal(0.25, NeedCoverage.Of("ban hat", Directory), 6);
        Assert.Equal(0.5, NeedCoverage.Of("bán hạt", Directory), 6);
    }

    [Fact]
    public void Function_words_and_punctuation_do_not_make_folded_phrases()
    {
        var directory = TermStatistics.Build(
        [
            Profile("m", "Nhà vi sinh học tại Quy Nhơn, Gia Lai", "Phân lập vi khuẩn từ vi sinh vật biển", "Vi khuẩn có ích cho nuôi tôm."),
            Profile("n", "Network engineer", "Routing in rural networks", "Measurements of network delay."),
        ]);

        // "từ vi" (from micro-) is not "tu vi" (tử vi, horoscope), nor "cho nuôi" a phrase about dogs (chó).
        Assert.Equal(0.25, NeedCoverage.Of("tu vi", directory), 6);
        Assert.Equal(0.25, NeedCoverage.Of("cho nuoi", directory), 6);
        Assert.Equal(1, NeedCoverage.Of("nuoi tom", directory), 6);
        Assert.Equal(1, NeedCoverage.Of("vi sinh vat", directory), 6);
        Assert.Equal(1, NeedCoverage.Of("quy nhon", directory), 6);
        Assert.Equal(0.25, NeedCoverage.Of("nhon gia", directory), 6);
    }

    [Fact]
    public void English_words_count_as_they_are_in_a_need_typed_without_diacritics()
    {
        Assert.True(Directory.InPlainText("network"));
        Assert.False(Directory.InPlainText("ninh"));
        Assert.False(Directory.InPlainText("cricket"));

        // Mostly English, so its one folded syllable is read as before; mostly Vietnamese, so the English word still counts whole.
        Assert.Equal(1, NeedCoverage.Of("heat transfer hat", Directory), 6);
        var mixed = NeedCoverage.Of("hat ban network", Directory);
        var weights = Directory.Idf("hat") + Directory.Idf("ban") + Directory.Idf("network");
        Assert.Equal((0.25 * (Directory.Idf("hat") + Directory.Idf("ban")) + Directory.Idf("network")) / weights, mixed, 6);
    }

    [Fact]
    public void An_unknown_word_weighs_as_much_as_a_word_can()
    {
        var coverage = NeedCoverage.Of("football heat transfer", Directory);

        var known = Directory.Idf("heat") + Directory.Idf("transfer");
        Assert.Equal(known / (known + Directory.UnseenIdf), coverage, 6);
        Assert.True(Directory.UnseenIdf > Directory.Idf("transfer"));
    }

    [Fact]
    public void The_glossary_words_count_as_known_even_when_no_profile_uses_them()
    {
        Assert.False(Directory.Holds("cryptography"));
        Assert.Equal(1, NeedCoverage.Of("cryptography", Directory), 6);
        Assert.Equal(1, NeedCoverage.Of("mật mã học", Directory), 6);
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(NeedCoverage.Enough, 0.0)]
    [InlineData(NeedCoverage.Enough / 2, -NeedCoverage.MostPenalty / 2)]
    [InlineData(0.0, -NeedCoverage.MostPenalty)]
    public void The_penalty_is_zero_from_enough_up_and_falls_linearly_to_the_most_at_zero(double coverage, double expected)
    {
        Assert.Equal(expected, NeedCoverage.Penalty(coverage), 9);
    }

    [Fact]
    public void An_uncovered_need_lowers_every_experts_fit_by_the_same_logit_keeps_their_order_and_says_so()
    {
        var experts = new[]
        {
            Profile("e1", "Kỹ sư an ninh mạng", "Intrusion detection", "Network security monitoring."),
            Profile("e2", "Nhà nghiên cứu thủy văn", "Flood forecasting", "Hydrological models."),
            Profile("e3", "Researcher in heat transfer", "Heat transfer", "Thermal engineering news."),
        };
        var matcher = new Matcher(MatchModels.Fallback(), TermStatistics.Build(experts), embeddings: null, needEmbedder: null, referenceYear: 2026);
        var need = matcher.Prepare(new Need { Id = "n", Kind = "project", Title = "football transfer news" });
        var model = matcher.Model;
        var rows = experts.Select(e => matcher.Features(need, e, out _)).ToList();

        var coverage = rows[0][PairFeatures.Index(PairFeatures.NeedCoverage)];
        Assert.True(coverage < NeedCoverage.Enough, $"coverage {coverage}");
        Assert.All(rows, r => Assert.Equal(coverage, r[PairFeatures.Index(PairFeatures.NeedCoverage)]));

        var covered = rows.Select(r => { var c = (float[])r.Clone(); c[PairFeatures.Index(PairFeatures.NeedCoverage)] = 1; return c; }).ToList();
        var lowered = model.Score(rows);
        var plain = model.Score(covered);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(Logit(plain[i]) + NeedCoverage.Penalty(coverage), Logit(lowered[i]), 6);
        }

        Assert.Equal(Order(plain), Order(lowered));

        var why = model.Explain(rows[0], PairFeatures.All.Count);
        var factor = Assert.Single(why.Factors, f => f.Feature == PairFeatures.NeedCoverage);
        Assert.Equal(NeedCoverage.Penalty(coverage), factor.Contribution, 6);
        Assert.Equal(Logit(lowered[0]), why.Baseline + why.Factors.Sum(f => f.Contribution) + why.Others, 6);
        Assert.DoesNotContain(model.Explain(covered[0], PairFeatures.All.Count).Factors, f => f.Feature == PairFeatures.NeedCoverage);
    }

    [Fact]
    public void An_English_need_in_words_the_directory_does_not_write_counts_as_covered_once_a_candidate_publication_is_close_in_meaning()
    {
        var experts = MatcherTests.Directory;
        using var embedder = new MiniLmEmbedder();
        var need = new Need { Id = "n", Kind = "project", Title = "Spotting malware that locks files for ransom" };

        var byWords = MatcherTests.Blend(experts).Rank(need, experts, top: 1)[0];
        var withMeaning = EmbeddedBlend(experts, embedder).Rank(need, experts, top: 1)[0];

        var wordsOnly = Assert.Single(byWords.Explanation.Factors, f => f.Feature == PairFeatures.NeedCoverage);
        Assert.True(wordsOnly.Contribution < 0, $"coverage by words {wordsOnly.Value:F2}");
        Assert.Equal("sec", withMeaning.ExpertId);
        Assert.DoesNotContain(withMeaning.Explanation.Factors, f => f.Feature == PairFeatures.NeedCoverage);
        Assert.True(withMeaning.Score > byWords.Score, $"fit {withMeaning.Score:F2} with vectors, {byWords.Score:F2} without");
    }

    [Theory]
    [InlineData("wedding photography and bridal makeup")]
    [InlineData("football transfer news")]
    [InlineData("fashion design trends")]
    public void An_English_need_far_in_meaning_from_every_publication_never_gains_coverage_from_meaning(string title)
    {
        var experts = MatcherTests.Directory;
        using var embedder = new MiniLmEmbedder();

        var top = EmbeddedBlend(experts, embedder).Rank(new Need { Id = "n", Kind = "project", Title = title }, experts, top: 1)[0];

        Assert.True(top.Explanation.Embedded);
        var coverage = Assert.Single(top.Explanation.Factors, f => f.Feature == PairFeatures.NeedCoverage);
        Assert.True(coverage.Value <= NeedCoverage.Of(title, TermStatistics.Build(experts)) + 1e-6, $"coverage {coverage.Value:F2}");
        Assert.True(top.Score < MatchOutcome.StrongFit, $"top fit {top.Score:F2}");
    }

    [Fact]
    public void The_words_an_English_need_shares_with_the_directory_count_for_nothing_when_another_is_unknown_and_no_publication_is_near()
    {
        var experts = MatcherTests.Directory;
        using var embedder = new MiniLmEmbedder();
        var need = new Need { Id = "n", Kind = "project", Title = "fashion design trends" };
        var words = NeedCoverage.Of(need.Title, TermStatistics.Build(experts));

        var byWords = MatcherTests.Blend(experts).Rank(need, experts, top: 1)[0];
        var withMeaning = EmbeddedBlend(experts, embedder).Rank(need, experts, top: 1)[0];

        Assert.InRange(words, 0.01, 0.99);
        Assert.Equal(words, Assert.Single(byWords.Explanation.Factors, f => f.Feature == PairFeatures.NeedCoverage).Value, 6);
        Assert.True(Assert.Single(withMeaning.Explanation.Factors, f => f.Feature == PairFeatures.NeedCoverage).Value < words);
        Assert.True(withMeaning.Score < byWords.Score, $"fit {withMeaning.Score:F2} with vectors, {byWords.Score:F2} without");
    }

    [Fact]
    public void An_English_need_with_an_unknown_word_keeps_the_coverage_of_its_other_words_when_a_publication_is_near_in_meaning()
    {
        var experts = MatcherTests.Directory;
        using var embedder = new MiniLmEmbedder();
        var need = new Need { Id = "n", Kind = "project", Title = "ransomware detection with honeypots" };
        var words = NeedCoverage.Of(need.Title, TermStatistics.Build(experts));

        var top = EmbeddedBlend(experts, embedder).Rank(need, experts, top: 1)[0];

        Assert.InRange(words, 0.01, 0.99);
        Assert.Equal("sec", top.ExpertId);
        var coverage = top.Explanation.Factors.SingleOrDefault(f => f.Feature == PairFeatures.NeedCoverage);
        Assert.True(coverage is null || coverage.Value >= words - 1e-6, $"coverage {coverage?.Value:F2}, by words {words:F2}");
    }

    [Theory]
    [InlineData("Drones for forest fire detection", true)]
    [InlineData("We need an expert in network security", true)]
    [InlineData("bán đất nền Quy Nhơn giá rẻ", false)]
    [InlineData("an ninh mang cho ngan hang", false)]
    public void Only_a_need_in_English_may_be_covered_by_meaning(string title, bool byMeaning)
    {
        Assert.Equal(byMeaning, NeedCoverage.ReadByMeaning(title, Directory));
    }

    [Theory]
    [InlineData(0.3, 0.45, 0.3)]
    [InlineData(0.0, 0.50, 0.25)]
    [InlineData(0.1, 0.55, NeedCoverage.Enough)]
    [InlineData(0.1, 0.80, NeedCoverage.Enough)]
    [InlineData(0.9, 0.80, 0.9)]
    [InlineData(0.2, double.NaN, 0.2)]
    [InlineData(0.3, 0.42, 0.24)]
    [InlineData(0.8, 0.375, 0.4)]
    [InlineData(0.8, 0.30, 0)]
    [InlineData(0.8, 0.10, 0)]
    [InlineData(1.0, 0.10, 1.0)]
    public void Meaning_raises_coverage_from_MeaningFrom_to_Enough_at_MeaningEnough_and_below_MeaningFrom_discounts_a_partly_known_need_to_nothing_at_MeaningDoubtful(double words, double closest, double expected)
    {
        Assert.Equal(expected, NeedCoverage.WithMeaning(words, closest), 6);
    }

    [Fact]
    public void An_acronym_the_directory_never_writes_finds_the_people_who_write_it_out_and_is_not_an_unknown_word()
    {
        var learner = MatcherTests.Researcher("learner", "ai", "học máy", "Machine learning for crop yield prediction", "Interpretable machine learning in hospitals");
        var experts = new[] { MatcherTests.ChipDesigner, MatcherTests.SecurityResearcher, MatcherTests.Agronomist, learner };
        var matcher = new Matcher(MatchModels.Fallback(experts), TermStatistics.Build(experts), embeddings: null, needEmbedder: null, referenceYear: 2026);

        var acronym = matcher.Rank(new Need { Id = "n", Kind = "project", Title = "ML" }, experts, top: 1)[0];
        var unknown = matcher.Rank(new Need { Id = "n", Kind = "project", Title = "XYZQ" }, experts, top: 1)[0];

        Assert.Equal("learner", acronym.ExpertId);
        Assert.DoesNotContain(acronym.Explanation.Factors, f => f.Feature == PairFeatures.NeedCoverage);
        Assert.Contains(unknown.Explanation.Factors, f => f.Feature == PairFeatures.NeedCoverage && f.Contribution < 0);
        Assert.Equal(["learner"], CandidateIndex.Build(experts).Top(new Need { Id = "n", Title = "ML" }, 2));
    }

    /// <summary>The unsupervised blend over the experts with every text of theirs embedded.</summary>
    private static Matcher EmbeddedBlend(IReadOnlyList<Expert> experts, MiniLmEmbedder embedder)
    {
        var store = EmbeddingStore.InMemory();
        new EmbeddingBackfill(embedder, store).Embed(experts.SelectMany(EmbeddingBackfill.TextsOf));
        return new Matcher(MatchModels.Fallback(experts), TermStatistics.Build(experts), store, embedder, 2026);
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static int[] Order(double[] scores) => Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ToArray();
}
