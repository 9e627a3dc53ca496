using System.Text;
using System.Text.Json.Nodes;
using ExpertNetwork.Experts;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Elasticsearch;
using ExpertNetwork.Tests.Support;

namespace ExpertNetwork.Tests.Search.Elasticsearch;

/// <summary>
/// Pins the exact requests the Elasticsearch engine sends, captured by an in-memory invoker: no server needed.
/// A change here is a change of what production clusters receive, so the golden files are reviewed like code.
/// </summary>
public sealed class ElasticsearchRequestGoldenTests
{
    internal static readonly Expert Duc = ExpertBuilder.Full();

    internal static readonly Expert Ha = new()
    {
        Id = "bd-000200",
        FullName = "Đặng Thu Hà".Normalize(NormalizationForm.FormD),
        Headline = "Kỹ sư thiết kế vi mạch",
        Affiliation = "Renesas Electronics",
        Country = "JP",
        City = "Tokyo",
        Hometown = "Quy Nhơn",
        Fields = ["semiconductor"],
        Keywords = ["thiết kế vi mạch", "RF CMOS"],
        Languages = ["vi", "ja"],
        Degree = "master",
        HIndex = 5,
        Engagement = ["visiting"],
        Bio = "Kỹ sư tại Tokyo.",
    };

    internal static readonly Expert Tam = ExpertBuilder.Minimal("bd-000310", "Lê Văn Tám") with { Country = "VN", City = "Quy Nhơn" };

    internal static readonly Expert Unlisted = ExpertBuilder.Minimal("bd-000900") with { Consent = new Consent(Listed: false) };

    [Fact]
    public async Task Creating_a_missing_index_sends_the_committed_definition_with_synonyms_stopwords_meta_and_the_alias()
    {
        await using var cluster = new FakeCluster().WithoutAlias();

        Assert.Equal(IndexState.Missing, await cluster.Index.EnsureCreatedAsync("0|"));

        Golden.AssertMatches("ensure-created-missing.json", Golden.Conversation(cluster.Invoker.Requests));
        var create = Assert.Single(cluster.Invoker.Requests, r => r.Method == "PUT" && r.Route.StartsWith("/experts-v", StringComparison.Ordinal));
        Assert.Equal("/" + FakeCluster.NewIndexName, create.Path);
        Assert.Equal([FakeCluster.NewIndexName], cluster.AliasTargets("experts"));
        Assert.Matches(@"^experts-v20260301083000-[0-9a-f]{8}$", FakeCluster.NewIndexName);
    }

    [Fact]
    public async Task The_create_body_is_the_index_definition_file_plus_the_filled_lists_meta_and_alias_only()
    {
        await using var cluster = new FakeCluster().WithoutAlias();
        await cluster.Index.EnsureCreatedAsync();

        var sent = cluster.Invoker.Requests.Single(r => r.Method == "PUT" && r.Route == "/" + FakeCluster.NewIndexName).Json()!.AsObject();
        var definition = JsonNode.Parse(SearchAnalysis.IndexDefinition)!.AsObject();
        var filters = sent["settings"]!["analysis"]!["filter"]!;
        Assert.Equal(SearchAnalysis.Synonyms.Lines.Count, filters["vi_en_syn"]!["synonyms"]!.AsArray().Count);
        Assert.True(SearchAnalysis.Synonyms.Lines.Count >= 150);
        Assert.Contains("ai", filters["vi_bio_stop"]!["stopwords"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(SearchAnalysis.Hash, sent["mappings"]!["_meta"]!["analysis_hash"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["experts"] = new JsonObject() }, sent["aliases"]));

        sent.Remove("aliases");
        sent["mappings"]!.AsObject().Remove("_meta");
        filters["vi_en_syn"]!["synonyms"] = new JsonArray();
        filters["vi_bio_stop"]!["stopwords"] = new JsonArray();
        // The typed client writes a one-element array as its value; Elasticsearch reads both alike.
        Assert.True(ElasticsearchIndexDefinition.SemanticDifferences(definition, sent).Count == 0,
            "Apart from the filled lists, _meta and the alias, the body must be experts.index.json as committed: " +
            string.Join("; ", ElasticsearchIndexDefinition.SemanticDifferences(definition, sent)));
    }

    [Fact]
    public async Task Upserting_sends_one_bulk_with_wait_for_deletes_unlisted_profiles_and_records_the_store_stamp()
    {
        await using var cluster = new FakeCluster().WithServingIndex();
        await cluster.Index.EnsureCreatedAsync();
        cluster.Invoker.Clear();

        await cluster.Index.UpsertAsync([Duc, Ha, Unlisted], "17|2026-03-01T08:29:59Z");

        Golden.AssertMatches("upsert.json", Golden.Conversation(cluster.Invoker.Requests));
    }

    [Fact]
    public async Task Deleting_sends_one_bulk_of_deletes_with_wait_for_and_records_the_store_stamp()
    {
        await using var cluster = new FakeCluster().WithServingIndex();
        await cluster.Index.EnsureCreatedAsync();
        cluster.Invoker.Clear();

        await cluster.Index.DeleteAsync(["bd-000123", "bd-000200", "bd-000123"], "15|2026-03-01T08:30:00Z");

        Golden.AssertMatches("delete.json", Golden.Conversation(cluster.Invoker.Requests));
    }

    [Fact]
    public async Task A_write_without_a_store_stamp_sends_only_the_bulk_requiring_the_alias()
    {
        await using var cluster = new FakeCluster().WithServingIndex();

        await cluster.Index.UpsertAsync([Ha]);

        var request = Assert.Single(cluster.Invoker.Requests);
        Assert.Equal("/experts/_bulk?refresh=wait_for&require_alias=true", request.Path);
    }

    [Fact]
    public async Task A_write_with_a_store_stamp_records_it_in_a_state_document_never_in_the_mapping()
    {
        await using var cluster = new FakeCluster().WithServingIndex();

        await cluster.Index.UpsertAsync([Ha], "18|b");
        await cluster.Index.DeleteAsync([Ha.Id], "19|c");

        Assert.DoesNotContain(cluster.Invoker.Requests, r => r.Route.EndsWith("/_mapping", StringComparison.Ordinal) && r.Method != "GET");
        Assert.Equal("19|c", cluster.StateDocument("stamp-" + FakeCluster.ServingIndex)!["store_stamp"]!.GetValue<string>());
        Assert.Equal("19|c", await cluster.Index.GetStoreStampAsync());
    }

    [Fact]
    public async Task A_text_search_with_filters_facets_highlights_and_paging_sends_one_bool_query()
    {
        await using var cluster = new FakeCluster();
        cluster.Invoker.On("POST", "/experts/_search", CannedResponse.Ok(Golden.Read("search.response.json")));

        await cluster.Index.SearchAsync(new SearchQuery
        {
            Text = "thiết kế vi mạch",
            Fields = ["Semiconductor"],
            Countries = ["vn", "JP"],
            Locations = [LocationClass.Province, LocationClass.Abroad, LocationClass.Unknown],
            Degrees = ["PhD"],
            Engagement = ["advisory"],
            Languages = ["vi"],
            From = 20,
            Size = 10,
        });

        Golden.AssertMatches("search-text.json", Golden.Conversation(cluster.Invoker.Requests));
    }

    [Fact]
    public async Task A_text_search_sorted_by_name_sorts_on_the_folded_keyword_and_still_scores()
    {
        await using var cluster = new FakeCluster();
        cluster.Invoker.On("POST", "/experts/_search", CannedResponse.Ok(Golden.Read("search.response.json")));

        await cluster.Index.SearchAsync(new SearchQuery { Text = "Nguyen", Sort = SearchSort.Name, From = 5, Size = 5, WithFacets = false });

        Golden.AssertMatches("search-text-by-name.json", Golden.Conversation(cluster.Invoker.Requests));
    }

    [Fact]
    public async Task A_search_that_needs_no_exact_total_tracks_hits_up_to_the_bound_unless_facets_count_everything()
    {
        await using var cluster = new FakeCluster();
        cluster.Invoker.On("POST", "/experts/_search", CannedResponse.Ok(Golden.Read("search.response.json")));

        await cluster.Index.SearchAsync(new SearchQuery { Text = "học máy", WithFacets = false, WithHighlights = false, TrackTotalHitsUpTo = 1_000 });
        await cluster.Index.SearchAsync(new SearchQuery { Text = "học máy", WithHighlights = false, TrackTotalHitsUpTo = 1_000 });

        Golden.AssertMatches("search-text-top-k.json", Golden.Conversation(cluster.Invoker.Requests));
        Assert.Equal(1_000, cluster.Invoker.Requests[0].Json()!["track_total_hits"]!.GetValue<int>());
        Assert.True(cluster.Invoker.Requests[1].Json()!["track_total_hits"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_empty_query_with_filters_sorted_by_h_index_matches_all_that_pass_the_filters()
    {
        await using var cluster = new FakeCluster();
        cluster.Invoker.On("POST", "/experts/_search", CannedResponse.Ok(Golden.Read("search.response.json")));

        await cluster.Index.SearchAsync(new SearchQuery { Text = "  ", Countries = ["VN"], Sort = SearchSort.HIndex, Size = 50 });

        Golden.AssertMatches("search-filters-h-index.json", Golden.Conversation(cluster.Invoker.Requests));
    }

    [Fact]
    public async Task An_empty_query_without_filters_sorted_by_name_and_without_facets_is_a_bare_match_all()
    {
        await using var cluster = new FakeCluster();
        cluster.Invoker.On("POST", "/experts/_search", CannedResponse.Ok(Golden.Read("search.response.json")));

        await cluster.Index.SearchAsync(new SearchQuery { WithFacets = false, WithHighlights = false });

        Golden.AssertMatches("search-all-by-name.json", Golden.Conversation(cluster.Invoker.Requests));
    }

    [Fact]
    public async Task Suggestions_query_the_prefix_field_with_every_word_and_boost_names_starting_with_the_input()
    {
        await using var cluster = new FakeCluster();
        cluster.Invoker.On("POST", "/experts/_search", CannedResponse.Ok(Golden.Read("suggest.response.json")));

        await cluster.Index.SuggestAsync("Đặng  T".Normalize(NormalizationForm.FormD));

        Golden.AssertMatches("suggest.json", Golden.Conversation(cluster.Invoker.Requests));
    }

    [Fact]
    public async Task Suggestions_for_nothing_typed_send_no_request()
    {
        await using var cluster = new FakeCluster();

        Assert.Empty(await cluster.Index.SuggestAsync(" - "));
        Assert.Empty(await cluster.Index.SuggestAsync("an", size: 0));
        Assert.Empty(cluster.Invoker.Requests);
    }

    [Fact]
    public async Task A_rebuild_fills_a_new_index_in_batches_refreshes_swaps_the_alias_atomically_and_deletes_older_indices()
    {
        await using var cluster = new FakeCluster(batchSize: 2).WithServingIndex();
        cluster.Invoker.On("GET", "/experts-v*/_alias", CannedResponse.Ok(new JsonObject
        {
            ["experts-v20251101000000-12345678"] = new JsonObject { ["aliases"] = new JsonObject() },
            [FakeCluster.ServingIndex] = new JsonObject { ["aliases"] = new JsonObject { ["experts"] = new JsonObject() } },
            [FakeCluster.NewIndexName] = new JsonObject { ["aliases"] = new JsonObject { ["experts"] = new JsonObject() } },
            ["experts-v20260220000000-87654321"] = new JsonObject { ["aliases"] = new JsonObject() },
            ["experts-archive"] = new JsonObject { ["aliases"] = new JsonObject() },
        }.ToJsonString()));
        var progress = new List<int>();

        await cluster.Index.RebuildAsync(Stream(Duc, Unlisted, Ha, Tam), "4|2026-03-01T08:30:00Z", new SyncProgress(progress.Add));

        Golden.AssertMatches("rebuild.json", Golden.Conversation(cluster.Invoker.Requests));
        var swap = Assert.Single(cluster.Invoker.Requests, r => r.Route == "/_aliases");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$$"""
            [
              {"remove": {"alias": "experts", "index": "{{{FakeCluster.ServingIndex}}}", "must_exist": true}},
              {"remove": {"alias": "{{{FakeCluster.NewIndexName}}}-build", "index": "{{{FakeCluster.NewIndexName}}}", "must_exist": true}},
              {"add": {"alias": "experts", "index": "{{{FakeCluster.NewIndexName}}}"}}
            ]
            """), swap.Json()!["actions"]), swap.Body);
        Assert.Equal([FakeCluster.NewIndexName], cluster.AliasTargets("experts"));
        Assert.All(cluster.Invoker.Requests.Where(r => r.Route.EndsWith("/_bulk", StringComparison.Ordinal)),
            r => Assert.Equal("/" + FakeCluster.NewIndexName + "-build/_bulk?require_alias=true", r.Path));
        Assert.Equal(2, cluster.Invoker.Requests.Count(r => r.Route.EndsWith("/_bulk", StringComparison.Ordinal)));
        Assert.DoesNotContain(cluster.Invoker.Requests, r => r.Body?.Contains(Unlisted.Id, StringComparison.Ordinal) == true);
        Assert.Equal([3, 4], progress);
    }

    [Fact]
    public async Task A_rebuild_of_a_missing_index_only_adds_the_alias()
    {
        await using var cluster = new FakeCluster().WithoutAlias();

        await cluster.Index.RebuildAsync(Stream(Ha), "1|x");

        var swap = Assert.Single(cluster.Invoker.Requests, r => r.Route == "/_aliases");
        Assert.Equal(["remove", "add"], swap.Json()!["actions"]!.AsArray().Select(a => a!.AsObject().Single().Key));
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["add"] = new JsonObject { ["alias"] = "experts", ["index"] = FakeCluster.NewIndexName } },
            swap.Json()!["actions"]![1]));
    }

    [Fact]
    public async Task An_index_name_taken_in_the_same_second_moves_to_the_next_second()
    {
        await using var cluster = new FakeCluster().WithoutAlias();
        cluster.Invoker.On("PUT", "/" + FakeCluster.NewIndexName,
            CannedResponse.Error(400, "resource_already_exists_exception", $"index [{FakeCluster.NewIndexName}] already exists"));

        await cluster.Index.EnsureCreatedAsync();

        var creates = cluster.Invoker.Requests.Where(r => r.Method == "PUT" && r.Route.StartsWith("/experts-v", StringComparison.Ordinal)).Select(r => r.Route).ToArray();
        Assert.Equal(["/" + FakeCluster.NewIndexName, "/" + ElasticsearchIndexDefinition.IndexName("experts", FakeCluster.Now.AddSeconds(1), SearchAnalysis.Hash)], creates);
    }

    internal static async IAsyncEnumerable<Expert> Stream(params Expert[] experts)
    {
        foreach (var expert in experts)
        {
            await Task.Yield();
            yield return expert;
        }
    }

    internal sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
