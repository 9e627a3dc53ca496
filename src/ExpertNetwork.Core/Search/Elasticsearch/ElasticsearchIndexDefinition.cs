using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;
using Elastic.Transport;

namespace ExpertNetwork.Search.Elasticsearch;

/// <summary>What an experts index records about itself in its mapping <c>_meta</c>.</summary>
public sealed record IndexMeta(string? AnalysisHash, string? StoreStamp);

/// <summary>
/// The create-index body and the physical index names. The body is <c>indexing/experts.index.json</c> as
/// committed, with the synonym and stopword lists filled in from the files beside it, the configured replicas and
/// refresh interval, and the analysis hash in the mapping's <c>_meta</c>. It reaches the cluster through the
/// client's typed models (generated from the Elasticsearch specification); <see cref="ToTyped"/> refuses a body
/// those models would not carry over whole, so what is sent is still exactly the reviewed file.
/// </summary>
public static partial class ElasticsearchIndexDefinition
{
    public const string SynonymFilter = "vi_en_syn";
    public const string StopFilter = "vi_bio_stop";
    public const string MetaAnalysisHash = "analysis_hash";
    public const string MetaStoreStamp = "store_stamp";
    public const string MetaCodeVersion = "code_version";

    private const string TimestampFormat = "yyyyMMddHHmmss";

    /// <summary>The analysis hash as it appears in index names.</summary>
    public static string ShortHash(string analysisHash) => analysisHash[..8];

    public static string IndexName(string alias, DateTimeOffset createdAt, string analysisHash) =>
        $"{alias}-v{createdAt.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture)}-{ShortHash(analysisHash)}";

    /// <summary>True for the physical indices this engine creates behind <paramref name="alias"/>.</summary>
    public static bool IsVersionOf(string indexName, string alias) =>
        indexName.Length == alias.Length + 25
        && indexName.StartsWith(alias + "-v", StringComparison.Ordinal)
        && VersionSuffix().IsMatch(indexName.AsSpan(alias.Length));

    /// <summary>When the index was created, from its name; null for a name this engine did not make.</summary>
    public static DateTimeOffset? CreatedAt(string indexName, string alias) =>
        IsVersionOf(indexName, alias)
            ? DateTimeOffset.ParseExact(indexName.AsSpan(alias.Length + 2, 14), TimestampFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            : null;

    /// <summary>The create-index body: settings with synonyms and stopwords filled in, mappings with <c>_meta</c>.</summary>
    public static JsonObject CreateBody(string definitionJson, IReadOnlyList<string> synonymLines, IReadOnlyList<string> stopwords,
        IndexMeta meta)
    {
        var root = JsonNode.Parse(definitionJson)?.AsObject()
            ?? throw new InvalidDataException("experts.index.json is empty.");
        var filters = root["settings"]?["analysis"]?["filter"]?.AsObject()
            ?? throw new InvalidDataException("experts.index.json has no settings.analysis.filter.");
        var synonyms = filters[SynonymFilter]?.AsObject()
            ?? throw new InvalidDataException($"experts.index.json has no {SynonymFilter} filter.");
        var stop = filters[StopFilter]?.AsObject()
            ?? throw new InvalidDataException($"experts.index.json has no {StopFilter} filter.");
        synonyms["synonyms"] = new JsonArray(synonymLines.Select(line => (JsonNode)JsonValue.Create(line)).ToArray());
        stop["stopwords"] = new JsonArray(stopwords.Select(word => (JsonNode)JsonValue.Create(word)).ToArray());

        var mappings = root["mappings"]?.AsObject()
            ?? throw new InvalidDataException("experts.index.json has no mappings.");
        mappings["_meta"] = MetaObject(meta);
        return root;
    }

    /// <summary>The body the engine sends, from the embedded analysis files, with the replicas and refresh interval of <paramref name="options"/>.</summary>
    public static JsonObject CreateBody(IndexMeta meta, ElasticsearchOptions? options = null)
    {
        var body = CreateBody(SearchAnalysis.IndexDefinition, SearchAnalysis.Synonyms.Lines, SearchAnalysis.Stopwords, meta);
        if (options is not null)
        {
            var settings = body["settings"]!.AsObject();
            settings["number_of_replicas"] = options.NumberOfReplicas;
            settings["refresh_interval"] = options.RefreshInterval;
        }

        return body;
    }

    /// <summary>
    /// The settings and mappings of <paramref name="body"/> as the client's typed models, read with the client's own
    /// serializer. Throws, naming every path, when writing them back would drop or change anything, when a key only
    /// survives in a catch-all bag (<c>OtherSettings</c>) or when a type (field, filter, tokenizer…) is unknown to
    /// the client: each of those means the file says something the specification does not, usually a typo.
    /// </summary>
    public static (IndexSettings Settings, TypeMapping Mappings) ToTyped(JsonObject body, Serializer serializer)
    {
        var problems = TypedProblems(body, serializer, out var settings, out var mappings);
        if (problems.Count > 0)
        {
            throw new InvalidDataException(
                "experts.index.json does not survive the Elasticsearch client's typed models: " + string.Join("; ", problems));
        }

        return (settings!, mappings!);
    }

    /// <summary>What <see cref="ToTyped"/> would complain about; empty when the body round-trips whole.</summary>
    public static IReadOnlyList<string> TypedProblems(JsonObject body, Serializer serializer) =>
        TypedProblems(body, serializer, out _, out _);

    private static List<string> TypedProblems(JsonObject body, Serializer serializer, out IndexSettings? settings, out TypeMapping? mappings)
    {
        var problems = new List<string>();
        foreach (var key in body.Select(p => p.Key).Where(k => k is not ("settings" or "mappings" or "aliases")))
        {
            problems.Add($"'{key}' is not part of a create-index body");
        }

        settings = RoundTrip<IndexSettings>(body["settings"], "settings", serializer, problems);
        mappings = RoundTrip<TypeMapping>(body["mappings"], "mappings", serializer, problems);
        return problems;
    }

    private static T? RoundTrip<T>(JsonNode? original, string path, Serializer serializer, List<string> problems)
        where T : class
    {
        if (original is null)
        {
            problems.Add($"{path} is missing");
            return null;
        }

        T? typed;
        try
        {
            using var input = new MemoryStream(Encoding.UTF8.GetBytes(original.ToJsonString()));
            typed = serializer.Deserialize<T>(input);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            problems.Add($"{path} cannot be read: {e.Message}");
            return null;
        }

        if (typed is null)
        {
            problems.Add($"{path} reads as nothing");
            return null;
        }

        FindLooseParts(typed, path, problems, new HashSet<object>(ReferenceEqualityComparer.Instance), depth: 0);
        using var output = new MemoryStream();
        serializer.Serialize(typed, output);
        var written = JsonNode.Parse(output.ToArray());
        problems.AddRange(SemanticDifferences(original, written, path));
        return typed;
    }

    /// <summary>
    /// Where <paramref name="actual"/> says something else than <paramref name="expected"/>: dropped keys, added keys,
    /// other values. A one-element array and its single value count as equal, as Elasticsearch reads them alike.
    /// </summary>
    public static IReadOnlyList<string> SemanticDifferences(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        var differences = new List<string>();
        Compare(expected, actual, path, differences);
        return differences;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        if (expected is JsonArray { Count: 1 } single && actual is not JsonArray)
        {
            Compare(single[0], actual, path, differences);
            return;
        }

        if (actual is JsonArray { Count: 1 } actualSingle && expected is not JsonArray)
        {
            Compare(expected, actualSingle[0], path, differences);
            return;
        }

        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var (key, value) in e)
                {
                    if (!a.ContainsKey(key))
                    {
                        differences.Add($"{path}.{key} was dropped");
                    }
                    else
                    {
                        Compare(value, a[key], $"{path}.{key}", differences);
                    }
                }

                differences.AddRange(a.Where(p => !e.ContainsKey(p.Key)).Select(p => $"{path}.{p.Key} was added"));
                return;
            case (JsonArray e, JsonArray a) when e.Count == a.Count:
                for (var i = 0; i < e.Count; i++)
                {
                    Compare(e[i], a[i], $"{path}[{i}]", differences);
                }

                return;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    differences.Add($"{path} was {expected?.ToJsonString() ?? "null"}, became {actual?.ToJsonString() ?? "null"}");
                }

                return;
        }
    }

    /// <summary>Unknown-type placeholders and non-empty catch-all bags anywhere in a typed model.</summary>
    private static void FindLooseParts(object? value, string path, List<string> problems, HashSet<object> seen, int depth)
    {
        if (value is null || value is string || depth > 40)
        {
            return;
        }

        var type = value.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
        {
            var key = type.GetProperty("Key")!.GetValue(value);
            FindLooseParts(type.GetProperty("Value")!.GetValue(value), $"{path}.{key}", problems, seen, depth + 1);
            return;
        }

        if (type.IsPrimitive || type.IsEnum || type.Namespace?.StartsWith("Elastic.", StringComparison.Ordinal) != true
            && value is not IEnumerable)
        {
            return;
        }

        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }

        if (type.Name.StartsWith("Unknown", StringComparison.Ordinal))
        {
            var kind = type.GetProperty("Type")?.GetValue(value);
            problems.Add($"{path}: type \"{kind}\" is unknown to the Elasticsearch client ({type.Name})");
            return;
        }

        switch (value)
        {
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    FindLooseParts(entry.Value, $"{path}.{entry.Key}", problems, seen, depth + 1);
                }

                return;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items)
                {
                    var itemPath = item is not null && item.GetType().IsGenericType
                        && item.GetType().GetGenericTypeDefinition() == typeof(KeyValuePair<,>) ? path : $"{path}[{i}]";
                    FindLooseParts(item, itemPath, problems, seen, depth + 1);
                    i++;
                }

                return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
            {
                continue;
            }

            var child = property.GetValue(value);
            if (property.Name == "OtherSettings" && child is IDictionary { Count: > 0 } loose)
            {
                problems.Add($"{path}: {string.Join(", ", loose.Keys.Cast<object>().Select(k => $"'{k}'"))} " +
                    "not known to the Elasticsearch client (only kept in its catch-all OtherSettings)");
                continue;
            }

            // Mapping _meta is free-form by design.
            if (property.Name == "Meta" && value is TypeMapping)
            {
                continue;
            }

            FindLooseParts(child, $"{path}.{property.Name}", problems, seen, depth + 1);
        }
    }

    public static JsonObject MetaObject(IndexMeta meta)
    {
        var result = new JsonObject { [MetaCodeVersion] = SearchAnalysis.CodeVersion };
        if (meta.AnalysisHash is not null)
        {
            result[MetaAnalysisHash] = meta.AnalysisHash;
        }

        if (meta.StoreStamp is not null)
        {
            result[MetaStoreStamp] = meta.StoreStamp;
        }

        return result;
    }

    /// <summary>Reads <see cref="IndexMeta"/> from a mapping <c>_meta</c> as the client returns it (values are JSON elements or strings).</summary>
    public static IndexMeta ReadMeta(IDictionary<string, object>? meta) =>
        new(Text(meta, MetaAnalysisHash), Text(meta, MetaStoreStamp));

    private static string? Text(IDictionary<string, object>? meta, string key)
    {
        if (meta is null || !meta.TryGetValue(key, out var value))
        {
            return null;
        }

        return value switch
        {
            null => null,
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null } => null,
            JsonNode node => node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString(),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
    }

    [GeneratedRegex(@"^-v\d{14}-[0-9a-f]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionSuffix();
}
