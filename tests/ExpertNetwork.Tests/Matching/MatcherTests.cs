using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Needs;

namespace ExpertNetwork.Tests.Matching;

public class MatcherTests
{
    internal static Expert Researcher(string id, string field, string keyword, params string[] titles) => new()
    {
        Id = id,
        FullName = $"Expert {id}",
        Country = "VN",
        City = "Quy Nhơn",
        Fields = [field],
        Keywords = [keyword],
        Languages = ["vi", "en"],
        Engagement = ["advisory", "speaking"],
        Degree = "phd",
        HIndex = 10,
        Publications = titles.Select((t, i) => new Publication { Title = t, Abstract = $"We study {t.ToLowerInvariant()} in depth.", Year = 2020 + i }).ToList(),
    };

    internal static readonly Expert ChipDesigner = Researcher(
        "chip", "semiconductor", "thiết kế vi mạch", "Low-power analog front-end for image sensors", "A 10-bit SAR ADC for edge vision chips");

    internal static readonly Expert SecurityResearcher = Researcher(
        "sec", "cybersecurity", "an ninh mạng", "Detecting ransomware with network telemetry", "Intrusion detection for industrial control systems");

    internal static readonly Expert Agronomist = Researcher(
        "agri", "agriculture", "nông nghiệp", "Drought-tolerant rice varieties for central Vietnam", "Soil salinity and rice yield in coastal provinces");

    internal static readonly IReadOnlyList<Expert> Directory = [ChipDesigner, SecurityResearcher, Agronomist];

    internal static Matcher Blend(IReadOnlyList<Expert> experts) =>
        new(MatchModels.Fallback(experts), TermStatistics.Build(experts), embeddings: null, needEmbedder: null, referenceYear: 2026);

    [Fact]
    public void Evidence_stays_cached_for_recently_used_profiles_and_the_cache_never_outgrows_its_capacity()
    {
        var experts = Enumerable.Range(0, 40).Select(i => Researcher($"e{i:D2}", "ai", "học máy", $"Paper {i} on learning")).ToList();
        var matcher = new Matcher(MatchModels.Fallback(experts), TermStatistics.Build(experts), null, null, 2026, evidenceCapacity: 10);
        var first = matcher.Evidence(experts[0]);

        foreach (var expert in experts.Skip(1))
        {
            var evidence = matcher.Evidence(expert);
            Assert.Same(evidence, matcher.Evidence(expert));
            Assert.InRange(matcher.CachedEvidenceCount, 1, 10);
        }

        Assert.NotSame(first, matcher.Evidence(experts[0]));
        Assert.Same(matcher.Evidence(experts[^1]), matcher.Evidence(experts[^1]));
        var edited = experts[^1] with { Keywords = ["an ninh mạng"] };
        Assert.NotSame(matcher.Evidence(experts[^1]), matcher.Evidence(edited));
    }

    [Fact]
    public void Profiles_analysed_on_several_threads_at_once_past_the_cache_capacity_are_all_analysed_and_the_cache_stays_bounded()
    {
        // A match analyses its new candidates in parallel, and matches run side by side: trimming the cache must not
        // read it while other threads add to it (at 100,000 profiles this failed a match once 50,000 were cached).
        var experts = Enumerable.Range(0, 400).Select(i => Researcher($"e{i:D3}", "ai", "học máy", $"Paper {i} on learning")).ToList();
        var matcher = new Matcher(MatchModels.Fallback(experts), TermStatistics.Build(experts), null, null, 2026, evidenceCapacity: 16);

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            for (var round = 0; round < 60; round++)
            {
                foreach (var expert in experts.Skip(worker * 50).Take(50))
                {
                    Assert.Same(expert, matcher.Evidence(expert).Expert);
                }
            }
        });

        Assert.InRange(matcher.CachedEvidenceCount, 1, 16);
    }

    [Fact]
    public void An_expert_whose_papers_match_the_need_ranks_above_one_whose_papers_do_not()
    {
        var need = new Need { Id = "n1", Title = "Ransomware detection", Description = "Detect ransomware and intrusions in the provincial network." };

        var results = Blend(Directory).Rank(need, Directory, top: 3);

        Assert.Equal("sec", results[0].ExpertId);
        Assert.True(results[0].Score > results[^1].Score);
    }

    [Fact]
    public void A_vietnamese_need_reaches_english_publications_through_the_glossary()
    {
        var need = new Need { Id = "n2", Description = "Dự án thiết kế vi mạch cảm biến ảnh công suất thấp" };

        var results = Blend(Directory).Rank(need, Directory, top: 3);

        Assert.Equal("chip", results[0].ExpertId);
        Assert.Contains(results[0].Explanation.MatchedSkills, s => s.Contains("thiết kế vi mạch"));
    }

    [Fact]
    public void The_fallback_scorer_works_without_a_model_file()
    {
        Assert.Null(MatchModels.TryLoad(Path.Combine(Path.GetTempPath(), "expertnet-no-such-model.zip")));
        var matcher = Blend(Directory);

        var results = matcher.Rank(new Need { Id = "n", Description = "rice yield and soil salinity" }, Directory);

        Assert.False(matcher.Model.IsTrained);
        Assert.Equal("agri", results[0].ExpertId);
    }

    [Fact]
    public void Unlisted_profiles_are_never_returned()
    {
        var hidden = SecurityResearcher with { Id = "hidden", Consent = new Consent(Listed: false) };
        IReadOnlyList<Expert> candidates = [.. Directory, hidden];

        var results = Blend(candidates).Rank(new Need { Id = "n", Description = "ransomware intrusion detection" }, candidates, top: 10);

        Assert.DoesNotContain(results, r => r.ExpertId == "hidden");
        Assert.Equal(3, results.Count);
    }

    [Fact]
    public void Experts_a_need_excludes_are_left_out()
    {
        var need = new Need { Id = "talk", Kind = "speaker", Description = "ransomware intrusion detection", Exclude = ["sec"] };

        var results = Blend(Directory).Rank(need, Directory, top: 10);

        Assert.DoesNotContain(results, r => r.ExpertId == "sec");
    }

    [Fact]
    public void Scores_are_fits_between_zero_and_one_with_ranks_in_order()
    {
        var results = Blend(Directory).Rank(new Need { Id = "n", Description = "analog front-end for image sensors" }, Directory, top: 10);

        Assert.All(results, r => Assert.InRange(r.Score, 0, 1));
        Assert.Equal([1, 2, 3], results.Select(r => r.Rank));
        Assert.True(results.Zip(results.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [Fact]
    public void An_explanation_names_factors_and_the_closest_publications()
    {
        var result = Blend(Directory).Rank(new Need { Id = "n", Description = "SAR ADC for edge vision chips" }, Directory, top: 1)[0];

        Assert.NotEmpty(result.Explanation.Factors);
        Assert.InRange(result.Explanation.Publications.Count, 1, 3);
        Assert.Equal("A 10-bit SAR ADC for edge vision chips", result.Explanation.Publications[0].Title);
    }

    [Fact]
    public void Location_fit_prefers_people_in_the_province_when_the_need_asks_for_it()
    {
        var abroad = ChipDesigner with { Id = "chip-abroad", Country = "KR", City = "Daejeon" };
        IReadOnlyList<Expert> candidates = [ChipDesigner, abroad];
        var need = new Need { Id = "n", Description = "analog front-end for image sensors", Location = "province" };

        var results = Blend(candidates).Rank(need, candidates);

        Assert.Equal("chip", results[0].ExpertId);
    }

    [Fact]
    public void The_field_classifier_tags_vietnamese_and_english_text_with_the_shared_fields()
    {
        var classifier = FieldClassifier.Train(FieldClassifier.Examples([]), seed: 1);

        Assert.Contains("cybersecurity", classifier.Tag("Tuyển chuyên gia an ninh mạng và phân tích mã độc"));
        Assert.Contains("agriculture", classifier.Tag("smart farming and irrigation for rice cultivation"));
    }
}
