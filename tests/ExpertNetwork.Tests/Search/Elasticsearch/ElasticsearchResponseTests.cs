using System.Text.Json.Nodes;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Elasticsearch;
using static ExpertNetwork.Tests.Search.Elasticsearch.ElasticsearchRequestGoldenTests;

namespace ExpertNetwork.Tests.Search.Elasticsearch;

/// <summary>Recorded Elasticsearch 9 responses (Golden/*.response.json) read back through the client into engine-neutral results.</summary>
public sealed class ElasticsearchResponseTests
{
    [Fact]
    public async Task A_search_response_becomes_the_total_hits_scores_and_names()
    {
        var result = await SearchAsync(Golden.Read("search.response.json"), new SearchQuery { Text = "thiết kế vi mạch" });

        Assert.Equal(27, result.Total);
        Assert.Equal(["bd-000200", "bd-000123", "bd-000310"], result.Hits.Select(h => h.Id));
        Assert.Equal(["Đặng Thu Hà", "Nguyễn Văn Đức", "Phạm Thị Thủy"], result.Hits.Select(h => h.FullName));
        Assert.Equal([38.41672, 21.093714, 4.2], result.Hits.Select(h => h.Score));
    }

    [Fact]
    public async Task A_total_counted_only_up_to_track_total_hits_is_read_as_a_lower_bound()
    {
        var exact = await SearchAsync(Golden.Read("search.response.json"), new SearchQuery { Text = "thiết kế vi mạch" });
        var bounded = await SearchAsync(
            Golden.Read("search.response.json").Replace("\"value\": 27, \"relation\": \"eq\"", "\"value\": 1000, \"relation\": \"gte\"", StringComparison.Ordinal),
            new SearchQuery { Text = "thiết kế vi mạch", WithFacets = false, TrackTotalHitsUpTo = 1_000 });

        Assert.False(exact.TotalIsLowerBound);
        Assert.Equal(1_000, bounded.Total);
        Assert.True(bounded.TotalIsLowerBound);
    }

    [Fact]
    public async Task Highlights_come_back_under_the_engine_neutral_keys_html_escaped_here_with_other_names_apart_from_the_name()
    {
        var result = await SearchAsync(Golden.Read("search.response.json"), new SearchQuery { Text = "thiết kế vi mạch" });

        var first = result.Hits[0].Highlights;
        Assert.Equal([HighlightFields.Headline, HighlightFields.Keywords], first.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["<em>thiết</em> <em>kế</em> <em>vi</em> <em>mạch</em>"], first[HighlightFields.Keywords]);

        var second = result.Hits[1].Highlights;
        Assert.Equal(
            [HighlightFields.Bio, HighlightFields.FullName, HighlightFields.Keywords, HighlightFields.OtherNames, HighlightFields.Publications],
            second.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["<em>Nguyễn</em> Văn Đức"], second[HighlightFields.FullName]);
        Assert.Equal(["Duc <em>Nguyen</em>"], second[HighlightFields.OtherNames]);
        Assert.Equal(2, second[HighlightFields.Keywords].Count);
        Assert.Contains("&amp; <em>chip</em>", second[HighlightFields.Publications][0], StringComparison.Ordinal);

        Assert.Empty(result.Hits[2].Highlights);
    }

    [Fact]
    public async Task Facets_come_back_for_all_six_names_with_counts_over_every_match()
    {
        var result = await SearchAsync(Golden.Read("search.response.json"), new SearchQuery { Text = "thiết kế vi mạch" });

        Assert.Equal(FacetNames.All.Order(StringComparer.Ordinal), result.Facets.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new Dictionary<string, long> { ["semiconductor"] = 27, ["ai"] = 6, ["energy"] = 1 }, result.Facets[FacetNames.Field]);
        Assert.Equal(new Dictionary<string, long> { ["VN"] = 15, ["JP"] = 8, ["KR"] = 2, ["US"] = 2 }, result.Facets[FacetNames.Country]);
        Assert.Equal(["abroad", "province", "vietnam"], result.Facets[FacetNames.Location].Keys);
        Assert.Equal(19, result.Facets[FacetNames.Degree]["phd"]);
        Assert.Equal(["advisory", "remote", "visiting"], result.Facets[FacetNames.Engagement].Keys);
        Assert.Equal(27, result.Facets[FacetNames.Language]["vi"]);
    }

    [Fact]
    public async Task Facets_are_empty_when_not_asked_for_even_if_the_response_has_them()
    {
        var result = await SearchAsync(Golden.Read("search.response.json"), new SearchQuery { Text = "x", WithFacets = false });

        Assert.Empty(result.Facets);
    }

    [Fact]
    public async Task A_facet_missing_from_the_response_is_an_empty_count()
    {
        var response = JsonNode.Parse(Golden.Read("search.response.json"))!;
        response["aggregations"]!.AsObject().Remove("sterms#degree");
        response["aggregations"]!["sterms#language"]!["buckets"] = new JsonArray();

        var result = await SearchAsync(response.ToJsonString(), new SearchQuery { Text = "x" });

        Assert.Empty(result.Facets[FacetNames.Degree]);
        Assert.Empty(result.Facets[FacetNames.Language]);
        Assert.Equal(3, result.Facets[FacetNames.Field].Count);
    }

    [Fact]
    public async Task A_suggest_response_becomes_ids_display_names_and_what_tells_people_apart_in_order()
    {
        await using var cluster = new FakeCluster();
        cluster.Invoker.On("POST", "/experts/_search", CannedResponse.Ok(Golden.Read("suggest.response.json")));

        var suggestions = await cluster.Index.SuggestAsync("dang");

        Assert.Equal(
        [
            new NameSuggestion("bd-000200", "Đặng Thu Hà", "University of Tokyo", "Tokyo", "JP", "Kỹ sư thiết kế vi mạch"),
            new NameSuggestion("bd-000415", "Thái Đặng Khoa", null, null, "VN", null),
        ], suggestions);
    }

    [Fact]
    public async Task A_refused_search_throws_with_the_status_and_elasticsearchs_reason()
    {
        await using var cluster = new FakeCluster();
        cluster.Invoker.On("POST", "/experts/_search", new CannedResponse(400, Golden.Read("search-error.response.json")));

        var error = await Assert.ThrowsAsync<ElasticsearchSearchException>(() => cluster.Index.SearchAsync(new SearchQuery { Text = "an" }));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("search_phase_execution_exception", error.ErrorType);
        Assert.Contains("all shards failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upsert_whose_documents_are_rejected_throws_with_the_first_rejected_profile()
    {
        await using var cluster = new FakeCluster().WithServingIndex();
        cluster.Invoker.On("POST", "/experts/_bulk", CannedResponse.Ok(Golden.Read("bulk-errors.response.json")));

        var error = await Assert.ThrowsAsync<ElasticsearchSearchException>(() => cluster.Index.UpsertAsync([Duc, Ha, Unlisted], "stamp"));

        Assert.Contains("1 of 3 profiles", error.Message, StringComparison.Ordinal);
        Assert.Contains("bd-000200", error.Message, StringComparison.Ordinal);
        Assert.Equal(400, error.StatusCode);
        Assert.DoesNotContain(cluster.Invoker.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public async Task Deleting_a_profile_the_index_does_not_have_is_not_an_error()
    {
        await using var cluster = new FakeCluster().WithServingIndex();
        cluster.Invoker.On("POST", "/experts/_bulk", request => CannedResponse.Ok(
            RecordingRequestInvoker.BulkAnswer(request, (_, id) => new JsonObject
            {
                ["_index"] = FakeCluster.ServingIndex, ["_id"] = id, ["_version"] = 1, ["result"] = "not_found", ["status"] = 404,
                ["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["failed"] = 0 }, ["_seq_no"] = 9, ["_primary_term"] = 1,
            }).ToJsonString()));

        await cluster.Index.DeleteAsync(["nobody"]);
    }

    private static async Task<SearchResult> SearchAsync(string responseBody, SearchQuery query)
    {
        await using var cluster = new FakeCluster();
        cluster.Invoker.On("POST", "/experts/_search", CannedResponse.Ok(responseBody));
        return await cluster.Index.SearchAsync(query);
    }
}
