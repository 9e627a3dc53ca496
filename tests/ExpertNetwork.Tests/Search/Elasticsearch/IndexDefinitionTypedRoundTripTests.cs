using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Elasticsearch;

namespace ExpertNetwork.Tests.Search.Elasticsearch;

/// <summary>
/// <c>indexing/experts.index.json</c> goes to the cluster through the client's typed models, so the file must say
/// only what those models (generated from the Elasticsearch specification) can carry: read with the client's own
/// serializer, written back, compared key by key. Mutated copies show the check catching a typo in each part.
/// </summary>
public sealed class IndexDefinitionTypedRoundTripTests
{
    private static readonly Elastic.Transport.Serializer Serializer =
        new ElasticsearchClient(new ElasticsearchClientSettings(new Uri("http://localhost:9200"))).ElasticsearchClientSettings.RequestResponseSerializer;

    private static JsonObject Body() => ElasticsearchIndexDefinition.CreateBody(new IndexMeta(SearchAnalysis.Hash, "1|x"), new ElasticsearchOptions());

    [Fact]
    public void The_committed_definition_round_trips_whole_through_the_typed_models()
    {
        Assert.Empty(ElasticsearchIndexDefinition.TypedProblems(Body(), Serializer));

        var (settings, mappings) = ElasticsearchIndexDefinition.ToTyped(Body(), Serializer);
        Assert.Equal(9, settings.Analysis!.Analyzers!.Count());
        Assert.Equal(SearchAnalysis.Synonyms.Lines.Count, ((Elastic.Clients.Elasticsearch.Analysis.SynonymGraphTokenFilter)settings.Analysis.TokenFilters!["vi_en_syn"]).Synonyms!.Count);
        Assert.IsType<Elastic.Clients.Elasticsearch.Mapping.KeywordProperty>(mappings.Properties!["id"]);
    }

    [Fact]
    public void A_misspelt_setting_is_caught_as_landing_in_the_catch_all_bag()
    {
        var body = Body();
        var settings = body["settings"]!.AsObject();
        settings["number_of_replicaz"] = settings["number_of_replicas"]!.DeepClone();
        settings.Remove("number_of_replicas");

        var problem = Assert.Single(ElasticsearchIndexDefinition.TypedProblems(body, Serializer));
        Assert.Contains("'number_of_replicaz'", problem, StringComparison.Ordinal);
        Assert.Contains("OtherSettings", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_field_type_is_caught_as_unknown()
    {
        var body = Body();
        body["mappings"]!["properties"]!["country"]!["type"] = "keywrd";

        var problem = Assert.Single(ElasticsearchIndexDefinition.TypedProblems(body, Serializer));
        Assert.Contains("country", problem, StringComparison.Ordinal);
        Assert.Contains("\"keywrd\" is unknown", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_filter_parameter_is_caught_as_dropped()
    {
        var body = Body();
        var edge = body["settings"]!["analysis"]!["filter"]!["edge_1_15"]!.AsObject();
        edge["min_gramz"] = edge["min_gram"]!.DeepClone();
        edge.Remove("min_gram");

        var problem = Assert.Single(ElasticsearchIndexDefinition.TypedProblems(body, Serializer));
        Assert.Equal("settings.analysis.filter.edge_1_15.min_gramz was dropped", problem);
    }

    [Fact]
    public void A_misspelt_filter_type_and_a_stray_top_level_key_are_caught()
    {
        var body = Body();
        body["settings"]!["analysis"]!["filter"]!["trunc_15"]!["type"] = "truncat";
        body["mapping"] = new JsonObject();

        var problems = ElasticsearchIndexDefinition.TypedProblems(body, Serializer);
        Assert.Contains(problems, p => p.Contains("\"truncat\" is unknown", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'mapping' is not part of a create-index body", StringComparison.Ordinal));
    }

    [Fact]
    public void The_engine_refuses_to_build_a_typed_body_from_a_definition_with_a_typo()
    {
        var body = Body();
        body["mappings"]!["properties"]!["h_index"]!["type"] = "integr";

        var error = Assert.Throws<InvalidDataException>(() => ElasticsearchIndexDefinition.ToTyped(body, Serializer));
        Assert.Contains("h_index", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"a":["x"]}""", """{"a":"x"}""", true)]
    [InlineData("""{"a":"x"}""", """{"a":["x"]}""", true)]
    [InlineData("""{"a":["x","y"]}""", """{"a":"x"}""", false)]
    [InlineData("""{"a":1}""", """{"a":"1"}""", false)]
    [InlineData("""{"a":{"b":1}}""", """{"a":{}}""", false)]
    public void Semantic_comparison_equates_a_one_element_array_with_its_value_and_nothing_else(string expected, string actual, bool same) =>
        Assert.Equal(same, ElasticsearchIndexDefinition.SemanticDifferences(JsonNode.Parse(expected), JsonNode.Parse(actual)).Count == 0);
}
