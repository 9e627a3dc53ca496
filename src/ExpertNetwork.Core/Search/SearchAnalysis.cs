using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ExpertNetwork.Text;

namespace ExpertNetwork.Search;

/// <summary>
/// The analysis files of <c>indexing/</c>, embedded in this assembly so both engines read the
/// same bytes, and the hash that says which analysis an index was built with.
/// </summary>
public static class SearchAnalysis
{
    /// <summary>
    /// Bumped whenever analyzer or document-building code changes what gets indexed, so an index
    /// built by older code reports <see cref="IndexState.AnalysisChanged"/> even if the files did not move.
    /// </summary>
    public const int CodeVersion = 1;

    private static readonly Lazy<string> SynonymsText = new(() => ReadResource("Search/synonyms.txt"));
    private static readonly Lazy<string> StopwordsText = new(() => ReadResource("Search/stopwords.txt"));
    private static readonly Lazy<string> IndexDefinitionText = new(() => ReadResource("Search/experts.index.json"));
    private static readonly Lazy<SynonymSet> ParsedSynonyms = new(() => SynonymSet.Parse(SynonymsText.Value));
    private static readonly Lazy<IReadOnlyList<string>> ParsedStopwords = new(() => ParseStopwords(StopwordsText.Value));
    private static readonly Lazy<string> LazyHash = new(ComputeHash);

    public static string SynonymsFile => SynonymsText.Value;

    public static string StopwordsFile => StopwordsText.Value;

    /// <summary>The Elasticsearch index definition exactly as committed, before synonyms and stopwords are filled in.</summary>
    public static string IndexDefinition => IndexDefinitionText.Value;

    public static SynonymSet Synonyms => ParsedSynonyms.Value;

    public static IReadOnlyList<string> Stopwords => ParsedStopwords.Value;

    /// <summary>SHA-256 over the three files and <see cref="CodeVersion"/>, lower-case hex.</summary>
    public static string Hash => LazyHash.Value;

    /// <summary>The <c>tech_terms</c> char filter mappings (<c>"c++ => cplusplus"</c>) from the index definition.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> TechTermMappings()
    {
        var root = JsonNode.Parse(IndexDefinition)
            ?? throw new InvalidDataException("experts.index.json is empty.");
        var mappings = root["settings"]?["analysis"]?["char_filter"]?["tech_terms"]?["mappings"]?.AsArray()
            ?? throw new InvalidDataException("experts.index.json has no tech_terms char filter mappings.");
        var result = new List<KeyValuePair<string, string>>();
        foreach (var node in mappings)
        {
            var rule = node?.GetValue<string>() ?? "";
            var arrow = rule.IndexOf("=>", StringComparison.Ordinal);
            if (arrow <= 0)
            {
                throw new InvalidDataException($"experts.index.json: tech_terms mapping '{rule}' has no '=>'.");
            }

            result.Add(new(rule[..arrow].Trim(), rule[(arrow + 2)..].Trim()));
        }

        return result;
    }

    private static IReadOnlyList<string> ParseStopwords(string text) =>
        text.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => VietnameseText.Normalize(line).ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    private static string ComputeHash()
    {
        var text = string.Join("\n\u0000", $"code:{CodeVersion}", SynonymsText.Value, StopwordsText.Value, IndexDefinitionText.Value);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing: check the Link items in ExpertNetwork.Core.csproj.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
