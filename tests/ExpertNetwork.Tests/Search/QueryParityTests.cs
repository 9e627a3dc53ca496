using System.Globalization;
using System.Text.Json.Nodes;
using ExpertNetwork.Experts;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Analysis;
using ExpertNetwork.Search.Lucene;
using ExpertNetwork.Search.Planning;
using ExpertNetwork.Tests.Search.Elasticsearch;
using Lucene.Net.Search;
using F = ExpertNetwork.Search.IndexFields;

namespace ExpertNetwork.Tests.Search;

/// <summary>
/// Both engines must run the same search. For each query of the table, the Lucene.NET query tree (what
/// <see cref="LuceneSearchIndex"/> hands to its searcher) and the Elasticsearch request body (as the Elasticsearch
/// engine sends it, serialized by the client's own serializer) are each read back into one neutral notation —
/// phrases by analysing <c>match_phrase</c> text with the analyzer the request names, as the cluster will — and
/// must be equal clause for clause: fields, kinds, terms and positions, boosts, fuzziness, slop, the match rule,
/// filters and sort with its tie-breakers. Neither side is read from the plan.
/// </summary>
public sealed class QueryParityTests : IDisposable
{
    private readonly ExpertAnalyzers _analyzers = new();

    public static TheoryData<string> Queries => new()
    {
        "Nguyễn Văn An",
        "nguyen van an",
        "An Nguyen",
        "Nguyen Van Duk",
        "Duk Nguyen",
        "Nguyen Van Thuyy",
        "Ngyuen",
        "thuy van nguyen",
        "trí tuệ nhân tạo",
        "artificial intelligence",
        "AI",
        "an ninh mạng",
        "cybersecurity Quy Nhơn",
        "học máy cho ảnh y tế",
        "graphene nanoribbons",
        "phát triển của du lịch",
        "the impact of climate change on rice yields in the Mekong delta",
        "c++ .NET",
        "nguyen semiconductor",
    };

    public static TheoryData<int> Shapes => new() { 0, 1, 2, 3, 4 };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Text_queries_compile_to_the_same_clauses_boosts_and_rule_on_both_engines(string text)
    {
        foreach (var matching in new[] { SearchMatching.Precise, SearchMatching.Recall })
        {
            await AssertSameAsync(new SearchQuery { Text = text, Matching = matching, WithHighlights = false });
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Filters_sorts_and_deep_pages_compile_alike(int shape)
    {
        var query = shape switch
        {
            0 => new SearchQuery { Text = "bán dẫn", Fields = ["Semiconductor"], Countries = ["vn", "JP"], Locations = [LocationClass.Province, LocationClass.Unknown] },
            1 => new SearchQuery { Text = "Nguyen", Sort = SearchSort.Name, From = 40, Size = 20 },
            2 => new SearchQuery { Countries = ["VN"], Sort = SearchSort.HIndex, Degrees = ["PhD"], Languages = ["vi"], Engagement = ["advisory"] },
            3 => new SearchQuery { Text = "machine learning", From = 9_990, Size = 50 },
            _ => new SearchQuery { From = 25_000, Size = 20 },
        };

        var sent = await AssertSameAsync(query);
        Assert.True(sent["from"]!.GetValue<int>() + sent["size"]!.GetValue<int>() <= QueryPlanner.MaxResultWindow);
    }

    [Fact]
    public async Task Highlights_ask_the_same_terms_fragments_and_order_on_both_engines()
    {
        var query = new SearchQuery { Text = "bán dẫn Đặng" };
        var sent = await SentAsync(query);
        var highlight = sent["highlight"]!;
        Assert.Equal("plain", highlight["type"]!.GetValue<string>());
        Assert.Equal("simple", highlight["fragmenter"]!.GetValue<string>());
        Assert.Equal("score", highlight["order"]!.GetValue<string>());
        Assert.Null(highlight["encoder"]);
        Assert.Equal(HighlightMarkup.Start, One(highlight["pre_tags"]!).GetValue<string>());
        var fields = highlight["fields"]!.AsArray().Select(f => f!.AsObject().Single()).ToDictionary(f => f.Key, f => f.Value!);

        var plan = new QueryPlanner(_analyzers).Plan(query);
        Assert.Equal(plan.Highlights.Select(r => r.Field), fields.Keys);
        foreach (var rule in plan.Highlights)
        {
            var field = fields[rule.Field];
            Assert.Equal(rule.Fragments, field["number_of_fragments"]!.GetValue<int>());
            Assert.Equal(rule.FragmentSize, field["fragment_size"]!.GetValue<int>());
            var marked = Many(field["highlight_query"]!["bool"]!["should"]).Select(t => t!["term"]![rule.Field]!["value"]!.GetValue<string>());
            Assert.Equal(rule.Terms, marked);
        }

        Assert.Contains("ban", plan.Highlights.Single(r => r.Key == HighlightFields.Keywords).Terms);
        Assert.Contains("semiconductor", plan.Highlights.Single(r => r.Key == HighlightFields.Keywords).Terms);
        Assert.DoesNotContain("semiconductor", plan.Highlights.Single(r => r.Key == HighlightFields.Bio).Terms);
    }

    private async Task<JsonNode> AssertSameAsync(SearchQuery query)
    {
        var sent = await SentAsync(query);
        var lucene = LuceneQueryCompiler.Compile(new QueryPlanner(_analyzers).Plan(query), reader: null);

        Assert.Equal(FromLucene(lucene.Scoring), FromElasticsearchQuery(sent["query"]!, scoring: true));
        Assert.Equal(lucene.Condition is null ? "" : FromLucene(lucene.Condition), RuleFromElasticsearch(sent["query"]!));
        Assert.Equal(lucene.Filter is null ? "" : FiltersFromLucene(lucene.Filter), FiltersFromElasticsearch(sent["query"]!));
        Assert.Equal(string.Join(", ", lucene.Sort.GetSort().Select(SortFromLucene)), string.Join(", ", Many(sent["sort"]).Select(SortFromElasticsearch)));
        Assert.Equal(lucene.Facets?.Select(f => $"{f.Facet}:{f.Field}") ?? [],
            sent["aggregations"]?.AsObject().Select(a => $"{a.Key}:{a.Value!["terms"]!["field"]!.GetValue<string>()}") ?? []);
        return sent;
    }

    private static async Task<JsonNode> SentAsync(SearchQuery query)
    {
        await using var cluster = new FakeCluster();
        cluster.Invoker.On("POST", "/experts/_search", CannedResponse.Ok(Golden.Read("search.response.json")));
        await cluster.Index.SearchAsync(query);
        return cluster.Invoker.Requests.Single().Json()!;
    }

    // Lucene side

    private static string FromLucene(Query query) => query switch
    {
        TermQuery term => $"term({term.Term.Field}:{term.Term.Text}){Boost(term.Boost)}",
        PhraseQuery phrase => $"phrase({phrase.GetTerms()[0].Field}:{string.Join(' ', phrase.GetTerms().Zip(phrase.GetPositions(), (t, p) => $"{t.Text}@{p}"))}~{phrase.Slop}){Boost(phrase.Boost)}",
        FuzzyQuery fuzzy => $"fuzzy({fuzzy.Term.Field}:{fuzzy.Term.Text} edits={fuzzy.MaxEdits} prefix={fuzzy.PrefixLength} transpositions={fuzzy.Transpositions} {RewriteOf(fuzzy)}){Boost(fuzzy.Boost)}",
        DisjunctionMaxQuery max when max.TieBreakerMultiplier == 0f => $"best[{string.Join(", ", max.Disjuncts.Select(FromLucene))}]{Boost(max.Boost)}",
        BooleanQuery all when all.Clauses.All(c => c.Occur == Occur.MUST) && all.Clauses.Count > 0 =>
            $"all[{string.Join(", ", all.Clauses.Select(c => FromLucene(c.Query)))}]{Boost(all.Boost)}",
        BooleanQuery any when any.Clauses.All(c => c.Occur == Occur.SHOULD) =>
            $"any{(any.MinimumNumberShouldMatch > 0 ? $"(min={any.MinimumNumberShouldMatch})" : "")}[{string.Join(", ", any.Clauses.Select(c => FromLucene(c.Query)))}]{Boost(any.Boost)}",
        MatchAllDocsQuery => "all-documents",
        _ => throw new InvalidOperationException($"Unexpected Lucene query {query.GetType().Name}: {query}"),
    };

    private static string RewriteOf(FuzzyQuery fuzzy) =>
        fuzzy.MultiTermRewriteMethod is MultiTermQuery.TopTermsBoostOnlyBooleanQueryRewrite top ? $"top_terms_boost_{top.Count}" : "other-rewrite";

    private static string FiltersFromLucene(Query filter) =>
        string.Join("; ", ((BooleanQuery)filter).Clauses.Select(c =>
        {
            var terms = ((BooleanQuery)c.Query).Clauses.Select(t => ((TermQuery)t.Query).Term).ToList();
            return $"{terms[0].Field} in {string.Join('|', terms.Select(t => t.Text))}";
        }));

    private static string SortFromLucene(SortField field) => field.Type switch
    {
        SortFieldType.SCORE => "score desc",
        SortFieldType.STRING => $"{field.Field} {(field.IsReverse ? "desc" : "asc")}",
        SortFieldType.INT64 => $"{field.Field} {(field.IsReverse ? "desc" : "asc")} missing {(Convert.ToInt64(field.MissingValue, CultureInfo.InvariantCulture) == (field.IsReverse ? long.MinValue : long.MaxValue) ? "last" : "first")}",
        _ => throw new InvalidOperationException($"Unexpected sort {field}"),
    };

    // Elasticsearch side

    private string FromElasticsearchQuery(JsonNode node, bool scoring = false)
    {
        var (kind, body) = node.AsObject().Single();
        switch (kind)
        {
            case "term":
                var (termField, term) = body!.AsObject().Single();
                return $"term({termField}:{term!["value"]!.GetValue<string>()}){Boost(term["boost"])}";
            case "match_phrase":
                var (phraseField, phrase) = body!.AsObject().Single();
                var analyzer = phrase!["analyzer"]?.GetValue<string>() ?? throw new InvalidOperationException("match_phrase must name its analyzer");
                var tokens = ExpertAnalyzers.Tokens(_analyzers[analyzer], phrase["query"]!.GetValue<string>());
                var first = tokens[0].Position;
                var slop = phrase["slop"]?.GetValue<int>() ?? 0;
                return tokens.Count == 1
                    ? $"term({phraseField}:{tokens[0].Term}){Boost(phrase["boost"])}"
                    : $"phrase({phraseField}:{string.Join(' ', tokens.Select(t => $"{t.Term}@{t.Position - first}"))}~{slop}){Boost(phrase["boost"])}";
            case "fuzzy":
                var (fuzzyField, fuzzy) = body!.AsObject().Single();
                return $"fuzzy({fuzzyField}:{fuzzy!["value"]!.GetValue<string>()} edits={fuzzy["fuzziness"]!.GetValue<string>()} " +
                    $"prefix={fuzzy["prefix_length"]?.GetValue<int>() ?? 0} transpositions={fuzzy["transpositions"]?.GetValue<bool>() ?? true} " +
                    $"{fuzzy["rewrite"]?.GetValue<string>()}){Boost(fuzzy["boost"])}";
            case "dis_max" when (body!["tie_breaker"]?.GetValue<double>() ?? 0) == 0:
                return $"best[{string.Join(", ", Many(body["queries"]).Select(q => FromElasticsearchQuery(q!)))}]{Boost(body["boost"])}";
            case "match_all":
                return "all-documents";
            case "bool":
                var must = Many(body!["must"]).ToList();
                if (scoring && must is [{ } only] && only.AsObject().Single().Key == "match_all")
                {
                    return "all-documents";
                }

                if (must.Count > 0)
                {
                    Assert.Null(body["should"]);
                    return $"all[{string.Join(", ", must.Select(q => FromElasticsearchQuery(q!)))}]{Boost(body["boost"])}";
                }

                var minimum = body["minimum_should_match"]?.GetValue<int>() ?? 0;
                var should = string.Join(", ", Many(body["should"]).Select(q => FromElasticsearchQuery(q!)));
                // The root needs one clause only so that filters do not make every clause optional; Lucene's root is a plain disjunction.
                return scoring ? $"any[{should}]{Boost(body["boost"])}" : $"any{(minimum > 0 ? $"(min={minimum})" : "")}[{should}]{Boost(body["boost"])}";
            default:
                throw new InvalidOperationException($"Unexpected Elasticsearch query {kind}: {node.ToJsonString()}");
        }
    }

    private string RuleFromElasticsearch(JsonNode query)
    {
        var rules = Many(query["bool"]?["filter"]).Where(f => f!.AsObject().Single().Key == "bool").ToList();
        return rules switch
        {
            [] => "",
            [var rule] => FromElasticsearchQuery(rule!),
            _ => throw new InvalidOperationException("More than one rule filter"),
        };
    }

    private static string FiltersFromElasticsearch(JsonNode query) =>
        string.Join("; ", Many(query["bool"]?["filter"]).Where(f => f!.AsObject().Single().Key == "terms").Select(f =>
        {
            var (field, values) = f!["terms"]!.AsObject().Single();
            return $"{field} in {string.Join('|', Many(values).Select(v => v!.GetValue<string>()))}";
        }));

    private static string SortFromElasticsearch(JsonNode? sort)
    {
        var (field, options) = sort!.AsObject().Single();
        var order = options!["order"]!.GetValue<string>();
        if (field == "_score")
        {
            return $"score {order}";
        }

        return field == F.HIndex ? $"{field} {order} missing {options["missing"]!.GetValue<string>().TrimStart('_')}" : $"{field} {order}";
    }

    /// <summary>The client writes a one-element array as the element itself.</summary>
    private static IEnumerable<JsonNode?> Many(JsonNode? node) => node switch
    {
        null => Array.Empty<JsonNode?>(),
        JsonArray array => array.ToArray(),
        _ => new[] { node },
    };

    private static JsonNode One(JsonNode node) => Many(node).Single()!;

    private static string Boost(float boost) => boost == 1f ? "" : "^" + boost.ToString("R", CultureInfo.InvariantCulture);

    private static string Boost(JsonNode? boost) => Boost(boost is null ? 1f : boost.GetValue<float>());

    public void Dispose() => _analyzers.Dispose();
}
