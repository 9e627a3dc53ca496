using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Elastic.Transport;

namespace ExpertNetwork.Tests.Search.Elasticsearch;

/// <summary>One request the engine sent: method, path with query string, and the body exactly as serialised.</summary>
public sealed record RecordedRequest(string Method, string Path, string? Body, string? Authorization = null)
{
    /// <summary>The path without the query string.</summary>
    public string Route => Path.Split('?')[0];

    /// <summary>The body as JSON; an NDJSON body (bulk) becomes an array of its lines.</summary>
    public JsonNode? Json()
    {
        if (string.IsNullOrWhiteSpace(Body))
        {
            return null;
        }

        if (Route.EndsWith("/_bulk", StringComparison.Ordinal))
        {
            return new JsonArray(Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)).ToArray());
        }

        return JsonNode.Parse(Body);
    }
}

public sealed record CannedResponse(int Status, string Body)
{
    public static CannedResponse Ok(string body) => new(200, body);

    public static CannedResponse Error(int status, string type, string reason) => new(status,
        new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["root_cause"] = new JsonArray(new JsonObject { ["type"] = type, ["reason"] = reason }),
                ["type"] = type,
                ["reason"] = reason,
            },
            ["status"] = status,
        }.ToJsonString());
}

/// <summary>
/// Stands in for an Elasticsearch node: records every request and answers from handlers tried newest first,
/// falling back to plausible acknowledgements (and bulk answers that echo the operations sent). Responses are
/// built by Elastic.Transport's <see cref="InMemoryRequestInvoker"/>, so they go through the client's real
/// deserialisation.
/// </summary>
public sealed class RecordingRequestInvoker : IRequestInvoker
{
    private static readonly Dictionary<string, IEnumerable<string>> ProductHeaders = new()
    {
        ["x-elastic-product"] = ["Elasticsearch"],
    };

    private readonly InMemoryRequestInvoker _inner = new(null, 200, null, "application/json", ProductHeaders);
    private readonly List<Func<RecordedRequest, CannedResponse?>> _handlers = [];
    private readonly List<RecordedRequest> _requests = [];
    private readonly System.Threading.Lock _lock = new();

    public ResponseFactory ResponseFactory => _inner.ResponseFactory;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>Answers requests whose method and route match; a later registration wins over an earlier one.</summary>
    public RecordingRequestInvoker On(string method, string route, Func<RecordedRequest, CannedResponse> respond)
    {
        _handlers.Insert(0, request => request.Method == method && RouteMatches(route, request.Route) ? respond(request) : null);
        return this;
    }

    public RecordingRequestInvoker On(string method, string route, CannedResponse response) => On(method, route, _ => response);

    /// <summary>Answers the requests <paramref name="respond"/> returns an answer for; later registrations win here too.</summary>
    public RecordingRequestInvoker When(Func<RecordedRequest, CannedResponse?> respond)
    {
        _handlers.Insert(0, respond);
        return this;
    }

    public void Clear()
    {
        lock (_lock)
        {
            _requests.Clear();
        }
    }

    public TResponse Request<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData)
        where TResponse : TransportResponse, new() =>
        RequestAsync<TResponse>(endpoint, boundConfiguration, postData, CancellationToken.None).GetAwaiter().GetResult();

    public async Task<TResponse> RequestAsync<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData,
        CancellationToken cancellationToken)
        where TResponse : TransportResponse, new()
    {
        string? body = null;
        if (postData is not null)
        {
            using var buffer = new MemoryStream();
            await postData.WriteAsync(buffer, boundConfiguration.ConnectionSettings, true, cancellationToken);
            body = Encoding.UTF8.GetString(buffer.ToArray());
        }

        var authorization = boundConfiguration.AuthenticationHeader is { } header && header.TryGetAuthorizationParameters(out var parameters)
            ? $"{header.AuthScheme} {parameters}"
            : null;
        var request = new RecordedRequest(endpoint.Method.ToString().ToUpperInvariant(), "/" + WebUtility.UrlDecode(endpoint.PathAndQuery).TrimStart('/'),
            body, authorization);
        lock (_lock)
        {
            _requests.Add(request);
        }

        var response = _handlers.Select(handler => handler(request)).FirstOrDefault(r => r is not null) ?? Default(request);
        return await _inner.BuildResponseAsync<TResponse>(endpoint, boundConfiguration, postData, cancellationToken,
            Encoding.UTF8.GetBytes(response.Body), response.Status, "application/json");
    }

    public void Dispose() => ((IDisposable)_inner).Dispose();

    private static bool RouteMatches(string pattern, string route)
    {
        if (pattern.EndsWith('*'))
        {
            return route.StartsWith(pattern[..^1], StringComparison.Ordinal);
        }

        return pattern == route;
    }

    private static CannedResponse Default(RecordedRequest request)
    {
        if (request.Route.EndsWith("/_bulk", StringComparison.Ordinal))
        {
            return CannedResponse.Ok(BulkAnswer(request).ToJsonString());
        }

        if (request.Route.EndsWith("/_refresh", StringComparison.Ordinal))
        {
            return CannedResponse.Ok("""{"_shards":{"total":1,"successful":1,"failed":0}}""");
        }

        if (request.Method == "GET" && request.Route.EndsWith("/_alias", StringComparison.Ordinal))
        {
            return CannedResponse.Ok("{}");
        }

        if (request.Method == "PUT" && !request.Route[1..].Contains('/'))
        {
            return CannedResponse.Ok($$"""{"acknowledged":true,"shards_acknowledged":true,"index":"{{request.Route[1..]}}"}""");
        }

        return CannedResponse.Ok("""{"acknowledged":true}""");
    }

    /// <summary>What Elasticsearch answers to a bulk that went through: one item per operation.</summary>
    public static JsonObject BulkAnswer(RecordedRequest request, Func<string, string, JsonObject?>? itemFor = null)
    {
        var index = request.Route.Split('/')[1];
        var items = new JsonArray();
        var lines = request.Json()!.AsArray();
        var sequence = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var (action, header) = lines[i]!.AsObject().Single();
            var id = header!["_id"]!.GetValue<string>();
            var item = itemFor?.Invoke(action, id) ?? (action == "delete"
                ? new JsonObject { ["_index"] = index, ["_id"] = id, ["_version"] = 2, ["result"] = "deleted", ["_shards"] = Shards(), ["_seq_no"] = sequence++, ["_primary_term"] = 1, ["status"] = 200 }
                : new JsonObject { ["_index"] = index, ["_id"] = id, ["_version"] = 1, ["result"] = "created", ["_shards"] = Shards(), ["_seq_no"] = sequence++, ["_primary_term"] = 1, ["status"] = 201 });
            items.Add(new JsonObject { [action] = item });
            if (action is "index" or "create" or "update")
            {
                i++;
            }
        }

        return new JsonObject { ["errors"] = false, ["took"] = 7, ["items"] = items };
    }

    private static JsonObject Shards() => new() { ["total"] = 1, ["successful"] = 1, ["failed"] = 0 };
}
