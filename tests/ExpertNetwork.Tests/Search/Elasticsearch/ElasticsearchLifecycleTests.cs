using System.Text.Json.Nodes;
using ExpertNetwork.Experts;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Elasticsearch;
using static ExpertNetwork.Tests.Search.Elasticsearch.ElasticsearchRequestGoldenTests;

namespace ExpertNetwork.Tests.Search.Elasticsearch;

/// <summary>Index states, rebuild failures and writes during a rebuild, against a recording invoker.</summary>
public sealed class ElasticsearchLifecycleTests
{
    private static string NewIndexBulk => "/" + FakeCluster.NewIndexName + "-build/_bulk";

    private static string[] IndexSteps(FakeCluster cluster) => cluster.Invoker.Requests
        .Where(r => r.Method != "GET" && !r.Route.StartsWith("/" + FakeCluster.StateIndex, StringComparison.Ordinal))
        .Select(r => $"{r.Method} {r.Route}")
        .ToArray();

    [Fact]
    public async Task An_index_built_with_the_current_analysis_and_the_expected_stamp_is_current()
    {
        await using var cluster = new FakeCluster();
        cluster.Invoker.On("GET", "/experts/_mapping", CannedResponse.Ok(Golden.Read("get-mapping.response.json")));

        Assert.Equal(IndexState.Current, await cluster.Index.EnsureCreatedAsync("15|2026-02-14T09:00:00Z"));
        Assert.Equal(IndexState.Current, await cluster.Index.EnsureCreatedAsync());
        Assert.Equal("15|2026-02-14T09:00:00Z", await cluster.Index.GetStoreStampAsync());
        Assert.DoesNotContain(cluster.Invoker.Requests, r => r.Method != "GET");
    }

    [Fact]
    public async Task Another_store_stamp_means_stale()
    {
        await using var cluster = new FakeCluster().WithServingIndex(storeStamp: "15|a");

        Assert.Equal(IndexState.Stale, await cluster.Index.EnsureCreatedAsync("16|b"));
    }

    [Fact]
    public async Task An_index_without_a_store_stamp_is_stale_when_one_is_expected()
    {
        await using var cluster = new FakeCluster().WithServingIndex(storeStamp: null);

        Assert.Equal(IndexState.Stale, await cluster.Index.EnsureCreatedAsync("1|a"));
        Assert.Null(await cluster.Index.GetStoreStampAsync());
    }

    [Fact]
    public async Task Another_analysis_hash_means_analysis_changed_whatever_the_stamp()
    {
        await using var cluster = new FakeCluster().WithServingIndex(storeStamp: "15|a", analysisHash: new string('0', 64));

        Assert.Equal(IndexState.AnalysisChanged, await cluster.Index.EnsureCreatedAsync("15|a"));
    }

    [Fact]
    public async Task A_store_stamp_written_to_an_index_of_older_analysis_leaves_its_mapping_and_analysis_hash_alone()
    {
        var old = new string('0', 64);
        await using var cluster = new FakeCluster().WithServingIndex(analysisHash: old);
        await cluster.Index.EnsureCreatedAsync();

        await cluster.Index.DeleteAsync(["bd-000123"], "16|b");

        Assert.DoesNotContain(cluster.Invoker.Requests, r => r.Route.EndsWith("/_mapping", StringComparison.Ordinal) && r.Method != "GET");
        Assert.Equal("16|b", await cluster.Index.GetStoreStampAsync());
        Assert.Equal(IndexState.AnalysisChanged, await cluster.Index.EnsureCreatedAsync("16|b"));
    }

    [Fact]
    public async Task The_store_stamp_of_a_missing_index_cannot_be_read()
    {
        await using var cluster = new FakeCluster().WithoutAlias();

        await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.Index.GetStoreStampAsync());
    }

    [Fact]
    public async Task An_index_sitting_where_the_alias_belongs_is_reported_not_overwritten()
    {
        await using var cluster = new FakeCluster();
        cluster.Invoker.On("GET", "/experts/_mapping", CannedResponse.Ok("""{"experts":{"mappings":{"properties":{}}}}"""));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.Index.EnsureCreatedAsync());

        Assert.Contains("is an index, not an alias", error.Message, StringComparison.Ordinal);
        Assert.All(cluster.Invoker.Requests, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task A_server_error_on_a_bulk_in_the_middle_of_a_rebuild_deletes_the_new_index_and_never_moves_the_alias()
    {
        await using var cluster = new FakeCluster(batchSize: 2).WithServingIndex();
        var bulks = 0;
        cluster.Invoker.On("POST", NewIndexBulk, request => ++bulks == 2
            ? CannedResponse.Error(500, "circuit_breaking_exception", "[parent] Data too large")
            : CannedResponse.Ok(RecordingRequestInvoker.BulkAnswer(request).ToJsonString()));

        var error = await Assert.ThrowsAsync<ElasticsearchSearchException>(
            () => cluster.Index.RebuildAsync(Stream(Duc, Ha, Tam, Unlisted, Duc with { Id = "bd-000400" }), "new"));

        Assert.Equal(500, error.StatusCode);
        Assert.Equal("circuit_breaking_exception", error.ErrorType);
        Assert.Equal(
            ["PUT /" + FakeCluster.NewIndexName, "POST " + NewIndexBulk, "POST " + NewIndexBulk, "DELETE /" + FakeCluster.NewIndexName],
            IndexSteps(cluster));
        Assert.DoesNotContain(cluster.Invoker.Requests, r => r.Route == "/_aliases");
        Assert.Equal([FakeCluster.ServingIndex], cluster.AliasTargets("experts"));
        Assert.Null(cluster.StateDocument("rebuild-lease"));
    }

    [Fact]
    public async Task Rejected_documents_in_a_rebuild_bulk_fail_it_with_the_first_reason()
    {
        await using var cluster = new FakeCluster().WithServingIndex();
        cluster.Invoker.On("POST", NewIndexBulk, CannedResponse.Ok(Golden.Read("bulk-errors.response.json")));

        var error = await Assert.ThrowsAsync<ElasticsearchSearchException>(() => cluster.Index.RebuildAsync(Stream(Duc, Ha), "new"));

        Assert.Contains("bd-000200", error.Message, StringComparison.Ordinal);
        Assert.Contains("strict_dynamic_mapping_exception", error.Message, StringComparison.Ordinal);
        Assert.Equal("strict_dynamic_mapping_exception", error.ErrorType);
        Assert.Contains(cluster.Invoker.Requests, r => r.Method == "DELETE" && r.Route == "/" + FakeCluster.NewIndexName);
        Assert.DoesNotContain(cluster.Invoker.Requests, r => r.Route == "/_aliases");
    }

    [Fact]
    public async Task A_store_failing_mid_stream_deletes_the_new_index_and_rethrows_the_stores_error()
    {
        await using var cluster = new FakeCluster(batchSize: 1).WithServingIndex();

        var error = await Assert.ThrowsAsync<IOException>(() => cluster.Index.RebuildAsync(Failing(Duc, Ha), "new"));

        Assert.Equal("store went away", error.Message);
        Assert.Equal("DELETE /" + FakeCluster.NewIndexName, IndexSteps(cluster).Last());
        Assert.Null(cluster.StateDocument("rebuild-lease"));
        Assert.DoesNotContain(cluster.Invoker.Requests, r => r.Route == "/_aliases");
    }

    [Fact]
    public async Task A_refused_alias_swap_deletes_the_new_index_and_leaves_the_alias_where_it_was()
    {
        await using var cluster = new FakeCluster().WithServingIndex();
        cluster.Invoker.On("POST", "/_aliases", CannedResponse.Error(500, "process_cluster_event_timeout_exception", "failed to process cluster event"));

        await Assert.ThrowsAsync<ElasticsearchSearchException>(() => cluster.Index.RebuildAsync(Stream(Ha), "new"));

        Assert.Equal("DELETE /" + FakeCluster.NewIndexName, IndexSteps(cluster).Last());
        Assert.Equal([FakeCluster.ServingIndex], cluster.AliasTargets("experts"));
    }

    [Fact]
    public async Task A_swap_whose_answer_was_lost_but_which_went_through_counts_as_done()
    {
        await using var cluster = new FakeCluster().WithServingIndex();
        var moved = false;
        cluster.Invoker.On("POST", "/_aliases", _ =>
        {
            moved = true;
            return CannedResponse.Error(504, "gateway_timeout", "upstream timed out");
        });
        cluster.Invoker.On("GET", "/_alias/experts", _ => CannedResponse.Ok(new JsonObject
        {
            [moved ? FakeCluster.NewIndexName : FakeCluster.ServingIndex] = new JsonObject { ["aliases"] = new JsonObject { ["experts"] = new JsonObject() } },
        }.ToJsonString()));

        await cluster.Index.RebuildAsync(Stream(Ha), "new");

        Assert.DoesNotContain(cluster.Invoker.Requests, r => r.Method == "DELETE" && r.Route == "/" + FakeCluster.NewIndexName);
    }

    [Fact]
    public async Task Writes_made_while_a_rebuild_runs_reach_the_serving_index_at_once_and_are_replayed_into_the_new_one_before_the_swap()
    {
        await using var cluster = new FakeCluster(batchSize: 1).WithServingIndex();
        var index = cluster.Index;

        async IAsyncEnumerable<Expert> Source()
        {
            yield return Duc;
            await index.UpsertAsync([Tam], "during");
            await index.DeleteAsync(["bd-000123"]);
            yield return Ha;
        }

        await index.RebuildAsync(Source(), "rebuilt");

        var steps = cluster.Invoker.Requests.Where(r => r.Method != "GET" && !r.Route.Contains("rebuild-lease", StringComparison.Ordinal))
            .Select(r => $"{r.Method} {r.Path}").ToArray();
        Assert.Equal(
        [
            "PUT /experts-state",
            "PUT /" + FakeCluster.NewIndexName,
            "POST " + NewIndexBulk + "?require_alias=true",
            "POST /experts/_bulk?refresh=wait_for&require_alias=true",
            "PUT /experts-state/_doc/stamp-" + FakeCluster.ServingIndex,
            "POST /experts/_bulk?refresh=wait_for&require_alias=true",
            "POST " + NewIndexBulk + "?require_alias=true",
            "POST " + NewIndexBulk + "?require_alias=true",
            "POST " + NewIndexBulk + "?require_alias=true",
            "PUT /experts-state/_doc/stamp-" + FakeCluster.NewIndexName,
            "POST /" + FakeCluster.NewIndexName + "/_refresh",
            "POST /_aliases",
        ], steps.Take(12));

        var replayed = cluster.Invoker.Requests.Where(r => r.Route == NewIndexBulk).Skip(2).Select(r => r.Json()!.AsArray()[0]!.ToJsonString()).ToArray();
        Assert.Equal(["""{"index":{"_id":"bd-000310"}}""", """{"delete":{"_id":"bd-000123"}}"""], replayed);
        Assert.Equal("during", cluster.StateDocument("stamp-" + FakeCluster.NewIndexName)!["store_stamp"]!.GetValue<string>());
        Assert.Equal("during", await index.GetStoreStampAsync());
    }

    [Fact]
    public async Task A_profile_is_indexed_with_its_text_normalised_to_composed_unicode()
    {
        await using var cluster = new FakeCluster().WithServingIndex();

        await cluster.Index.UpsertAsync([Ha]);

        var document = cluster.Invoker.Requests.Single().Json()!.AsArray()[1]!;
        Assert.Equal("Đặng Thu Hà", document["name"]!.GetValue<string>());
        Assert.True(document["name"]!.GetValue<string>().IsNormalized(System.Text.NormalizationForm.FormC));
        Assert.Equal(Ha.FullName, document["full_name"]!.GetValue<string>());
    }

    private static async IAsyncEnumerable<Expert> Failing(params Expert[] experts)
    {
        foreach (var expert in experts)
        {
            await Task.Yield();
            yield return expert;
        }

        throw new IOException("store went away");
    }
}
