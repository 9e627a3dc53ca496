using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Elasticsearch;

namespace ExpertNetwork.Tests.Search.Elasticsearch;

/// <summary>An <see cref="ElasticsearchSearchIndex"/> wired to a <see cref="RecordingRequestInvoker"/> at a fixed clock.</summary>
internal sealed class FakeCluster : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 30, 0, TimeSpan.Zero);

    private readonly ElasticsearchClientSettings _settings;

    public FakeCluster(int batchSize = 1000)
    {
        Invoker = new RecordingRequestInvoker();
        Options = new ElasticsearchOptions { Url = "http://localhost:9200", ApiKey = "dGVzdDp0ZXN0", BulkBatchSize = batchSize };
        _settings = ElasticsearchSearchIndex.CreateSettings(Options, Invoker);
        _settings.DisableDirectStreaming();
        Index = new ElasticsearchSearchIndex(new ElasticsearchClient(_settings), Options, new FixedTime(Now));
    }

    public RecordingRequestInvoker Invoker { get; }

    public ElasticsearchOptions Options { get; }

    public ElasticsearchSearchIndex Index { get; }

    /// <summary>The name the engine gives an index it creates at <see cref="Now"/>.</summary>
    public static string NewIndexName => ElasticsearchIndexDefinition.IndexName("experts", Now, SearchAnalysis.Hash);

    public const string ServingIndex = "experts-v20260214090000-0badc0de";

    /// <summary>Makes the alias exist, on <see cref="ServingIndex"/>, built with the current analysis unless told otherwise.</summary>
    public FakeCluster WithServingIndex(string? storeStamp = "15|2026-02-14T09:00:00Z", string? analysisHash = null)
    {
        var meta = new JsonObject { ["code_version"] = SearchAnalysis.CodeVersion, ["analysis_hash"] = analysisHash ?? SearchAnalysis.Hash };
        if (storeStamp is not null)
        {
            meta["store_stamp"] = storeStamp;
        }

        var body = new JsonObject
        {
            [ServingIndex] = new JsonObject
            {
                ["mappings"] = new JsonObject
                {
                    ["dynamic"] = "strict",
                    ["_meta"] = meta,
                    ["properties"] = new JsonObject { ["id"] = new JsonObject { ["type"] = "keyword" } },
                },
            },
        };
        Invoker.On("GET", "/experts/_mapping", CannedResponse.Ok(body.ToJsonString()));
        return this;
    }

    public FakeCluster WithoutAlias()
    {
        Invoker.On("GET", "/experts/_mapping", CannedResponse.Error(404, "index_not_found_exception", "no such index [experts]"));
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await Index.DisposeAsync();
        ((IDisposable)_settings).Dispose();
        Invoker.Dispose();
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
