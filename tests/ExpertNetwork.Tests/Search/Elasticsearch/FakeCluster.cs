using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Elasticsearch;

namespace ExpertNetwork.Tests.Search.Elasticsearch;

/// <summary>
/// An <see cref="ElasticsearchSearchIndex"/> wired to a <see cref="RecordingRequestInvoker"/> at a fixed clock, over a
/// small simulated cluster: indices with their <c>_meta</c>, aliases (created with an index, moved by <c>_aliases</c>
/// with <c>must_exist</c> honoured atomically, gone with a deleted index), documents of the state index with sequence
/// numbers (<c>op_type=create</c> and <c>if_seq_no</c> conflicts answer 409), the cluster version, and bulks that
/// refuse a target that is not an alias when <c>require_alias</c> is set. <see cref="OpenAnother"/> opens a second
/// engine on the same cluster: another process.
/// </summary>
internal sealed class FakeCluster : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 30, 0, TimeSpan.Zero);

    private readonly List<(ElasticsearchSearchIndex Index, ElasticsearchClientSettings Settings)> _engines = [];
    private readonly System.Threading.Lock _lock = new();
    private readonly Dictionary<string, JsonObject?> _indices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> _aliases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (JsonNode Source, long SeqNo)> _documents = new(StringComparer.Ordinal);
    private long _seqNo;

    public FakeCluster(int batchSize = 1000, int maxBytes = 5 * 1024 * 1024, TimeProvider? time = null)
    {
        Invoker = new RecordingRequestInvoker();
        Options = new ElasticsearchOptions
        {
            Url = "http://localhost:9200", ApiKey = "dGVzdDp0ZXN0", BulkBatchSize = batchSize, BulkMaxBytes = maxBytes,
            RebuildLeasePoll = TimeSpan.FromMilliseconds(20), RebuildLeaseWait = TimeSpan.FromSeconds(30),
        };
        Time = time ?? new FixedTime(Now);
        Simulate();
        Index = OpenAnother();
    }

    public RecordingRequestInvoker Invoker { get; }

    public ElasticsearchOptions Options { get; }

    public TimeProvider Time { get; }

    public ElasticsearchSearchIndex Index { get; }

    /// <summary>The name the engine gives an index it creates at <see cref="Now"/>.</summary>
    public static string NewIndexName => ElasticsearchIndexDefinition.IndexName("experts", Now, SearchAnalysis.Hash);

    public const string ServingIndex = "experts-v20260214090000-0badc0de";

    public const string StateIndex = "experts-state";

    /// <summary>A second engine on this cluster, as another process would open it.</summary>
    public ElasticsearchSearchIndex OpenAnother(ElasticsearchOptions? options = null)
    {
        var settings = ElasticsearchSearchIndex.CreateSettings(options ?? Options, Invoker);
        settings.DisableDirectStreaming();
        var index = new ElasticsearchSearchIndex(new ElasticsearchClient(settings), options ?? Options, Time);
        _engines.Add((index, settings));
        return index;
    }

    /// <summary>Makes the alias exist, on <see cref="ServingIndex"/>, built with the current analysis unless told otherwise.</summary>
    public FakeCluster WithServingIndex(string? storeStamp = "15|2026-02-14T09:00:00Z", string? analysisHash = null)
    {
        var meta = new JsonObject { ["code_version"] = SearchAnalysis.CodeVersion, ["analysis_hash"] = analysisHash ?? SearchAnalysis.Hash };
        if (storeStamp is not null)
        {
            meta["store_stamp"] = storeStamp;
        }

        lock (_lock)
        {
            _indices[ServingIndex] = meta;
            _aliases["experts"] = new SortedSet<string>(StringComparer.Ordinal) { ServingIndex };
        }

        return this;
    }

    public FakeCluster WithoutAlias() => this;

    /// <summary>Puts an index (with an alias, when given) into the cluster as if another process had made it.</summary>
    public FakeCluster WithIndex(string name, string? alias = null)
    {
        lock (_lock)
        {
            _indices[name] = new JsonObject { ["analysis_hash"] = SearchAnalysis.Hash };
            if (alias is not null)
            {
                AliasSet(alias).Add(name);
            }
        }

        return this;
    }

    /// <summary>A document of the state index, as another process would have written it.</summary>
    public FakeCluster WithStateDocument(string id, JsonObject source)
    {
        lock (_lock)
        {
            _indices.TryAdd(StateIndex, null);
            _documents[id] = (source, ++_seqNo);
        }

        return this;
    }

    /// <summary>Points the alias at exactly <paramref name="indices"/>, as a half-applied <c>_aliases</c> call might leave it.</summary>
    public void SetAlias(string alias, params string[] indices)
    {
        lock (_lock)
        {
            _aliases[alias] = new SortedSet<string>(indices, StringComparer.Ordinal);
        }
    }

    public IReadOnlyList<string> AliasTargets(string alias)
    {
        lock (_lock)
        {
            return _aliases.TryGetValue(alias, out var set) ? set.ToArray() : [];
        }
    }

    public IReadOnlyList<string> IndexNames()
    {
        lock (_lock)
        {
            return _indices.Keys.Order(StringComparer.Ordinal).ToArray();
        }
    }

    public JsonNode? StateDocument(string id)
    {
        lock (_lock)
        {
            return _documents.TryGetValue(id, out var document) ? document.Source.DeepClone() : null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (index, settings) in _engines)
        {
            await index.DisposeAsync();
            ((IDisposable)settings).Dispose();
        }

        Invoker.Dispose();
    }

    private SortedSet<string> AliasSet(string alias)
    {
        if (!_aliases.TryGetValue(alias, out var set))
        {
            _aliases[alias] = set = new SortedSet<string>(StringComparer.Ordinal);
        }

        return set;
    }

    private void Simulate()
    {
        Invoker.On("GET", "/", CannedResponse.Ok(Info("9.1.4")));
        Invoker.On("PUT", "/*", request => Locked(() => CreateIndex(request)));
        Invoker.On("DELETE", "/*", request => Locked(() => DeleteIndex(request)));
        Invoker.On("POST", "/_aliases", request => Locked(() => UpdateAliases(request)));
        Invoker.On("GET", "/_alias/*", request => Locked(() => GetAlias(request.Route["/_alias/".Length..])));
        Invoker.On("GET", "/experts/_mapping", _ => Locked(GetMapping));
        Invoker.On("GET", "/experts-v*/_alias", _ => Locked(GetVersionAliases));
        Invoker.On("PUT", "/" + StateIndex + "/_doc/*", request => Locked(() => PutDocument(request)));
        Invoker.On("GET", "/" + StateIndex + "/_doc/*", request => Locked(() => GetDocument(request)));
        Invoker.On("DELETE", "/" + StateIndex + "/_doc/*", request => Locked(() => DeleteDocument(request)));
        Invoker.When(request => request.Method == "POST" && request.Route.EndsWith("/_bulk", StringComparison.Ordinal) ? Locked(() => Bulk(request)) : null);
    }

    private CannedResponse Locked(Func<CannedResponse> respond)
    {
        lock (_lock)
        {
            return respond();
        }
    }

    public static string Info(string version) => new JsonObject
    {
        ["name"] = "node-1",
        ["cluster_name"] = "expertnet",
        ["cluster_uuid"] = "k2yC3mZ8T2eY7r1e2w7zVw",
        ["version"] = new JsonObject
        {
            ["number"] = version,
            ["build_flavor"] = "default",
            ["build_type"] = "docker",
            ["build_hash"] = "0123456789abcdef",
            ["build_date"] = "2025-09-01T00:00:00.000Z",
            ["build_snapshot"] = false,
            ["lucene_version"] = "10.2.2",
            ["minimum_wire_compatibility_version"] = "8.19.0",
            ["minimum_index_compatibility_version"] = "8.0.0",
        },
        ["tagline"] = "You Know, for Search",
    }.ToJsonString();

    private CannedResponse CreateIndex(RecordedRequest request)
    {
        var name = request.Route[1..];
        if (name.Contains('/'))
        {
            return CannedResponse.Ok("""{"acknowledged":true}""");
        }

        if (_indices.ContainsKey(name))
        {
            return CannedResponse.Error(400, "resource_already_exists_exception", $"index [{name}] already exists");
        }

        var body = request.Json();
        _indices[name] = body?["mappings"]?["_meta"]?.DeepClone().AsObject() ?? new JsonObject();
        foreach (var (alias, _) in body?["aliases"]?.AsObject() ?? [])
        {
            AliasSet(alias).Add(name);
        }

        return CannedResponse.Ok($$"""{"acknowledged":true,"shards_acknowledged":true,"index":"{{name}}"}""");
    }

    private CannedResponse DeleteIndex(RecordedRequest request)
    {
        var names = request.Route[1..];
        if (names.Contains('/'))
        {
            return CannedResponse.Ok("""{"acknowledged":true}""");
        }

        foreach (var name in names.Split(','))
        {
            _indices.Remove(name);
            foreach (var set in _aliases.Values)
            {
                set.Remove(name);
            }
        }

        return CannedResponse.Ok("""{"acknowledged":true}""");
    }

    private CannedResponse UpdateAliases(RecordedRequest request)
    {
        var copy = _aliases.ToDictionary(p => p.Key, p => new SortedSet<string>(p.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var action in request.Json()!["actions"]!.AsArray())
        {
            var (kind, spec) = action!.AsObject().Single();
            var index = spec!["index"]!.GetValue<string>();
            var alias = spec["alias"]!.GetValue<string>();
            if (kind == "add")
            {
                if (!_indices.ContainsKey(index))
                {
                    return CannedResponse.Error(404, "index_not_found_exception", $"no such index [{index}]");
                }

                if (!copy.TryGetValue(alias, out var set))
                {
                    copy[alias] = set = new SortedSet<string>(StringComparer.Ordinal);
                }

                set.Add(index);
            }
            else if (kind == "remove")
            {
                var removed = copy.TryGetValue(alias, out var set) && set.Remove(index);
                if (!removed && spec["must_exist"]?.GetValue<bool>() == true)
                {
                    return CannedResponse.Error(404, "aliases_not_found_exception", $"aliases [{alias}] missing");
                }
            }
        }

        _aliases.Clear();
        foreach (var (alias, set) in copy.Where(p => p.Value.Count > 0))
        {
            _aliases[alias] = set;
        }

        return CannedResponse.Ok("""{"acknowledged":true,"errors":false}""");
    }

    private CannedResponse GetAlias(string alias)
    {
        if (!_aliases.TryGetValue(alias, out var set) || set.Count == 0)
        {
            return new CannedResponse(404, $$"""{"error":"alias [{{alias}}] missing","status":404}""");
        }

        var body = new JsonObject();
        foreach (var index in set)
        {
            body[index] = new JsonObject { ["aliases"] = new JsonObject { [alias] = new JsonObject() } };
        }

        return CannedResponse.Ok(body.ToJsonString());
    }

    private CannedResponse GetVersionAliases()
    {
        var body = new JsonObject();
        foreach (var index in _indices.Keys.Where(name => name.StartsWith("experts-v", StringComparison.Ordinal)))
        {
            var aliases = new JsonObject();
            foreach (var (alias, _) in _aliases.Where(p => p.Value.Contains(index)))
            {
                aliases[alias] = new JsonObject();
            }

            body[index] = new JsonObject { ["aliases"] = aliases };
        }

        return CannedResponse.Ok(body.ToJsonString());
    }

    private CannedResponse GetMapping()
    {
        if (!_aliases.TryGetValue("experts", out var set) || set.Count == 0)
        {
            return CannedResponse.Error(404, "index_not_found_exception", "no such index [experts]");
        }

        var body = new JsonObject();
        foreach (var index in set)
        {
            body[index] = new JsonObject
            {
                ["mappings"] = new JsonObject
                {
                    ["dynamic"] = "strict",
                    ["_meta"] = _indices.GetValueOrDefault(index)?.DeepClone() ?? new JsonObject(),
                    ["properties"] = new JsonObject { ["id"] = new JsonObject { ["type"] = "keyword" } },
                },
            };
        }

        return CannedResponse.Ok(body.ToJsonString());
    }

    private static string DocumentId(RecordedRequest request) => request.Route[(request.Route.LastIndexOf('/') + 1)..];

    private static long? Query(RecordedRequest request, string name)
    {
        var query = request.Path.Contains('?') ? request.Path[(request.Path.IndexOf('?') + 1)..] : "";
        var pair = query.Split('&').FirstOrDefault(p => p.StartsWith(name + "=", StringComparison.Ordinal));
        return pair is null ? null : long.Parse(pair[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private CannedResponse PutDocument(RecordedRequest request)
    {
        var id = DocumentId(request);
        var exists = _documents.TryGetValue(id, out var current);
        if (request.Path.Contains("op_type=create", StringComparison.Ordinal) && exists)
        {
            return Conflict(id, "document already exists");
        }

        if (Query(request, "if_seq_no") is { } expected && (!exists || current.SeqNo != expected))
        {
            return Conflict(id, $"required seqNo [{expected}], current document has seqNo [{(exists ? current.SeqNo : -2)}]");
        }

        _indices.TryAdd(StateIndex, null);
        var seqNo = ++_seqNo;
        _documents[id] = (request.Json()!, seqNo);
        return new CannedResponse(exists ? 200 : 201, DocumentAnswer(id, seqNo, exists ? "updated" : "created"));
    }

    private CannedResponse GetDocument(RecordedRequest request)
    {
        var id = DocumentId(request);
        if (!_indices.ContainsKey(StateIndex))
        {
            return CannedResponse.Error(404, "index_not_found_exception", $"no such index [{StateIndex}]");
        }

        return _documents.TryGetValue(id, out var document)
            ? CannedResponse.Ok(new JsonObject
            {
                ["_index"] = StateIndex, ["_id"] = id, ["_version"] = 1, ["_seq_no"] = document.SeqNo, ["_primary_term"] = 1,
                ["found"] = true, ["_source"] = document.Source.DeepClone(),
            }.ToJsonString())
            : new CannedResponse(404, $$"""{"_index":"{{StateIndex}}","_id":"{{id}}","found":false}""");
    }

    private CannedResponse DeleteDocument(RecordedRequest request)
    {
        var id = DocumentId(request);
        if (!_documents.TryGetValue(id, out var current))
        {
            return new CannedResponse(404, DocumentAnswer(id, _seqNo, "not_found"));
        }

        if (Query(request, "if_seq_no") is { } expected && current.SeqNo != expected)
        {
            return Conflict(id, $"required seqNo [{expected}], current document has seqNo [{current.SeqNo}]");
        }

        _documents.Remove(id);
        return CannedResponse.Ok(DocumentAnswer(id, ++_seqNo, "deleted"));
    }

    private static CannedResponse Conflict(string id, string reason) =>
        CannedResponse.Error(409, "version_conflict_engine_exception", $"[{id}]: version conflict, {reason}");

    private static string DocumentAnswer(string id, long seqNo, string result) => new JsonObject
    {
        ["_index"] = StateIndex, ["_id"] = id, ["_version"] = 1, ["result"] = result,
        ["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["failed"] = 0 },
        ["_seq_no"] = seqNo, ["_primary_term"] = 1,
    }.ToJsonString();

    private CannedResponse Bulk(RecordedRequest request)
    {
        var target = request.Route.Split('/')[1];
        if (request.Path.Contains("require_alias=true", StringComparison.Ordinal) && (!_aliases.TryGetValue(target, out var set) || set.Count == 0))
        {
            return CannedResponse.Error(404, "index_not_found_exception",
                $"no such index [{target}] and [require_alias] request flag is [true] and [{target}] is not an alias");
        }

        return CannedResponse.Ok(RecordingRequestInvoker.BulkAnswer(request).ToJsonString());
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
