using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Elasticsearch;

namespace ExpertNetwork.Tests.Search.Elasticsearch;

/// <summary>
/// Golden JSON files under <c>Search/Elasticsearch/Golden</c>, compared as parsed JSON (key order and spacing do
/// not matter, everything else does). Values that follow from the <c>indexing/</c> files are replaced by
/// placeholders before comparing, so editing the synonym list does not churn the goldens, while the test still
/// checks those values are exactly the files' contents. Run with <c>EXPERTNET_UPDATE_GOLDEN=1</c> to rewrite the
/// files from what the engine sends now, then review the diff.
/// </summary>
internal static class Golden
{
    public const string SynonymsPlaceholder = "{synonyms.txt}";
    public const string StopwordsPlaceholder = "{stopwords.txt}";
    public const string HashPlaceholder = "{analysis-hash}";
    public const string ShortHashPlaceholder = "{hash8}";
    public const string OwnerPlaceholder = "{lease-owner}";

    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly Lazy<string> LazyDirectory = new(FindDirectory);

    public static string Directory => LazyDirectory.Value;

    /// <summary>A recorded response, with <see cref="HashPlaceholder"/> standing for the current analysis hash.</summary>
    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(Directory, name)).Replace(HashPlaceholder, SearchAnalysis.Hash, StringComparison.Ordinal);

    public static void AssertMatches(string name, JsonNode? actual)
    {
        var path = Path.Combine(Directory, name);
        var text = actual?.ToJsonString(Pretty) ?? "null";
        if (Environment.GetEnvironmentVariable("EXPERTNET_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, text + "\n");
            return;
        }

        Assert.True(File.Exists(path), $"Golden file {name} is missing; run with EXPERTNET_UPDATE_GOLDEN=1 to create it. Actual:\n{text}");
        var expected = JsonNode.Parse(File.ReadAllText(path));
        Assert.True(JsonNode.DeepEquals(expected, actual),
            $"The engine's JSON differs from Golden/{name} (set EXPERTNET_UPDATE_GOLDEN=1 to accept it). Actual:\n{text}");
    }

    /// <summary>The conversation as <c>[{method, path, body}]</c>, with analysis-derived values turned into placeholders.</summary>
    public static JsonArray Conversation(IEnumerable<RecordedRequest> requests) =>
        new(requests.Select(request =>
        {
            var entry = new JsonObject
            {
                ["method"] = request.Method,
                ["path"] = request.Path.Replace(ElasticsearchIndexDefinition.ShortHash(SearchAnalysis.Hash), ShortHashPlaceholder, StringComparison.Ordinal),
            };
            if (request.Json() is { } body)
            {
                if (body is JsonObject { } document && document["owner"] is not null)
                {
                    // A lease holder's name: host, process id and a fresh GUID.
                    Assert.Matches(@"^.+/\d+/[0-9a-f]{32}$", document["owner"]!.GetValue<string>());
                    document["owner"] = OwnerPlaceholder;
                }

                entry["body"] = Templatize(body);
            }

            return (JsonNode)entry;
        }).ToArray());

    /// <summary>Replaces the analysis hash, the synonym lines and the stopwords with placeholders, checking each is what the files hold.</summary>
    public static JsonNode Templatize(JsonNode body)
    {
        var copy = body.DeepClone();
        var filters = copy is JsonObject root ? root["settings"]?["analysis"]?["filter"] : null;
        if (filters?[ElasticsearchIndexDefinition.SynonymFilter]?["synonyms"] is JsonArray synonyms)
        {
            Assert.Equal(SearchAnalysis.Synonyms.Lines, synonyms.Select(n => n!.GetValue<string>()));
            filters[ElasticsearchIndexDefinition.SynonymFilter]!["synonyms"] = SynonymsPlaceholder;
        }

        if (filters?[ElasticsearchIndexDefinition.StopFilter]?["stopwords"] is JsonArray stopwords)
        {
            Assert.Equal(SearchAnalysis.Stopwords, stopwords.Select(n => n!.GetValue<string>()));
            filters[ElasticsearchIndexDefinition.StopFilter]!["stopwords"] = StopwordsPlaceholder;
        }

        return ReplaceStrings(copy);
    }

    private static JsonNode ReplaceStrings(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                var replaced = new JsonObject();
                foreach (var (key, child) in obj)
                {
                    // Keys too: a rebuild's own alias is named after its index.
                    replaced[key.Replace(ElasticsearchIndexDefinition.ShortHash(SearchAnalysis.Hash), ShortHashPlaceholder, StringComparison.Ordinal)] =
                        child is null ? null : ReplaceStrings(child.DeepClone());
                }

                return replaced;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } child)
                    {
                        array[i] = ReplaceStrings(child.DeepClone());
                    }
                }

                return array;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                return text == SearchAnalysis.Hash
                    ? HashPlaceholder
                    : text.Replace(ElasticsearchIndexDefinition.ShortHash(SearchAnalysis.Hash), ShortHashPlaceholder, StringComparison.Ordinal);
            default:
                return node;
        }
    }

    private static string FindDirectory()
    {
        const string relative = "tests/ExpertNetwork.Tests/Search/Elasticsearch/Golden";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"{relative} not found above {AppContext.BaseDirectory}.");
    }
}
