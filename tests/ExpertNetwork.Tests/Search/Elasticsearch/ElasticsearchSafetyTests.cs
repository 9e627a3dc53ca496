using System.Text;
using System.Text.Json.Nodes;
using ExpertNetwork.Experts;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Elasticsearch;
using ExpertNetwork.Tests.Support;
using static ExpertNetwork.Tests.Search.Elasticsearch.ElasticsearchRequestGoldenTests;

namespace ExpertNetwork.Tests.Search.Elasticsearch;

/// <summary>
/// What keeps the Elasticsearch engine safe when several processes share a cluster, against the simulated cluster of
/// <see cref="FakeCluster"/>: alias swaps that answer <c>errors: true</c>, the rebuild lease, creation at first start,
/// <c>require_alias</c>, bulk sizes, the configured replicas and refresh, and the version check.
/// </summary>
public sealed class ElasticsearchSafetyTests
{
    private static string NewIndex => FakeCluster.NewIndexName;

    private static string AliasesAnswer(string golden) => Golden.Read(golden).Replace("{new-index}", NewIndex, StringComparison.Ordinal);

    /// <summary>The first alias swap leaves the cluster as <paramref name="leaveAliases"/> says and answers with the golden body; later swaps reach the cluster.</summary>
    private static void AnswerTheFirstSwap(FakeCluster cluster, string golden, Action leaveAliases)
    {
        var answered = false;
        cluster.Invoker.When(request =>
        {
            if (request.Route != "/_aliases" || answered)
            {
                return null;
            }

            answered = true;
            leaveAliases();
            return CannedResponse.Ok(AliasesAnswer(golden));
        });
    }

    [Fact]
    public void The_failed_actions_of_an_errors_true_alias_answer_are_read_from_the_raw_body()
    {
        var failures = ElasticsearchSearchIndex.ActionFailures(Encoding.UTF8.GetBytes(AliasesAnswer("aliases-errors.response.json")));

        var failure = Assert.Single(failures);
        Assert.Equal($"remove [experts] on [{FakeCluster.ServingIndex}]: 404 aliases_not_found_exception: aliases [experts] missing", failure);
        Assert.Empty(ElasticsearchSearchIndex.ActionFailures(Encoding.UTF8.GetBytes("""{"acknowledged":true,"errors":false}""")));
        Assert.Empty(ElasticsearchSearchIndex.ActionFailures(Encoding.UTF8.GetBytes("""{"acknowledged":true}""")));
    }

    [Fact]
    public async Task A_swap_answering_errors_true_that_left_the_alias_on_two_indices_is_repaired_to_the_new_one()
    {
        await using var cluster = new FakeCluster().WithServingIndex();
        // What Elasticsearch 8.14+ does with a remove that misses and an add that lands: 200, errors: true, alias on both.
        AnswerTheFirstSwap(cluster, "aliases-errors.response.json", () => cluster.SetAlias("experts", FakeCluster.ServingIndex, NewIndex));

        await cluster.Index.RebuildAsync(Stream(Ha), "new");

        Assert.Equal([NewIndex], cluster.AliasTargets("experts"));
        var calls = cluster.Invoker.Requests.Where(r => r.Route == "/_aliases").ToArray();
        Assert.Equal(2, calls.Length);
        Assert.True(JsonNode.DeepEquals(
            new JsonArray(new JsonObject
            {
                ["remove"] = new JsonObject { ["alias"] = "experts", ["index"] = FakeCluster.ServingIndex, ["must_exist"] = true },
            }),
            calls[1].Json()!["actions"]), calls[1].Body);
        Assert.Contains(NewIndex, cluster.IndexNames());
    }

    [Fact]
    public async Task A_swap_answering_errors_true_whose_add_failed_fails_the_rebuild_puts_the_alias_back_and_deletes_the_new_index()
    {
        await using var cluster = new FakeCluster().WithServingIndex();
        AnswerTheFirstSwap(cluster, "aliases-add-failed.response.json", () => cluster.SetAlias("experts"));

        var error = await Assert.ThrowsAsync<ElasticsearchSearchException>(() => cluster.Index.RebuildAsync(Stream(Ha), "new"));

        Assert.Contains("errors: true", error.Message, StringComparison.Ordinal);
        Assert.Contains($"add [experts] on [{NewIndex}]: 404 index_not_found_exception", error.Message, StringComparison.Ordinal);
        Assert.Equal([FakeCluster.ServingIndex], cluster.AliasTargets("experts"));
        Assert.DoesNotContain(NewIndex, cluster.IndexNames());
        Assert.Null(cluster.StateDocument(ElasticsearchState.LeaseId));
    }

    [Fact]
    public async Task A_swap_refused_because_the_serving_index_lost_its_alias_meanwhile_changes_nothing()
    {
        await using var cluster = new FakeCluster().WithServingIndex();
        cluster.Invoker.On("POST", "/" + NewIndex + "/_refresh", _ =>
        {
            // Between reading the alias and swapping it, someone (an operator, a crashed peer's cleanup) moves it.
            cluster.WithIndex("experts-v20260220000000-87654321");
            return CannedResponse.Ok("""{"_shards":{"total":1,"successful":1,"failed":0}}""");
        });
        cluster.Invoker.On("GET", "/_alias/experts", _ => CannedResponse.Ok(new JsonObject
        {
            [FakeCluster.ServingIndex] = new JsonObject { ["aliases"] = new JsonObject { ["experts"] = new JsonObject() } },
        }.ToJsonString()));
        cluster.Invoker.On("POST", "/_aliases", CannedResponse.Error(404, "aliases_not_found_exception", "aliases [experts] missing"));

        var error = await Assert.ThrowsAsync<ElasticsearchSearchException>(() => cluster.Index.RebuildAsync(Stream(Ha), "new"));

        Assert.Equal("aliases_not_found_exception", error.ErrorType);
        Assert.DoesNotContain(NewIndex, cluster.IndexNames());
    }

    [Fact]
    public async Task Two_rebuilders_on_one_cluster_take_turns_and_leave_the_alias_on_exactly_one_index()
    {
        await using var cluster = new FakeCluster().WithServingIndex();
        var other = cluster.OpenAnother();

        await Task.WhenAll(
            Task.Run(() => cluster.Index.RebuildAsync(Stream(Duc, Ha), "a")),
            Task.Run(() => other.RebuildAsync(Stream(Ha, Tam), "b")));

        // Serialised by the lease: each rebuild creates, fills and swaps before the other creates.
        var steps = cluster.Invoker.Requests
            .Where(r => (r.Method == "PUT" && r.Route.StartsWith("/experts-v", StringComparison.Ordinal)) || r.Route == "/_aliases")
            .Select(r => r.Route == "/_aliases" ? "swap" : "create")
            .Aggregate(new List<string>(), (steps, step) =>
            {
                // Both start in the same (fixed) second: the second creation retries under the next second's name.
                if (steps.Count == 0 || steps[^1] != step)
                {
                    steps.Add(step);
                }

                return steps;
            })
            .ToArray();
        Assert.Equal(["create", "swap", "create", "swap"], steps);
        Assert.Contains(cluster.Invoker.Requests, r => r.Path.Contains("rebuild-lease?op_type=create", StringComparison.Ordinal));
        var serving = Assert.Single(cluster.AliasTargets("experts"));
        Assert.Contains(serving, cluster.IndexNames());
        Assert.DoesNotContain(FakeCluster.ServingIndex, cluster.IndexNames());
        Assert.Null(cluster.StateDocument(ElasticsearchState.LeaseId));
        Assert.Contains(await cluster.Index.GetStoreStampAsync(), new[] { "a", "b" });
    }

    [Fact]
    public async Task Two_processes_starting_on_an_empty_cluster_create_one_index_between_them()
    {
        await using var cluster = new FakeCluster().WithoutAlias();
        var other = cluster.OpenAnother();

        var states = await Task.WhenAll(
            Task.Run(() => cluster.Index.EnsureCreatedAsync()),
            Task.Run(() => other.EnsureCreatedAsync()));

        Assert.Equal([IndexState.Current, IndexState.Missing], states.Order());
        var created = Assert.Single(cluster.IndexNames(), name => ElasticsearchIndexDefinition.IsVersionOf(name, "experts"));
        Assert.Equal([created], cluster.AliasTargets("experts"));
    }

    [Fact]
    public async Task A_live_lease_of_another_process_makes_a_rebuild_wait_then_give_up_without_touching_its_index()
    {
        const string theirs = "experts-v20260301082900-0badc0de";
        await using var cluster = new FakeCluster().WithServingIndex()
            .WithIndex(theirs, alias: theirs + "-build")
            .WithStateDocument(ElasticsearchState.LeaseId, new JsonObject
            {
                ["owner"] = "web-2/4711/0123456789abcdef0123456789abcdef", ["purpose"] = "rebuild",
                ["expires_at"] = FakeCluster.Now.AddMinutes(1).ToString("O"),
            });
        cluster.Options.RebuildLeaseWait = TimeSpan.FromMilliseconds(100);

        var error = await Assert.ThrowsAsync<SearchIndexBusyException>(() => cluster.Index.RebuildAsync(Stream(Ha), "new"));

        Assert.Contains("web-2/4711", error.Message, StringComparison.Ordinal);
        Assert.Contains(theirs, cluster.IndexNames());
        Assert.Equal([FakeCluster.ServingIndex], cluster.AliasTargets("experts"));
        Assert.DoesNotContain(cluster.Invoker.Requests, r => r.Method == "DELETE" && !r.Route.StartsWith("/experts-state", StringComparison.Ordinal));
        Assert.Equal("web-2/4711/0123456789abcdef0123456789abcdef", cluster.StateDocument(ElasticsearchState.LeaseId)!["owner"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_expired_lease_of_a_crashed_process_is_taken_over_and_its_half_built_index_deleted()
    {
        const string crashed = "experts-v20260301080000-0badc0de";
        await using var cluster = new FakeCluster().WithServingIndex()
            .WithIndex(crashed, alias: crashed + "-build")
            .WithStateDocument(ElasticsearchState.LeaseId, new JsonObject
            {
                ["owner"] = "web-1/42/0123456789abcdef0123456789abcdef", ["purpose"] = "rebuild",
                ["expires_at"] = FakeCluster.Now.AddMinutes(-1).ToString("O"),
            });

        await cluster.Index.RebuildAsync(Stream(Ha), "new");

        var takeover = Assert.Single(cluster.Invoker.Requests, r => r.Method == "DELETE" && r.Route == "/experts-state/_doc/rebuild-lease"
            && r.Path.Contains("if_seq_no=1&", StringComparison.Ordinal));
        Assert.NotNull(takeover);
        Assert.Equal([NewIndex], cluster.AliasTargets("experts"));
        Assert.DoesNotContain(crashed, cluster.IndexNames());
        Assert.Contains(FakeCluster.ServingIndex, cluster.IndexNames());
    }

    [Fact]
    public async Task A_rebuild_whose_lease_was_taken_over_stops_before_the_swap()
    {
        await using var cluster = new FakeCluster().WithServingIndex();
        cluster.Invoker.When(request => request.Method == "PUT" && request.Route == "/experts-state/_doc/rebuild-lease"
            && request.Path.Contains("if_seq_no", StringComparison.Ordinal)
                ? CannedResponse.Error(409, "version_conflict_engine_exception", "[rebuild-lease]: version conflict")
                : null);

        var error = await Assert.ThrowsAsync<ElasticsearchSearchException>(() => cluster.Index.RebuildAsync(Stream(Ha), "new"));

        Assert.Contains("taken over by another process", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Invoker.Requests, r => r.Route == "/_aliases");
        Assert.DoesNotContain(NewIndex, cluster.IndexNames());
        Assert.Equal([FakeCluster.ServingIndex], cluster.AliasTargets("experts"));
    }

    [Fact]
    public async Task A_write_when_the_alias_is_missing_fails_instead_of_creating_a_dynamically_mapped_index()
    {
        await using var cluster = new FakeCluster().WithoutAlias();

        var error = await Assert.ThrowsAsync<ElasticsearchSearchException>(() => cluster.Index.UpsertAsync([Ha]));

        Assert.Equal("index_not_found_exception", error.ErrorType);
        Assert.Contains("require_alias=true", Assert.Single(cluster.Invoker.Requests).Path, StringComparison.Ordinal);
        Assert.Empty(cluster.IndexNames());
    }

    [Fact]
    public async Task Bulk_requests_are_cut_by_bytes_as_well_as_by_count()
    {
        await using var cluster = new FakeCluster(maxBytes: 64 * 1024).WithServingIndex();
        var longBio = string.Concat(Enumerable.Repeat("Nghiên cứu vật liệu bán dẫn công suất cho lưới điện thông minh. ", 400));
        var experts = Enumerable.Range(1, 7).Select(i => ExpertBuilder.Minimal($"bd-{i:000000}", "Trần Văn Bình") with { Bio = longBio }).ToArray();
        Assert.True(Encoding.UTF8.GetByteCount(longBio) > 20 * 1024);

        await cluster.Index.RebuildAsync(Stream(experts), "new");
        await cluster.Index.UpsertAsync(experts);

        var rebuild = cluster.Invoker.Requests.Where(r => r.Route.EndsWith("-build/_bulk", StringComparison.Ordinal)).ToArray();
        var writes = cluster.Invoker.Requests.Where(r => r.Route == "/experts/_bulk").ToArray();
        Assert.True(rebuild.Length >= 3, $"{rebuild.Length} rebuild bulks");
        Assert.True(writes.Length >= 3, $"{writes.Length} write bulks");
        Assert.All(rebuild.Concat(writes), r => Assert.True(Encoding.UTF8.GetByteCount(r.Body!) <= 64 * 1024, $"{Encoding.UTF8.GetByteCount(r.Body!)} bytes"));
        Assert.Equal(7, rebuild.Sum(r => r.Json()!.AsArray().Count / 2));
        Assert.Equal(7, writes.Sum(r => r.Json()!.AsArray().Count / 2));
    }

    [Fact]
    public async Task Replicas_and_refresh_interval_come_from_the_options_with_todays_values_by_default()
    {
        Assert.Equal(0, new ElasticsearchOptions().NumberOfReplicas);
        Assert.Equal("1s", new ElasticsearchOptions().RefreshInterval);
        Assert.Equal(5 * 1024 * 1024, new ElasticsearchOptions().BulkMaxBytes);
        await using var cluster = new FakeCluster().WithoutAlias();
        cluster.Options.NumberOfReplicas = 2;
        cluster.Options.RefreshInterval = "30s";

        await cluster.Index.EnsureCreatedAsync();

        var settings = cluster.Invoker.Requests.Single(r => r.Route == "/" + NewIndex).Json()!["settings"]!;
        Assert.Equal(2, settings["number_of_replicas"]!.GetValue<int>());
        Assert.Equal("30s", settings["refresh_interval"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("8.15.3")]
    [InlineData("7.17.0")]
    [InlineData("10.0.0")]
    public async Task A_cluster_other_than_elasticsearch_9_is_refused_at_start_saying_why(string version)
    {
        await using var cluster = new FakeCluster().WithoutAlias();
        cluster.Invoker.On("GET", "/", CannedResponse.Ok(FakeCluster.Info(version)));

        var error = await Assert.ThrowsAsync<ElasticsearchSearchException>(() => cluster.Index.EnsureCreatedAsync());

        Assert.Contains($"version {version}", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs Elasticsearch 9.x", error.Message, StringComparison.Ordinal);
        Assert.Contains("compatible-with=9", error.Message, StringComparison.Ordinal);
        Assert.Equal("GET /", Assert.Single(cluster.Invoker.Requests).Method + " " + cluster.Invoker.Requests[0].Route);
    }

    [Fact]
    public async Task An_elasticsearch_8_refusing_the_compatible_with_9_header_is_reported_as_the_wrong_version()
    {
        await using var cluster = new FakeCluster().WithoutAlias();
        cluster.Invoker.On("GET", "/", CannedResponse.Error(400, "media_type_header_exception",
            "Invalid media-type value on headers [Accept]; A compatible version is required on both Content-Type and Accept headers"));

        var error = await Assert.ThrowsAsync<ElasticsearchSearchException>(() => cluster.Index.RebuildAsync(Stream(Ha)));

        Assert.Contains("needs Elasticsearch 9.x", error.Message, StringComparison.Ordinal);
        Assert.Equal("media_type_header_exception", error.ErrorType);
        Assert.Single(cluster.Invoker.Requests);
    }
}
