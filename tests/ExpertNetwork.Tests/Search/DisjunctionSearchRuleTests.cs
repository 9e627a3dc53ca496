using ExpertNetwork.Search;
using ExpertNetwork.Search.Analysis;
using ExpertNetwork.Search.Lucene;
using ExpertNetwork.Text;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using F = ExpertNetwork.Search.IndexFields;

namespace ExpertNetwork.Tests.Search;

/// <summary>
/// A person's search under the match rule is led by the clauses of its rarest units only, the others following to
/// the documents those find. Whatever leads, every document counted and every hit must be those of Lucene's own
/// search of the same compiled query filtered by the same condition, in the order of the plan's sort (score, folded
/// name, id): over several segments with deletions, with k of n units needed and with all of them, with filters,
/// facets, deep pages and ties.
/// </summary>
public sealed class DisjunctionSearchRuleTests(DisjunctionSearchTests.Corpus corpus) : IClassFixture<DisjunctionSearchTests.Corpus>
{
    private static readonly Query CountryFilter = new BooleanQuery(true)
    {
        { new BooleanQuery(true) { { new TermQuery(new Term(F.Country, "VN")), Occur.SHOULD } }, Occur.MUST },
    };

    // Topic sentences and skills of three words or more: two in every three of their units are needed.
    private static readonly string[] SomeOfTheirUnits =
    [
        "machine learning for medical imaging", "deep learning crop disease detection", "an ninh mạng và học máy",
        "power grid optimisation renewable energy", "quantum computing error correction zzzz", "vi mạch bán dẫn thiết kế",
    ];

    [Theory]
    [InlineData(1, false)]
    [InlineData(3, false)]
    [InlineData(3, true)]
    public void Needing_some_of_the_units_counts_and_ranks_as_lucene(int slices, bool withFacets)
    {
        var queries = SomeOfTheirUnits.Concat(corpus.Queries).ToList();
        var partial = 0;
        foreach (var text in queries)
        {
            var compiled = corpus.Compile(text, SearchMatching.Precise);
            if (compiled.Condition is BooleanQuery { MinimumNumberShouldMatch: var needed } units && needed < units.Clauses.Count)
            {
                partial++;
            }

            AssertSameAsLucene(text, compiled, null, 20, slices, withFacets);
        }

        Assert.True(partial >= 10, $"only {partial} queries need fewer than all of their units");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Needing_every_unit_counts_and_ranks_as_lucene(int slices)
    {
        string[] names = ["Nguyen Van An", "Nguyễn Thị Lan", "Tran Van Duk", "Le Thi Thuyy", "Pham Minh", "nguyen zzzz", .. corpus.Names.Take(40)];
        var everyUnit = 0;
        foreach (var text in names)
        {
            var compiled = corpus.Compile(text, SearchMatching.Precise);
            if (compiled.Condition is BooleanQuery { MinimumNumberShouldMatch: var needed } units && needed == units.Clauses.Count && needed > 1)
            {
                everyUnit++;
            }

            AssertSameAsLucene(text, compiled, null, 20, slices, withFacets: true);
        }

        Assert.True(everyUnit >= 20, $"only {everyUnit} queries need every unit");
    }

    [Fact]
    public void Filtered_searches_count_facets_and_rank_as_lucene()
    {
        foreach (var text in SomeOfTheirUnits.Concat(corpus.Queries).Concat(corpus.Names.Take(20)))
        {
            AssertSameAsLucene(text, corpus.Compile(text, SearchMatching.Precise), CountryFilter, 20, 3, withFacets: true);
        }
    }

    /// <summary>Names with a word only one or two profiles have: their name phrases are alive and weigh most.</summary>
    [Fact]
    public void Phrases_of_rare_words_score_as_lucene()
    {
        var reader = corpus.Searcher.IndexReader;
        var rare = corpus.Names.Append("Quorra Zyx Nguyen").Append("Le Van Zyx").Append("Zyx Le")
            .Where(name => VietnameseText.Fold(VietnameseText.Normalize(name)).ToLowerInvariant().Split(' ')
                .Any(word => reader.DocFreq(new Term(F.Names, word)) is 1 or 2))
            .ToList();

        Assert.True(rare.Count >= 3, $"only {rare.Count} names with a rare word");
        foreach (var text in rare)
        {
            AssertSameAsLucene(text, corpus.Compile(text, SearchMatching.Precise), null, 20, 1, withFacets: false);
        }
    }

    [Fact]
    public void Deep_pages_rank_as_lucene()
    {
        foreach (var text in SomeOfTheirUnits.Concat(corpus.Queries.Take(20)).Append("Nguyen Van"))
        {
            AssertSameAsLucene(text, corpus.Compile(text, SearchMatching.Precise), null, 400, 3, withFacets: false);
        }
    }

    [Fact]
    public void Equal_scores_under_the_rule_are_ordered_by_name_then_id()
    {
        var tied = 0;
        foreach (var text in new[] { "Nguyen Van", "Tran Thi", "Le Van", "an ninh mạng" })
        {
            var found = AssertSameAsLucene(text, corpus.Compile(text, SearchMatching.Precise), null, 300, 3, withFacets: false);
            tied += found.Hits.GroupBy(h => h.Score).Count(g => g.Count() > 1);
        }

        Assert.True(tied > 0, "the queries must have ties to order");
    }

    [Fact]
    public void A_search_that_stops_counting_keeps_the_hits_of_the_exact_one()
    {
        var pruned = 0;
        foreach (var text in SomeOfTheirUnits.Concat(corpus.Queries).Concat(corpus.Names.Take(20)))
        {
            var compiled = corpus.Compile(text, SearchMatching.Precise);
            var exact = DisjunctionSearch.TrySearch(corpus.Searcher, compiled.Scoring, compiled.Condition, null, 20, null, null, 3, minDocumentsPerSlice: 100)!;
            var found = DisjunctionSearch.TrySearch(corpus.Searcher, compiled.Scoring, compiled.Condition, null, 20, 5, null, 3, minDocumentsPerSlice: 100)!;

            Assert.Equal(exact.Hits.Select(h => (h.Doc, h.Score)), found.Hits.Select(h => (h.Doc, h.Score)));
            Assert.InRange(found.Total, Math.Min(5, exact.Total), exact.Total);
            if (found.TotalIsLowerBound)
            {
                pruned++;
            }
            else
            {
                Assert.Equal(exact.Total, found.Total);
            }
        }

        Assert.True(pruned > 0, "some search must have stopped counting");
    }

    /// <summary>
    /// One segment larger than a scoring window, so the leads change between two windows of it: the rule's rarest
    /// units lead first; once MaxScore sets the common words aside, a rare weighty word that covers no unit (it
    /// followed until then) leads instead. Each document must still be counted once, and the hits be the exact ones.
    /// </summary>
    [Fact]
    public void Leads_that_change_inside_a_segment_count_each_document_once()
    {
        using var directory = new RAMDirectory();
        using var analyzer = new WhitespaceAnalyzer(ExpertAnalyzers.Version);
        var random = new Random(5);
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(ExpertAnalyzers.Version, analyzer) { Similarity = new BM25Similarity() }))
        {
            for (var i = 0; i < 20_000; i++)
            {
                var words = new List<string>();
                foreach (var (word, share) in new[] { ("common", 0.5), ("usual", 0.45), ("rare", 0.1), ("weighty", 0.05) })
                {
                    if (random.NextDouble() < share)
                    {
                        words.Add(word);
                    }
                }

                // The first window's first and last candidates have every word: the weighty one, following until the
                // leads change, then stands on the last document the first window counted.
                if (i is 0 or 4_095)
                {
                    words = ["common", "usual", "rare", "weighty"];
                }
                else
                {
                    words.AddRange(Enumerable.Repeat("filler", random.Next(4)));
                }
                var id = $"E-{i:D5}";
                writer.AddDocument(new Document
                {
                    new TextField("text", string.Join(' ', words), Field.Store.NO),
                    new StringField(F.Id, id, Field.Store.NO),
                    new SortedDocValuesField(F.Id, new BytesRef(id)),
                    new SortedDocValuesField(F.NameSort, new BytesRef($"name {i % 50:D2}")),
                });
            }

            writer.ForceMerge(1);
        }

        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        var clauses = new[] { "common", "usual", "rare" }.Select(w => (Query)new TermQuery(new Term("text", w))).ToArray();
        var weighty = new TermQuery(new Term("text", "weighty")) { Boost = 3f };
        var scoring = new BooleanQuery(true);
        foreach (var clause in clauses.Append(weighty))
        {
            scoring.Add(clause, Occur.SHOULD);
        }

        var condition = new BooleanQuery(true) { MinimumNumberShouldMatch = 2 };
        foreach (var clause in clauses)
        {
            condition.Add(new BooleanQuery(true) { { clause, Occur.SHOULD } }, Occur.SHOULD);
        }

        var sort = new Sort(SortField.FIELD_SCORE, new SortField(F.NameSort, SortFieldType.STRING), new SortField(F.Id, SortFieldType.STRING));
        var reference = TopFieldCollector.Create(sort, 10, false, true, false, false);
        searcher.Search(new BooleanQuery(true) { { scoring, Occur.MUST }, { new ConstantScoreQuery(condition) { Boost = 0f }, Occur.MUST } }, reference);
        var expected = reference.GetTopDocs();

        var exact = DisjunctionSearch.TrySearch(searcher, scoring, condition, null, 10, null, null, 1)!;
        var pruned = DisjunctionSearch.TrySearch(searcher, scoring, condition, null, 10, 10, null, 1)!;

        Assert.Equal(expected.TotalHits, exact.Total);
        Assert.Equal(expected.ScoreDocs.Select(d => (d.Doc, d.Score)), exact.Hits.Select(d => (d.Doc, d.Score)));
        Assert.Equal(expected.ScoreDocs.Select(d => (d.Doc, d.Score)), pruned.Hits.Select(d => (d.Doc, d.Score)));
        Assert.Contains(pruned.Hits, h => h.Doc == 4_095);
        Assert.Equal(pruned.Hits.Length, pruned.Hits.Select(h => h.Doc).Distinct().Count());
        Assert.True(pruned.TotalIsLowerBound);
        Assert.InRange(pruned.Total, 10, expected.TotalHits - 1);
    }

    [Fact]
    public void Fuzzy_expansions_belong_to_the_reader_they_were_made_from()
    {
        using var directory = new RAMDirectory();
        using var analyzer = new WhitespaceAnalyzer(ExpertAnalyzers.Version);
        using var writer = new IndexWriter(directory, new IndexWriterConfig(ExpertAnalyzers.Version, analyzer));
        writer.AddDocument(new Document { new TextField(F.Names, "linh", Field.Store.NO) });
        writer.Commit();
        using var before = DirectoryReader.Open(directory);
        writer.AddDocument(new Document { new TextField(F.Names, "vinh", Field.Store.NO) });
        writer.Commit();
        using var after = DirectoryReader.Open(directory);
        var fuzzy = new FuzzyQuery(new Term(F.Names, "minh"), 1, 0, 50, true)
        {
            MultiTermRewriteMethod = new MultiTermQuery.TopTermsBoostOnlyBooleanQueryRewrite(50),
        };

        var first = FuzzyExpansions.Expand(before, fuzzy);
        first.Boost = 7f;

        Assert.Equal(["linh"], Expanded(FuzzyExpansions.Expand(before, fuzzy)));
        Assert.Equal(["linh", "vinh"], Expanded(FuzzyExpansions.Expand(after, fuzzy)));
        Assert.Equal(1f, FuzzyExpansions.Expand(before, fuzzy).Boost);
        Assert.Equal(Expanded(fuzzy.Rewrite(after)), Expanded(FuzzyExpansions.Expand(after, fuzzy)));
    }

    private static string[] Expanded(Query expansion) =>
        ((BooleanQuery)expansion).Clauses.Select(c => ((TermQuery)((ConstantScoreQuery)c.Query).Query).Term.Text).Order(StringComparer.Ordinal).ToArray();

    private DisjunctionHits AssertSameAsLucene(string text, LuceneQuery compiled, Query? filter, int count, int slices, bool withFacets)
    {
        var searcher = corpus.Searcher;
        var (expected, expectedFacets) = LuceneFieldSortedReference.Search(searcher, compiled, filter, count);

        var found = DisjunctionSearch.TrySearch(searcher, compiled.Scoring, compiled.Condition, filter, count, null, withFacets ? compiled.Facets : null, slices,
            minDocumentsPerSlice: 100);

        Assert.NotNull(found);
        Assert.True(expected.TotalHits == found.Total, $"{text}: {found.Total} counted, Lucene {expected.TotalHits}");
        Assert.False(found.TotalIsLowerBound);
        Assert.Equal(expected.ScoreDocs.Select(d => d.Doc), found.Hits.Select(d => d.Doc));
        Assert.Equal(expected.ScoreDocs.Select(d => d.Score), found.Hits.Select(d => d.Score));
        if (withFacets)
        {
            Assert.Equal(Flatten(expectedFacets), Flatten(found.Facets!));
        }

        return found;
    }

    private static string Flatten(IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> facets) =>
        string.Join("; ", facets.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => f.Key + ": " + string.Join(", ", f.Value.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"))));
}
