using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.QueryDsl;
using ExpertNetwork.Search.Analysis;
using ExpertNetwork.Search.Planning;
using ExpertNetwork.Text;
using F = ExpertNetwork.Search.IndexFields;

namespace ExpertNetwork.Search.Elasticsearch;

/// <summary>
/// The search and suggestion requests. A search is the <see cref="QueryPlan"/> the Lucene.NET engine compiles too,
/// compiled clause for clause into the client's typed query DSL: terms as <c>term</c>, phrases as
/// <c>match_phrase</c> with the analyzer that gives the plan's terms and positions, typos as <c>fuzzy</c>, alternatives
/// as <c>dis_max</c>, conjunctions as <c>bool.must</c>; the match rule as a non-scoring <c>bool</c> filter needing
/// <c>minimum_should_match</c> of its unit groups, each group the clauses that cover the unit.
/// </summary>
/// <remarks>
/// Keyword and field synonyms are expanded in the plan, from <c>indexing/synonyms.txt</c>, into one phrase per
/// wording weighted by its length, best wording counting once. A plain match through the mapping's <c>vi_*_syn</c>
/// search analyzers finds the same documents but scores a concept by the sum of its wording's syllables, so
/// "trí tuệ nhân tạo" (four) would outrank "artificial intelligence" even when the latter is what was typed. The
/// query is split with the analyzers built from the same <c>indexing/</c> files; the matching runs on the cluster
/// with the mapping's own analyzers.
/// </remarks>
internal sealed class ElasticsearchQueries(ExpertAnalyzers analyzers)
{
    /// <summary>Elasticsearch's default <c>index.max_result_window</c>: from + size may not pass it.</summary>
    public const int MaxResultWindow = QueryPlanner.MaxResultWindow;

    /// <summary>Buckets per facet: enough for every country, field or language, so counts cover all values as Lucene's do.</summary>
    public const int FacetSize = 1000;

    /// <summary>
    /// The highlighted field behind each <see cref="HighlightFields"/> key; folded, so "Dang" marks "Đặng". Other
    /// names are only stored, so they are marked through <c>names</c>, which holds the name and the other names.
    /// </summary>
    public static readonly IReadOnlyList<(string Key, string Field)> HighlightSources =
    [
        (HighlightFields.FullName, F.NameFolded),
        (HighlightFields.OtherNames, F.Names),
        (HighlightFields.Headline, F.HeadlineFolded),
        (HighlightFields.Affiliation, F.AffiliationFolded),
        (HighlightFields.Keywords, F.KeywordsFolded),
        (HighlightFields.Bio, F.BioFolded),
        (HighlightFields.Publications, F.Publications),
    ];

    private readonly QueryPlanner _planner = new(analyzers);

    public SearchRequest Search(string alias, SearchQuery query) => Compile(alias, _planner.Plan(query));

    public static SearchRequest Compile(string alias, QueryPlan plan)
    {
        var filters = plan.Filters
            .Select(f => new Query { Terms = new TermsQuery(f.Field, new TermsQueryField(f.AnyOf.Select(FieldValue.String).ToArray())) })
            .ToList();
        var request = new SearchRequest(alias)
        {
            Query = plan.Clauses.Count == 0 ? MatchEverything(filters) : TextQuery(plan, filters),
            From = plan.From,
            Size = plan.Size,
            TrackTotalHits = plan.TrackTotalHitsUpTo is { } upTo ? new TrackHits(upTo) : new TrackHits(true),
            Source = new SourceFilter { Includes = new[] { F.FullName, F.Name } },
            Sort = plan.Sort.Select(SortOf).ToList(),
            // Field sorts skip scoring unless asked; Lucene reports scores whatever the order.
            TrackScores = plan.Sort[0] == PlanSortKey.ScoreDescending ? null : true,
        };

        if (plan.Facets.Count > 0)
        {
            request.Aggregations = plan.Facets.ToDictionary(
                f => f.Name, f => new Aggregation { Terms = new TermsAggregation { Field = f.Field, Size = FacetSize } }, StringComparer.Ordinal);
        }

        if (plan.Highlights.Count > 0)
        {
            request.Highlight = Highlight(plan.Highlights);
        }

        return request;
    }

    /// <summary>
    /// Every typed word must be a prefix of a name word, in any order. Words already finished (all but the last)
    /// rank higher when they are whole name words, and names whose first word starts with the first typed word
    /// rank higher; ties go by name. Scores are constants, as in the Lucene.NET engine, so the order does not
    /// depend on how rare a name is. Null when nothing was typed.
    /// </summary>
    public SearchRequest? Suggest(string alias, string prefix, int size)
    {
        var words = ExpertAnalyzers.Terms(analyzers.NamePrefixSearch, VietnameseText.Normalize(prefix));
        if (size <= 0 || words.Count == 0)
        {
            return null;
        }

        var should = words.Take(words.Count - 1).Distinct(StringComparer.Ordinal)
            .Select(word => Constant(new Query { Term = new TermQuery(F.Names, FieldValue.String(word)) }, 2f))
            .Append(Constant(new Query
            {
                // Only the first value of names (the name itself, family name first) starts at position 0.
                SpanFirst = new SpanFirstQuery(1, new SpanQuery { SpanTerm = new SpanTermQuery(F.NamesPrefix, FieldValue.String(words[0])) }),
            }, 1f))
            .ToList();
        return new SearchRequest(alias)
        {
            Size = Math.Min(size, MaxResultWindow),
            TrackTotalHits = false,
            Source = new SourceFilter { Includes = ElasticsearchSuggestions.SourceFields },
            Query = new Query
            {
                Bool = new BoolQuery
                {
                    Filter = words.Distinct(StringComparer.Ordinal)
                        .Select(word => new Query { Term = new TermQuery(F.NamesPrefix, FieldValue.String(word)) })
                        .ToList(),
                    Should = should,
                },
            },
            Sort =
            [
                new SortOptions { Score = new ScoreSort { Order = SortOrder.Desc } },
                new SortOptions { Field = new FieldSort(F.NameSort) { Order = SortOrder.Asc } },
            ],
        };
    }

    private static Query MatchEverything(IReadOnlyList<Query> filters) =>
        filters.Count == 0
            ? new Query { MatchAll = new MatchAllQuery() }
            // match_all in must keeps Lucene's score of 1 for every filtered hit; a bare filter would score 0.
            : new Query { Bool = new BoolQuery { Must = [new Query { MatchAll = new MatchAllQuery() }], Filter = [.. filters] } };

    private static Query TextQuery(QueryPlan plan, List<Query> filters)
    {
        var clauses = plan.Clauses.Select(c => Compile(c.Query)).ToList();
        if (plan.Rule is { } rule)
        {
            var groups = new List<Query>(rule.Units);
            for (var unit = 0; unit < rule.Units; unit++)
            {
                var members = new List<Query>();
                for (var i = 0; i < clauses.Count; i++)
                {
                    if ((plan.Clauses[i].Covers & (1UL << unit)) != 0)
                    {
                        members.Add(clauses[i]);
                    }
                }

                groups.Add(new Query { Bool = new BoolQuery { Should = members } });
            }

            filters.Insert(0, new Query { Bool = new BoolQuery { Should = groups, MinimumShouldMatch = rule.MinimumUnits } });
        }

        return new Query
        {
            Bool = new BoolQuery
            {
                Should = clauses,
                // With filters present Elasticsearch would otherwise treat every should clause as optional.
                MinimumShouldMatch = 1,
                Filter = filters.Count == 0 ? null : [.. filters],
            },
        };
    }

    private static Query Compile(PlanQuery node) => node switch
    {
        TermQueryNode term => new Query { Term = new TermQuery(term.Field, FieldValue.String(term.Term)) { Boost = term.Boost } },
        PhraseQueryNode phrase => new Query
        {
            MatchPhrase = new MatchPhraseQuery(phrase.Field, phrase.Text) { Analyzer = phrase.Analyzer, Slop = phrase.Slop, Boost = phrase.Boost },
        },
        FuzzyQueryNode fuzzy => new Query
        {
            Fuzzy = new FuzzyQuery(fuzzy.Field, fuzzy.Term)
            {
                Fuzziness = fuzzy.MaxEdits.ToString(System.Globalization.CultureInfo.InvariantCulture),
                PrefixLength = fuzzy.PrefixLength,
                Transpositions = fuzzy.Transpositions,
                MaxExpansions = fuzzy.MaxExpansions,
                // Lucene.NET's FuzzyQuery rewrites the same way (TopTermsBoostOnlyBooleanQueryRewrite).
                Rewrite = $"top_terms_boost_{fuzzy.MaxExpansions}",
                Boost = fuzzy.Boost,
            },
        },
        AllOfNode all => new Query { Bool = new BoolQuery { Must = all.Parts.Select(Compile).ToList(), Boost = all.Boost } },
        BestOfNode best => new Query { DisMax = new DisMaxQuery { Queries = best.Alternatives.Select(Compile).ToList(), TieBreaker = 0, Boost = best.Boost } },
        _ => throw new InvalidOperationException($"Unknown plan clause {node.Kind}."),
    };

    private static SortOptions SortOf(PlanSortKey key) => key switch
    {
        PlanSortKey.ScoreDescending => new SortOptions { Score = new ScoreSort { Order = SortOrder.Desc } },
        PlanSortKey.NameAscending => new SortOptions { Field = new FieldSort(F.NameSort) { Order = SortOrder.Asc } },
        PlanSortKey.HIndexDescending => new SortOptions { Field = new FieldSort(F.HIndex) { Order = SortOrder.Desc, Missing = "_last" } },
        PlanSortKey.IdAscending => new SortOptions { Field = new FieldSort(F.Id) { Order = SortOrder.Asc } },
        _ => throw new InvalidOperationException($"Unknown sort key {key}."),
    };

    private static Highlight Highlight(IReadOnlyList<HighlightRule> rules)
    {
        var fields = new List<KeyValuePair<Field, HighlightField>>();
        foreach (var rule in rules)
        {
            // Term by term, as the Lucene.NET highlighter marks them: phrase and fuzzy matching decide what matches,
            // not what gets marked.
            var marks = rule.Terms.Select(t => new Query { Term = new TermQuery(rule.Field, FieldValue.String(t)) }).ToList();
            fields.Add(new(rule.Field, new HighlightField
            {
                HighlightQuery = new Query { Bool = new BoolQuery { Should = marks } },
                NumberOfFragments = rule.Fragments,
                FragmentSize = rule.FragmentSize,
            }));
        }

        return new Highlight
        {
            // The plain highlighter tags each matching word, with Lucene's simple fragmenter and the best fragments
            // first, as the Lucene.NET engine does; the text comes back unescaped and is escaped as Lucene.NET's is.
            Type = HighlighterType.Plain,
            Fragmenter = HighlighterFragmenter.Simple,
            Order = HighlighterOrder.Score,
            PreTags = [HighlightMarkup.Start],
            PostTags = [HighlightMarkup.End],
            RequireFieldMatch = true,
            Fields = fields,
        };
    }

    private static Query Constant(Query filter, float boost) =>
        new() { ConstantScore = new ConstantScoreQuery(filter) { Boost = boost } };
}
