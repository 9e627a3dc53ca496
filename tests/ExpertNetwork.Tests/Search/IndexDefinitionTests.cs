using System.Text.Json.Nodes;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Analysis;
using ExpertNetwork.Search.Lucene;

namespace ExpertNetwork.Tests.Search;

/// <summary>The Elasticsearch definition and the Lucene.NET analyzers must describe the same analysis.</summary>
public sealed class IndexDefinitionTests
{
    private static readonly JsonNode Definition = JsonNode.Parse(SearchAnalysis.IndexDefinition)!;

    private static JsonObject Properties => Definition["mappings"]!["properties"]!.AsObject();

    private static JsonNode? Field(string path)
    {
        var dot = path.IndexOf('.');
        return dot < 0 ? Properties[path] : Properties[path[..dot]]?["fields"]?[path[(dot + 1)..]];
    }

    [Fact]
    public void Mappings_are_strict()
    {
        Assert.Equal("strict", Definition["mappings"]!["dynamic"]!.GetValue<string>());
    }

    [Fact]
    public void Every_lucene_analyzer_is_defined_under_the_same_name_and_no_other()
    {
        using var analyzers = new ExpertAnalyzers();
        var defined = Definition["settings"]!["analysis"]!["analyzer"]!.AsObject().Select(kv => kv.Key).Order();
        Assert.Equal(defined, analyzers.Names.Order());
    }

    [Fact]
    public void Every_indexed_field_uses_the_same_analyzer_in_both_engines()
    {
        foreach (var (path, analyzer) in IndexFields.IndexAnalyzers)
        {
            var field = Field(path);
            Assert.True(field is not null, $"{path} is not mapped");
            Assert.Equal(analyzer, field!["analyzer"]?.GetValue<string>());
        }
    }

    [Fact]
    public void Synonyms_are_search_time_only_and_only_on_keywords_and_fields()
    {
        var withSynonyms = new List<string>();
        foreach (var (name, property) in Properties)
        {
            Collect(name, property!);
            foreach (var (sub, subProperty) in property!["fields"]?.AsObject() ?? [])
            {
                Collect($"{name}.{sub}", subProperty!);
            }
        }

        Assert.Equal([IndexFields.FieldsText, IndexFields.Keywords, IndexFields.KeywordsFolded], withSynonyms.Order());

        void Collect(string path, JsonNode node)
        {
            Assert.DoesNotContain("_syn", node["analyzer"]?.GetValue<string>() ?? "");
            if (node["search_analyzer"]?.GetValue<string>() is { } search && search.EndsWith("_syn", StringComparison.Ordinal))
            {
                withSynonyms.Add(path);
            }
        }
    }

    [Fact]
    public void Facets_and_sort_keys_are_keywords()
    {
        Assert.All(IndexFields.Facets.Values, f => Assert.Equal("keyword", Field(f)!["type"]!.GetValue<string>()));
        Assert.Equal("keyword", Field(IndexFields.NameSort)!["type"]!.GetValue<string>());
        Assert.Equal("integer", Field(IndexFields.HIndex)!["type"]!.GetValue<string>());
    }

    [Fact]
    public void The_analysis_hash_covers_the_files()
    {
        Assert.Matches("^[0-9a-f]{64}$", SearchAnalysis.Hash);
        Assert.Contains(SearchAnalysis.TechTermMappings(), m => m.Key == "c++" && m.Value == "cplusplus");
        Assert.Contains("ai", SearchAnalysis.Stopwords);
    }
}
