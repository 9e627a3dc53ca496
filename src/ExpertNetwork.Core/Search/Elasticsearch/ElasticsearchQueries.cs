using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.QueryDsl;
using ExpertNetwork.Experts;
using ExpertNetwork.Search.Lucene;
using ExpertNetwork.Text;
using F = ExpertNetwork.Search.IndexFields;

namespace ExpertNetwork.Search.Elasticsearch;

/// <summary>
/// The search and suggestion requests, clause for clause the query the Lucene.NET engine builds, so both engines
/// rank alike: name phrases (exact above folded, so the spelling typed wins), every name word required with one
/// typo allowed on syllables of four letters or more, keywords and fields matched concept by concept through the
/// synonyms, and plain terms over headline, affiliation, bio and publications.
/// </summary>
/// <remarks>
/// Keyword and field synonyms are expanded here, at search time, from <c>indexing/synonyms.txt</c>, into one
/// phrase per wording weighted by its length, best wording counting once. A plain match through the mapping's
/// <c>vi_*_syn</c> search analyzers finds the same documents but scores a concept by the sum of its wording's
/// syllables, so "trí tuệ nhân tạo" (four) would outrank "artificial intelligence" even when the latter is what
/// was typed and what the expert wrote. The query is split into concepts with the analyzers the Lucene.NET
/// engine builds from the same <c>indexing/</c> files, so segmentation is identical in both engines; the
/// matching itself runs on the cluster with the mapping's own analyzers. Highlighting still uses the synonym
/// search analyzer, which marks every wording of a concept.
/// </remarks>
internal sealed class ElasticsearchQueries(ExpertAnalyzers analyzers)
{
    /// <summary>Elasticsearch's default <c>index.max_result_window</c>: from + size may not pass it.</summary>
    public const int MaxResultWindow = 10_000;

    /// <summary>Buckets per facet: enough for every country, field or language, so counts cover all values as Lucene's do.</summary>
    public const int FacetSize = 1000;

    public const int FragmentSize = 160;
    public const int FragmentsPerField = 3;

    private const int MaxFuzzyNameWords = 6;

    // One typo from four letters up, none below: "An" must not find "Anh", "Phuc" must find "Phước".
    private const string NameFuzziness = "AUTO:4,100";
    private const int NameMaxExpansions = 50;

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

    public SearchRequest Search(string alias, SearchQuery query)
    {
        var text = string.IsNullOrWhiteSpace(query.Text) ? "" : VietnameseText.Normalize(query.Text.Trim());
        var folded = ExpertAnalyzers.Terms(analyzers.Folded, text);
        var hasText = folded.Count > 0;
        var filters = Filters(query);
        var from = Math.Clamp(query.From, 0, MaxResultWindow);
        var size = Math.Clamp(query.Size, 0, MaxResultWindow - from);
        var sort = query.Sort == SearchSort.Relevance && !hasText ? SearchSort.Name : query.Sort;

        var request = new SearchRequest(alias)
        {
            Query = hasText ? TextQuery(text, folded, filters) : MatchEverything(filters),
            From = from,
            Size = size,
            TrackTotalHits = query.TrackTotalHitsUpTo is { } upTo && !query.WithFacets ? new TrackHits(upTo) : new TrackHits(true),
            Source = new SourceFilter { Includes = new[] { F.FullName, F.Name } },
            Sort = Sort(sort),
            // Field sorts skip scoring unless asked; Lucene reports scores whatever the order.
            TrackScores = sort == SearchSort.Relevance ? null : true,
        };

        if (query.WithFacets)
        {
            request.Aggregations = Facets();
        }

        if (query.WithHighlights && hasText)
        {
            request.Highlight = Highlight(text);
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

    private Query TextQuery(string text, List<string> folded, IReadOnlyList<Query> filters)
    {
        var exact = ExpertAnalyzers.Terms(analyzers.Exact, text);
        var bioFolded = ExpertAnalyzers.Terms(analyzers.BioFolded, text);
        var should = new List<Query>
        {
            Phrase(F.Name, text, 10f),
            Phrase(F.NameFolded, text, 6f),
            Phrase(F.NameVariantsExact, text, 4f),
            Phrase(F.NameVariants, text, 3f),
        };

        if (folded.Count <= MaxFuzzyNameWords)
        {
            should.Add(new Query
            {
                Match = new MatchQuery(F.Names, text)
                {
                    Operator = Operator.And,
                    Fuzziness = NameFuzziness,
                    PrefixLength = 0,
                    MaxExpansions = NameMaxExpansions,
                    FuzzyTranspositions = true,
                    Boost = 2f,
                },
            });
        }

        // A lone Vietnamese syllable says little (kinh "tế" vs y "tế"), so keyword terms weigh less than whole concepts and phrases.
        AddConcepts(should, F.Keywords, AnalyzerNames.Exact, exact, analyzers.ExactExpander, conceptBoost: 3f, termBoost: 1f);
        AddConcepts(should, F.KeywordsFolded, AnalyzerNames.Folded, folded, analyzers.FoldedExpander, conceptBoost: 2f, termBoost: 0.7f);
        AddConcepts(should, F.FieldsText, AnalyzerNames.Exact, exact, analyzers.ExactExpander, conceptBoost: 1f, termBoost: 1f);
        if (exact.Count > 1)
        {
            // The skill as typed, in order and without synonyms, above any translation of it.
            should.Add(Phrase(F.Keywords, text, 2f, AnalyzerNames.Exact));
            should.Add(Phrase(F.KeywordsFolded, text, 1.5f, AnalyzerNames.Folded));
        }

        should.Add(Match(F.HeadlineFolded, text, 1f));
        should.Add(Match(F.Headline, text, 0.5f));
        should.Add(Match(F.AffiliationFolded, text, 1f));
        should.Add(Match(F.BioFolded, text, 0.7f));
        if (bioFolded.Distinct(StringComparer.Ordinal).Count() > 1)
        {
            should.Add(Phrase(F.BioFolded, text, 2f));
        }

        should.Add(Match(F.Bio, text, 0.3f));
        should.Add(Match(F.Publications, text, 1f));

        return new Query
        {
            Bool = new BoolQuery
            {
                Should = should,
                // With filters present Elasticsearch would otherwise treat every should clause as optional.
                MinimumShouldMatch = 1,
                Filter = filters.Count == 0 ? null : [.. filters],
            },
        };
    }

    /// <summary>
    /// One clause per query segment: a word outside any synonym entry matches as itself; a whole entry matches any
    /// of its wordings, each phrase scaled by its length so every wording of a concept counts alike.
    /// </summary>
    private static void AddConcepts(List<Query> should, string field, string analyzer, IReadOnlyList<string> tokens, SynonymExpander expander,
        float conceptBoost, float termBoost)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var segment in expander.Segment(tokens))
        {
            if (segment.Alternatives is null)
            {
                var token = tokens[segment.Start];
                if (seen.Add(token))
                {
                    should.Add(new Query { Term = new TermQuery(field, FieldValue.String(token)) { Boost = termBoost } });
                }

                continue;
            }

            should.Add(new Query
            {
                DisMax = new DisMaxQuery
                {
                    Queries = segment.Alternatives
                        .Select(wording => Phrase(field, string.Join(' ', wording), 1f / wording.Length, analyzer))
                        .ToList(),
                    TieBreaker = 0,
                    Boost = conceptBoost,
                },
            });
        }
    }

    private static List<Query> Filters(SearchQuery query)
    {
        var filters = new List<Query>();
        AddAnyOf(filters, F.Fields, query.Fields.Select(v => v.Trim().ToLowerInvariant()));
        AddAnyOf(filters, F.Country, query.Countries.Select(v => v.Trim().ToUpperInvariant()));
        AddAnyOf(filters, F.Location, query.Locations.Where(l => l != LocationClass.Unknown).Select(l => l.Name()));
        AddAnyOf(filters, F.Degree, query.Degrees.Select(v => v.Trim().ToLowerInvariant()));
        AddAnyOf(filters, F.Engagement, query.Engagement.Select(v => v.Trim().ToLowerInvariant()));
        AddAnyOf(filters, F.Languages, query.Languages.Select(v => v.Trim().ToLowerInvariant()));
        return filters;
    }

    private static void AddAnyOf(List<Query> filters, string field, IEnumerable<string> values)
    {
        var terms = values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Select(FieldValue.String).ToArray();
        if (terms.Length > 0)
        {
            filters.Add(new Query { Terms = new TermsQuery(field, new TermsQueryField(terms)) });
        }
    }

    private static List<SortOptions> Sort(SearchSort sort) => sort switch
    {
        SearchSort.Name =>
        [
            new SortOptions { Field = new FieldSort(F.NameSort) { Order = SortOrder.Asc } },
            new SortOptions { Score = new ScoreSort { Order = SortOrder.Desc } },
        ],
        SearchSort.HIndex =>
        [
            new SortOptions { Field = new FieldSort(F.HIndex) { Order = SortOrder.Desc, Missing = "_last" } },
            new SortOptions { Field = new FieldSort(F.NameSort) { Order = SortOrder.Asc } },
        ],
        _ =>
        [
            new SortOptions { Score = new ScoreSort { Order = SortOrder.Desc } },
            // Equal scores in a stable order, so pages neither repeat nor skip a hit.
            new SortOptions { Field = new FieldSort(F.NameSort) { Order = SortOrder.Asc } },
        ],
    };

    private static Dictionary<string, Aggregation> Facets()
    {
        var aggregations = new Dictionary<string, Aggregation>(StringComparer.Ordinal);
        foreach (var facet in FacetNames.All)
        {
            aggregations[facet] = new Aggregation { Terms = new TermsAggregation { Field = F.Facets[facet], Size = FacetSize } };
        }

        return aggregations;
    }

    private static Highlight Highlight(string text)
    {
        var marks = new List<Query>();
        var fields = new List<KeyValuePair<Field, HighlightField>>();
        foreach (var (_, field) in HighlightSources)
        {
            // Term by term, as the Lucene.NET highlighter marks them: phrase and fuzzy matching decide what matches,
            // not what gets marked. Keyword synonyms mark word by word too ("bán dẫn" for "semiconductor").
            marks.Add(new Query
            {
                Match = new MatchQuery(field, text) { AutoGenerateSynonymsPhraseQuery = field == F.KeywordsFolded ? false : null },
            });
            fields.Add(new(field, new HighlightField()));
        }

        return new Highlight
        {
            // The plain highlighter tags each matching word; the unified one would tag a matched phrase as one span.
            Type = HighlighterType.Plain,
            Encoder = HighlighterEncoder.Html,
            PreTags = ["<em>"],
            PostTags = ["</em>"],
            FragmentSize = FragmentSize,
            NumberOfFragments = FragmentsPerField,
            RequireFieldMatch = true,
            HighlightQuery = new Query { Bool = new BoolQuery { Should = marks } },
            Fields = fields,
        };
    }

    private static Query Phrase(string field, string text, float boost, string? analyzer = null) =>
        new() { MatchPhrase = new MatchPhraseQuery(field, text) { Boost = boost, Analyzer = analyzer } };

    private static Query Constant(Query filter, float boost) =>
        new() { ConstantScore = new ConstantScoreQuery(filter) { Boost = boost } };

    private static Query Match(string field, string text, float boost) =>
        new() { Match = new MatchQuery(field, text) { Boost = boost } };
}
