using System.Globalization;
using System.Text;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.QueryDsl;
using ExpertNetwork.Experts;
using ExpertNetwork.Text;
using F = ExpertNetwork.Search.IndexFields;

namespace ExpertNetwork.Search.Elasticsearch;

/// <summary>
/// The search and suggestion requests, clause for clause the query the Lucene.NET engine builds, so both
/// engines rank alike: name phrases (exact above folded, so the spelling typed wins), every name word
/// required with one typo allowed on syllables of four letters or more, keywords and fields through the
/// synonym search analyzers, and plain terms over headline, affiliation, bio and publications. Lucene.NET
/// expands synonyms in code; here the <c>vi_*_syn</c> search analyzers of the mapping do it.
/// </summary>
internal static class ElasticsearchQueries
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

    /// <summary>The highlighted sub-field behind each <see cref="HighlightFields"/> key; folded, so "Dang" marks "Đặng".</summary>
    public static readonly IReadOnlyList<(string Key, string Field)> HighlightSources =
    [
        (HighlightFields.FullName, F.NameFolded),
        (HighlightFields.OtherNames, F.OtherNamesFolded),
        (HighlightFields.Headline, F.HeadlineFolded),
        (HighlightFields.Affiliation, F.AffiliationFolded),
        (HighlightFields.Keywords, F.KeywordsFolded),
        (HighlightFields.Bio, F.BioFolded),
        (HighlightFields.Publications, F.Publications),
    ];

    public static SearchRequest Search(string alias, SearchQuery query)
    {
        var text = NormalizedText(query.Text);
        var filters = Filters(query);
        var from = Math.Clamp(query.From, 0, MaxResultWindow);
        var size = Math.Clamp(query.Size, 0, MaxResultWindow - from);
        var sort = query.Sort == SearchSort.Relevance && text is null ? SearchSort.Name : query.Sort;

        var request = new SearchRequest(alias)
        {
            Query = text is null ? MatchEverything(filters) : TextQuery(text, filters),
            From = from,
            Size = size,
            TrackTotalHits = true,
            Source = new SourceFilter { Includes = new[] { F.FullName } },
            Sort = Sort(sort),
            // Field sorts skip scoring unless asked; Lucene reports scores whatever the order.
            TrackScores = sort == SearchSort.Relevance ? null : true,
        };

        if (query.WithFacets)
        {
            request.Aggregations = Facets();
        }

        if (query.WithHighlights && text is not null)
        {
            request.Highlight = Highlight(text);
        }

        return request;
    }

    /// <summary>Null when nothing that could match was typed.</summary>
    public static SearchRequest? Suggest(string alias, string prefix, int size)
    {
        var normalized = NormalizedText(prefix);
        if (normalized is null || size <= 0)
        {
            return null;
        }

        var collapsed = string.Join(' ', normalized.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return new SearchRequest(alias)
        {
            Size = Math.Min(size, MaxResultWindow),
            TrackTotalHits = false,
            Source = new SourceFilter { Includes = new[] { F.FullName } },
            Query = new Query
            {
                Bool = new BoolQuery
                {
                    // Every typed word is a prefix of some word of the name or another name, in any order...
                    Must = [new Query { Match = new MatchQuery(F.NameVariantsPrefix, collapsed) { Operator = Operator.And } }],
                    // ...and names that start with the whole input come first.
                    Should = [new Query { Match = new MatchQuery(F.NameVariantsStart, collapsed) { Boost = 2f } }],
                },
            },
            Sort =
            [
                new SortOptions { Score = new ScoreSort { Order = SortOrder.Desc } },
                new SortOptions { Field = new FieldSort(F.NameSort) { Order = SortOrder.Asc } },
            ],
        };
    }

    /// <summary>The normalised text, or null when it holds no letter or digit (and so no token for any analyzer).</summary>
    public static string? NormalizedText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || Words(text) == 0)
        {
            return null;
        }

        return VietnameseText.Normalize(text.Trim());
    }

    /// <summary>
    /// The number of tokens the standard tokenizer makes of <paramref name="text"/>, near enough: runs of
    /// letters, marks and digits. Lucene.NET counts analysed tokens to decide on the typo clause and the
    /// keyword phrase; Elasticsearch analyses on the server, so the count is made here.
    /// </summary>
    public static int Words(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var wordy = category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
                or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.OtherNumber
                or UnicodeCategory.LetterNumber;
            if (wordy && !inWord)
            {
                count++;
            }

            inWord = wordy;
        }

        return count;
    }

    private static Query MatchEverything(IReadOnlyList<Query> filters) =>
        filters.Count == 0
            ? new Query { MatchAll = new MatchAllQuery() }
            // match_all in must keeps Lucene's score of 1 for every filtered hit; a bare filter would score 0.
            : new Query { Bool = new BoolQuery { Must = [new Query { MatchAll = new MatchAllQuery() }], Filter = [.. filters] } };

    private static Query TextQuery(string text, IReadOnlyList<Query> filters)
    {
        var words = Words(text);
        var should = new List<Query>
        {
            Phrase(F.Name, text, 10f),
            Phrase(F.NameFolded, text, 6f),
            Phrase(F.NameVariantsExact, text, 4f),
            Phrase(F.NameVariants, text, 3f),
        };

        if (words <= MaxFuzzyNameWords)
        {
            should.Add(new Query
            {
                Match = new MatchQuery(F.NameVariants, text)
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

        should.Add(Match(F.Keywords, text, 3f));
        should.Add(Match(F.KeywordsFolded, text, 2f));
        should.Add(Match(F.FieldsText, text, 1f));
        if (words > 1)
        {
            // The skill as typed, in order and without synonyms, above any translation of it.
            should.Add(new Query { MatchPhrase = new MatchPhraseQuery(F.Keywords, text) { Analyzer = AnalyzerNames.Exact, Boost = 2f } });
        }

        should.Add(Match(F.HeadlineFolded, text, 1f));
        should.Add(Match(F.Headline, text, 0.5f));
        should.Add(Match(F.AffiliationFolded, text, 1f));
        should.Add(Match(F.BioFolded, text, 0.7f));
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

    private static Query Phrase(string field, string text, float boost) =>
        new() { MatchPhrase = new MatchPhraseQuery(field, text) { Boost = boost } };

    private static Query Match(string field, string text, float boost) =>
        new() { Match = new MatchQuery(field, text) { Boost = boost } };
}
