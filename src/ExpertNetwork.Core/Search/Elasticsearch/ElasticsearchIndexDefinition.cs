using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ExpertNetwork.Search.Elasticsearch;

/// <summary>What an experts index records about itself in its mapping <c>_meta</c>.</summary>
public sealed record IndexMeta(string? AnalysisHash, string? StoreStamp);

/// <summary>
/// The create-index body and the physical index names. The body is <c>indexing/experts.index.json</c> as
/// committed, with the synonym and stopword lists filled in from the files beside it and the analysis hash in
/// the mapping's <c>_meta</c>; it is sent as JSON rather than through the typed client models so that what
/// reaches the cluster is exactly the reviewed file, including settings the models might not round-trip.
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

    /// <summary>The body the engine sends, from the embedded analysis files.</summary>
    public static JsonObject CreateBody(IndexMeta meta) =>
        CreateBody(SearchAnalysis.IndexDefinition, SearchAnalysis.Synonyms.Lines, SearchAnalysis.Stopwords, meta);

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
