using ExpertNetwork.Demo;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Analysis;
using ExpertNetwork.Search.Lucene;
using ExpertNetwork.Search.Planning;
using ExpertNetwork.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using F = ExpertNetwork.Search.IndexFields;

namespace ExpertNetwork.Tests.Search;

/// <summary>
/// The sliced, pruning search must rank exactly as Lucene's own BooleanQuery search does: same scores, same order,
/// same totals and facets when they are asked for exactly, over several segments with deletions, with and without
/// the plan's match rule (which Lucene's search applies as a filter query).
/// </summary>
public sealed class DisjunctionSearchTests : IClassFixture<DisjunctionSearchTests.Corpus>
{
    private const int Top = 20;
    private readonly Corpus _corpus;

    public DisjunctionSearchTests(Corpus corpus) => _corpus = corpus;

    public static TheoryData<int, int?, bool> Modes => new()
    {
        { 1, null, false },
        { 1, null, true },
        { 3, null, false },
        { 3, null, true },
        { 1, 10, false },
        { 3, 10, false },
        { 2, 0, false },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public void Ranks_as_the_boolean_query_does(int slices, int? threshold, bool withFacets) =>
        AssertSameAsLucene(slices, threshold, withFacets, null);

    [Theory]
    [InlineData(1, null, true)]
    [InlineData(3, null, true)]
    [InlineData(3, 10, false)]
    public void Ranks_filtered_queries_as_the_boolean_query_does(int slices, int? threshold, bool withFacets) =>
        AssertSameAsLucene(slices, threshold, withFacets, new BooleanQuery
        {
            { new TermQuery(new Term(F.Country, "VN")), Occur.SHOULD },
            { new TermQuery(new Term(F.Fields, "ai")), Occur.SHOULD },
        });

    [Theory]
    [InlineData(SearchSort.HIndex, false)]
    [InlineData(SearchSort.HIndex, true)]
    [InlineData(SearchSort.Name, true)]
    public void Sorts_by_a_field_as_lucenes_field_sort_over_the_boolean_query_does(SearchSort sort, bool filtered)
    {
        var searcher = _corpus.Searcher;
        Query? filter = filtered ? new TermQuery(new Term(F.Country, "VN")) : null;
        foreach (var (text, matching) in _corpus.Queries.SelectMany(q => new[] { (q, SearchMatching.Recall), (q, SearchMatching.Precise) }))
        {
            var compiled = _corpus.Compile(text, matching, sort);
            Assert.False(compiled.ByRelevance);
            var (expected, expectedFacets) = LuceneFieldSortedReference.Search(searcher, compiled, filter, Top);

            var found = DisjunctionSearch.TrySearch(searcher, compiled.Scoring, compiled.Condition, filter, Top, 10, compiled.Facets, 3,
                minDocumentsPerSlice: 100, sort: compiled.Sort);

            Assert.NotNull(found);
            Assert.Equal(expected.ScoreDocs.Select(d => d.Doc), found.Hits.Select(d => d.Doc));
            for (var i = 0; i < found.Hits.Length; i++)
            {
                Assert.Equal(expected.ScoreDocs[i].Score, found.Hits[i].Score, 4);
            }

            Assert.Equal(expected.TotalHits, found.Total);
            Assert.False(found.TotalIsLowerBound);
            Assert.Equal(Flatten(expectedFacets), Flatten(found.Facets!));
        }
    }

    private void AssertSameAsLucene(int slices, int? threshold, bool withFacets, Query? filter)
    {
        var searcher = _corpus.Searcher;
        var prunedSomewhere = false;
        foreach (var (text, matching) in _corpus.Queries.SelectMany(q => new[] { (q, SearchMatching.Recall), (q, SearchMatching.Precise) }))
        {
            var compiled = _corpus.Compile(text, matching);
            var query = compiled.Scoring;
            var reference = TopScoreDocCollector.Create(500, false);
            var referenceFacets = new FacetCollector(reference, compiled.Facets!);
            var filtered = new BooleanQuery(true) { { query, Occur.MUST } };
            foreach (var constraint in new[] { compiled.Condition, filter }.OfType<Query>())
            {
                filtered.Add(new ConstantScoreQuery(constraint) { Boost = 0f }, Occur.MUST);
            }

            searcher.Search(filtered, referenceFacets);
            var expected = reference.GetTopDocs();

            var found = DisjunctionSearch.TrySearch(searcher, query, compiled.Condition, filter, Top, threshold, withFacets ? compiled.Facets : null, slices,
                minDocumentsPerSlice: 100);

            Assert.NotNull(found);
            var expectedScores = expected.ScoreDocs.ToDictionary(d => d.Doc, d => d.Score);
            Assert.Equal(Math.Min(Top, expected.TotalHits), found.Hits.Length);
            for (var i = 0; i < found.Hits.Length; i++)
            {
                Assert.True(expectedScores.TryGetValue(found.Hits[i].Doc, out var score), $"{text}: hit {i} is not among Lucene's best 500");
                Assert.Equal(score, found.Hits[i].Score, 4);
                Assert.Equal(expected.ScoreDocs[i].Score, found.Hits[i].Score, 4);
            }

            if (threshold is null || withFacets)
            {
                Assert.Equal(expected.TotalHits, found.Total);
                Assert.False(found.TotalIsLowerBound);
            }
            else
            {
                Assert.InRange(found.Total, Math.Min(expected.TotalHits, threshold.Value), expected.TotalHits);
                if (!found.TotalIsLowerBound)
                {
                    Assert.Equal(expected.TotalHits, found.Total);
                }

                prunedSomewhere |= found.Total < expected.TotalHits;
            }

            if (withFacets)
            {
                Assert.Equal(Flatten(referenceFacets.Result()), Flatten(found.Facets!));
            }
            else
            {
                Assert.Null(found.Facets);
            }
        }

        Assert.Equal(threshold is not null && !withFacets, prunedSomewhere);
        Assert.Contains(_corpus.Queries, text => searcher.Search(_corpus.Compile(text, SearchMatching.Recall).Scoring, 1).TotalHits > Top);
    }

    [Fact]
    public void Equal_scores_are_ordered_by_name_then_id_as_the_field_sort_orders_them()
    {
        var searcher = _corpus.Searcher;
        var compiled = _corpus.Compile("nguyen", SearchMatching.Recall);
        var found = DisjunctionSearch.TrySearch(searcher, compiled.Scoring, compiled.Condition, null, 200, null, null, 3, minDocumentsPerSlice: 100)!;
        var reference = TopFieldCollector.Create(compiled.Sort, 200, false, true, false, false);
        searcher.Search(compiled.Scoring, reference);
        var expected = reference.GetTopDocs().ScoreDocs;

        Assert.Equal(expected.Length, found.Hits.Length);
        Assert.True(found.Hits.GroupBy(h => h.Score).Any(g => g.Count() > 1), "the query must have ties to order");
        Assert.Equal(expected.Select(d => d.Doc), found.Hits.Select(d => d.Doc));
    }

    [Fact]
    public void Leaves_queries_that_are_not_plain_disjunctions_to_lucene()
    {
        var filtered = new BooleanQuery { { new TermQuery(new Term(F.Names, "nguyen")), Occur.MUST } };
        Assert.Null(DisjunctionSearch.TrySearch(_corpus.Searcher, filtered, null, null, Top, null, null, 1));
        Assert.Null(DisjunctionSearch.TrySearch(_corpus.Searcher, new MatchAllDocsQuery(), null, null, Top, null, null, 1));
    }

    private static string Flatten(IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> facets) =>
        string.Join("; ", facets.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => f.Key + ": " + string.Join(", ", f.Value.Select(v => $"{v.Key}={v.Value}"))));

    /// <summary>Two thousand demo profiles in several segments, some deleted, and queries drawn from them.</summary>
    public sealed class Corpus : IDisposable
    {
        private readonly ExpertAnalyzers _analyzers = new();
        private readonly RAMDirectory _directory = new();
        private readonly DirectoryReader _reader;

        public Corpus()
        {
            // Two profiles renamed with words no other profile has, so some name phrases hinge on a rare word.
            var experts = DemoDirectory.Generate(2_000)
                .Select((e, i) => i switch
                {
                    100 => e with { FullName = "Quorra Zyx Nguyễn" },
                    900 => e with { FullName = "Lê Văn Zyx" },
                    _ => e,
                })
                .ToList();
            var config = new IndexWriterConfig(ExpertAnalyzers.Version, _analyzers.Indexing)
            {
                Similarity = new BM25Similarity(),
                MergePolicy = NoMergePolicy.NO_COMPOUND_FILES,
            };
            using (var writer = new IndexWriter(_directory, config))
            {
                for (var i = 0; i < experts.Count; i++)
                {
                    if (ExpertDocument.From(experts[i]) is { } document)
                    {
                        writer.AddDocument(LuceneDocuments.Build(document));
                    }

                    if (i % 450 == 449)
                    {
                        writer.Commit();
                    }
                }

                foreach (var expert in experts.Where((_, i) => i % 7 == 3))
                {
                    writer.DeleteDocuments(new Term(F.Id, expert.Id));
                }

                writer.Commit();
            }

            _reader = DirectoryReader.Open(_directory);
            Searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
            Planner = new QueryPlanner(_analyzers);
            var random = new Random(7);
            Queries =
            [
                .. experts.Where((_, i) => i % 97 == 5).Select(e => e.FullName),
                .. experts.Where((_, i) => i % 89 == 2).SelectMany(e => e.Keywords.Take(1)),
                .. experts.Where((_, i) => i % 83 == 1).Select(e => string.Join(' ', (e.Bio ?? "").Split(' ').Skip(random.Next(5)).Take(3 + random.Next(5)))),
                "trí tuệ nhân tạo", "machine learning", "an ninh mạng", "Nguyen Van An", "thiết kế vi mạch quy nhơn", "zzzz",
            ];
            Names = [.. experts.Where((_, i) => i % 37 == 11).Select((e, i) => i % 2 == 0 ? e.FullName : VietnameseText.Fold(VietnameseText.Normalize(e.FullName)))];
            Assert.True(_reader.Leaves.Count >= 4);
            Assert.True(_reader.NumDeletedDocs > 0);
        }

        public IndexSearcher Searcher { get; }

        internal QueryPlanner Planner { get; }

        public IReadOnlyList<string> Queries { get; }

        /// <summary>Full names of profiles in the corpus, every other one without diacritics.</summary>
        public IReadOnlyList<string> Names { get; }

        internal LuceneQuery Compile(string text, SearchMatching matching, SearchSort sort = SearchSort.Relevance) =>
            LuceneQueryCompiler.Compile(Planner.Plan(new SearchQuery { Text = text, Matching = matching, Sort = sort }), _reader);

        public void Dispose()
        {
            _reader.Dispose();
            _directory.Dispose();
            _analyzers.Dispose();
        }
    }
}
