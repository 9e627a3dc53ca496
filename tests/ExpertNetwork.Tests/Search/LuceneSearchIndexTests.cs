using ExpertNetwork.Search;
using ExpertNetwork.Search.Analysis;
using ExpertNetwork.Search.Lucene;
using Lucene.Net.Index;
using Lucene.Net.Store;
using static ExpertNetwork.Tests.Search.SearchFixtures;

namespace ExpertNetwork.Tests.Search;

public sealed class LuceneSearchIndexTests : SearchIndexBehaviourTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "expertnet-lucene-" + Guid.NewGuid().ToString("N"));

    protected override ISearchIndex OpenIndex() => new LuceneSearchIndex(_directory, new LuceneIndexOptions { RamBufferSizeMB = 16 });

    protected override Task DeleteStorageAsync()
    {
        if (System.IO.Directory.Exists(_directory))
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    private string[] Generations() =>
        System.IO.Directory.GetDirectories(_directory, "gen-*").Select(Path.GetFileName).OfType<string>().Order().ToArray();

    [Fact]
    public async Task A_rebuild_switches_the_pointer_to_a_new_generation_and_deletes_the_old_one()
    {
        var index = await CreateIndexAsync();
        Assert.Equal(["gen-0001"], Generations());

        await index.RebuildAsync(Stream(Listed));

        Assert.Equal(["gen-0002"], Generations());
        Assert.Equal(Listed.Count, (await index.SearchAsync(new SearchQuery())).Total);
        Assert.Equal("gen-0002", File.ReadAllText(Path.Combine(_directory, "current")));
        Assert.False(File.Exists(Path.Combine(_directory, "current.tmp")));
    }

    [Fact]
    public async Task A_failed_rebuild_leaves_no_side_directory_behind()
    {
        var index = await CreateIndexAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            index.RebuildAsync(Stream(Listed, i => i == 3 ? throw new InvalidOperationException("boom") : Task.CompletedTask)));

        Assert.Equal(["gen-0001"], Generations());
        Assert.Equal("gen-0001", File.ReadAllText(Path.Combine(_directory, "current")));
    }

    [Fact]
    public async Task A_side_directory_left_by_a_killed_process_is_removed_at_start_up()
    {
        var index = await CreateIndexAsync();
        await CloseAsync(index);
        System.IO.Directory.CreateDirectory(Path.Combine(_directory, "gen-0007"));

        var again = Open();
        Assert.Equal(IndexState.Current, await again.EnsureCreatedAsync());
        Assert.Equal(["gen-0001"], Generations());
    }

    [Fact]
    public async Task An_index_built_with_other_analysis_files_reports_analysis_changed_until_rebuilt()
    {
        var index = await CreateIndexAsync();
        await CloseAsync(index);
        using (var dir = FSDirectory.Open(Path.Combine(_directory, "gen-0001")))
        using (var writer = new IndexWriter(dir, new IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, null) { OpenMode = OpenMode.APPEND }))
        {
            writer.SetCommitData(new Dictionary<string, string>(writer.CommitData) { ["expertnet.analysis"] = "older analysis" });
            writer.Commit();
        }

        var again = Open();
        Assert.Equal(IndexState.AnalysisChanged, await again.EnsureCreatedAsync());
        Assert.Equal("P05", (await again.SearchAsync(new SearchQuery { Text = "Dang Thu Ha" })).Hits[0].Id);

        await again.RebuildAsync(Stream(Listed));
        Assert.Equal(IndexState.Current, await again.EnsureCreatedAsync());
    }

    [Fact]
    public async Task A_synonym_rule_applies_or_stops_applying_without_reindexing()
    {
        var index = await CreateIndexAsync();
        Assert.Equal("P15", (await index.SearchAsync(new SearchQuery { Text = "thị giác máy tính" })).Hits[0].Id);
        await CloseAsync(index);

        var withoutRule = SearchAnalysis.SynonymsFile.Replace("thị giác máy tính, computer vision\n", "", StringComparison.Ordinal);
        Assert.NotEqual(SearchAnalysis.SynonymsFile, withoutRule);
        await using var without = new LuceneSearchIndex(_directory, null, new ExpertAnalyzers(withoutRule));
        await without.EnsureCreatedAsync();
        Assert.DoesNotContain("P15", (await without.SearchAsync(new SearchQuery { Text = "thị giác máy tính" })).Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task A_facet_with_more_than_64_values_is_counted_too()
    {
        var codes = ExpertNetwork.Experts.Vocabulary.Languages.Order().Take(70).ToArray();
        var experts = codes.Select((code, i) => Make($"L{i:D2}", $"Lê Văn {code}", [], [], "VN", "Huế", null, null, [], [code, "vi"])).ToList();
        var index = await CreateIndexAsync(experts);

        var result = await index.SearchAsync(new SearchQuery { Size = 1 });

        Assert.Equal(71, result.Facets[FacetNames.Language].Count);
        Assert.Equal(70, result.Facets[FacetNames.Language]["vi"]);
        Assert.All(codes.Where(c => c != "vi"), c => Assert.Equal(1, result.Facets[FacetNames.Language][c]));
    }

    [Theory]
    [InlineData("c++", "bio", "nhúng bằng <em>C++</em>")]
    [InlineData("fiber", "bio", "<em>ﬁber</em> optics")]
    [InlineData("NANORIBBONS", "publications", "Graphene <em>NANORIBBONS</em>")]
    [InlineData("dang", "keywords", "<em>ĐẶNG</em> thức")]
    public async Task Highlights_mark_terms_that_only_mapping_folding_or_lowering_makes_match(string query, string field, string expected)
    {
        // Values whose highlight the highlighter is spared must hold no term; these hold theirs only once analysed.
        var expert = Make("T01", "Phan Văn Tú", ["ĐẶNG thức"], ["ai"], "VN", "Huế", null, null, [], ["vi"]) with
        {
            Bio = "Lập trình nhúng bằng C++ và ﬁber optics.",
            Publications = [new ExpertNetwork.Experts.Publication { Title = "Graphene NANORIBBONS", Year = 2020 }],
        };
        var index = await CreateIndexAsync([expert, P01, P02]);

        var hit = (await index.SearchAsync(new SearchQuery { Text = query })).Hits.Single(h => h.Id == "T01");

        Assert.Contains(hit.Highlights[field], s => s.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_profile_too_large_for_the_hit_doc_value_still_shows_its_name_and_highlights()
    {
        // Past 32,766 bytes the hit's text is not copied into a doc value; the stored fields are read instead.
        var bio = string.Concat(Enumerable.Repeat("Nghiên cứu vật liệu mới cho pin mặt trời. ", 900)) + "Ứng dụng graphene nanoribbons.";
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(bio) > 32_766);
        var large = Make("T02", "Tạ Quang Bửu", ["vật lý"], ["physics"], "VN", "Huế", null, null, [], ["vi"]) with { Bio = bio, Headline = "Nhà vật lý" };
        var index = await CreateIndexAsync([large, P01, P05]);

        var hit = (await index.SearchAsync(new SearchQuery { Text = "nanoribbons" })).Hits.Single();

        Assert.Equal(("T02", "Tạ Quang Bửu"), (hit.Id, hit.FullName));
        Assert.Contains(hit.Highlights[HighlightFields.Bio], s => s.Contains("graphene <em>nanoribbons</em>", StringComparison.Ordinal));
        var name = (await index.SearchAsync(new SearchQuery { Text = "Ta Quang Buu" })).Hits[0];
        Assert.Contains(name.Highlights[HighlightFields.FullName], s => s.Contains("<em>Tạ</em> <em>Quang</em> <em>Bửu</em>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Operations_before_ensure_created_say_what_to_do()
    {
        var index = Open();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => index.SearchAsync(new SearchQuery()));
        Assert.Contains("EnsureCreatedAsync", error.Message);
    }
}
