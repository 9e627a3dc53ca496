using ExpertNetwork.Demo;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Analysis;
using ExpertNetwork.Search.Lucene;
using ExpertNetwork.Search.Planning;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;

namespace ExpertNetwork.Tests.Search;

/// <summary>
/// The Lucene engine writes snippets with its own <see cref="PlainHighlighter"/>; Elasticsearch writes them with Lucene's
/// plain highlighter. These hold the two to the same fragments, scores and order, value by value, against Lucene.NET's
/// port of that highlighter run with the settings the engine used before it had its own.
/// </summary>
public sealed class PlainHighlighterTests : IDisposable
{
    private static readonly (string Analyzer, string Field)[] Chains =
    [
        (AnalyzerNames.Folded, IndexFields.HeadlineFolded),
        (AnalyzerNames.BioFolded, IndexFields.BioFolded),
    ];

    private readonly ExpertAnalyzers _analyzers = new();

    public void Dispose() => _analyzers.Dispose();

    [Fact]
    public void Every_value_of_the_demo_directory_gets_lucenes_fragments_for_terms_it_holds_and_terms_it_does_not()
    {
        var random = new Random(20261203);
        var documents = DemoDirectory.Generate(120).Select(ExpertDocument.From).OfType<ExpertDocument>().ToList();
        var names = documents.SelectMany(d => ExpertAnalyzers.Terms(_analyzers.Folded, d.Name)).Distinct().ToArray();
        var compared = 0;
        var withFragments = 0;
        foreach (var document in documents)
        {
            string?[] values = [document.Name, document.Headline, document.Affiliation, document.Bio, .. document.OtherNames, .. document.Keywords, .. document.Publications];
            foreach (var value in values.OfType<string>())
            {
                foreach (var (analyzer, field) in Chains)
                {
                    var own = ExpertAnalyzers.Terms(_analyzers[analyzer], value);
                    for (var round = 0; round < 3; round++)
                    {
                        var terms = own.OrderBy(_ => random.Next()).Take(random.Next(0, 4))
                            .Append(names[random.Next(names.Length)])
                            .Distinct().ToArray();
                        var (size, count) = round switch { 0 => (QueryPlanner.FragmentSize, QueryPlanner.FragmentsPerField), 1 => (40, 2), _ => (15, 5) };
                        var expected = Lucene(analyzer, field, value, terms, size, count);
                        Assert.Equal(expected, Own(analyzer, field, value, terms, size, count));
                        compared++;
                        withFragments += expected.Count > 0 ? 1 : 0;
                    }
                }
            }
        }

        Assert.True(withFragments > compared / 2, $"only {withFragments} of {compared} comparisons had a fragment");
    }

    public static TheoryData<string, string> Tricky() => new()
    {
        { "<b>Tom & Jerry</b> say \"an\" & <an> or an&an", "an tom" },
        { "Lập trình nhúng bằng C++ và C#, ASP.NET, .NET 8 và F# (c++17); C++ again and C++.", "cplusplus csharp net" },
        { "Đỗ Văn Quý".Normalize(System.Text.NormalizationForm.FormD) + " và Đỗ Văn Quý", "do quy" },
        { "the and of in the a an data and the of data data", "data the" },
        { "", "data" },
        { "data", "data" },
        { string.Concat(Enumerable.Repeat("mạng nơ-ron học sâu cho dữ liệu y tế; ", 2_000)) + "tail data", "mang data" },
        { string.Concat(Enumerable.Repeat("ab ", 17_066)) + "data data data", "data ab" },
        { "x " + new string('y', 300) + " y data", "data y" },
    };

    [Theory]
    [MemberData(nameof(Tricky))]
    public void Tricky_text_gets_lucenes_fragments(string text, string terms)
    {
        foreach (var (analyzer, field) in Chains)
        {
            foreach (var (size, count) in new[] { (QueryPlanner.FragmentSize, QueryPlanner.FragmentsPerField), (1, 4), (7, 1), (100_000, 3) })
            {
                var termList = terms.Split(' ');
                Assert.Equal(Lucene(analyzer, field, text, termList, size, count), Own(analyzer, field, text, termList, size, count));
            }
        }
    }

    [Fact]
    public void One_highlighter_counts_each_values_terms_afresh()
    {
        var highlighter = new PlainHighlighter(["data", "graph"], QueryPlanner.FragmentSize, 3);
        var fragments = new List<(float Score, string Text)>();
        foreach (var text in new[] { "graph data", "data only", "graph and data again" })
        {
            using var tokens = _analyzers.Folded.GetTokenStream(IndexFields.HeadlineFolded, text);
            highlighter.Collect(tokens, text, fragments);
        }

        Assert.Equal(
            [(2f, "<em>graph</em> <em>data</em>"), (1f, "<em>data</em> only"), (2f, "<em>graph</em> and <em>data</em> again")],
            fragments);
    }

    [Fact]
    public async Task Search_snippets_are_lucenes_best_fragments_over_every_value_of_each_field()
    {
        var experts = DemoDirectory.Generate(300).ToList();
        var documents = experts.Select(ExpertDocument.From).OfType<ExpertDocument>().ToDictionary(d => d.Id);
        var directory = Path.Combine(Path.GetTempPath(), "expertnet-snippets-" + Guid.NewGuid().ToString("N"));
        await using var index = new LuceneSearchIndex(directory);
        try
        {
            await index.EnsureCreatedAsync();
            await index.UpsertAsync(experts);
            var planner = new QueryPlanner(_analyzers);
            var snippets = 0;
            foreach (var text in experts.Take(40).SelectMany(e => new[]
            {
                e.FullName, e.Keywords[0], string.Join(' ', e.Keywords.Take(2)), e.Publications.FirstOrDefault()?.Title ?? e.FullName,
            }))
            {
                var query = new SearchQuery { Text = text, Size = 20 };
                var rules = planner.Plan(query).Highlights;
                foreach (var hit in (await index.SearchAsync(query)).Hits)
                {
                    var expected = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                    foreach (var rule in rules)
                    {
                        var best = Values(documents[hit.Id], rule.Key)
                            .SelectMany(value => Lucene(rule.Analyzer, rule.Field, value, rule.Terms, rule.FragmentSize, rule.Fragments))
                            .OrderByDescending(f => f.Score).Take(rule.Fragments).Select(f => f.Text).ToList();
                        if (best.Count > 0)
                        {
                            expected[rule.Key] = best;
                        }
                    }

                    Assert.Equal(expected.OrderBy(e => e.Key), hit.Highlights.OrderBy(e => e.Key).Select(e => KeyValuePair.Create(e.Key, (IReadOnlyList<string>)e.Value.ToList())));
                    snippets += expected.Values.Sum(v => v.Count);
                }
            }

            Assert.True(snippets > 1_000, $"only {snippets} snippets compared");
        }
        finally
        {
            await index.DisposeAsync();
            Directory.Delete(directory, true);
        }
    }

    private static IEnumerable<string> Values(ExpertDocument document, string key) => key switch
    {
        HighlightFields.FullName => [document.Name],
        HighlightFields.OtherNames => document.OtherNames,
        HighlightFields.Headline => document.Headline is { } headline ? [headline] : [],
        HighlightFields.Affiliation => document.Affiliation is { } affiliation ? [affiliation] : [],
        HighlightFields.Keywords => document.Keywords,
        HighlightFields.Bio => document.Bio is { } bio ? [bio] : [],
        HighlightFields.Publications => document.Publications,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
    };

    private List<(float Score, string Text)> Own(string analyzer, string field, string text, IReadOnlyList<string> terms, int size, int count)
    {
        var fragments = new List<(float Score, string Text)>();
        using var tokens = _analyzers[analyzer].GetTokenStream(field, text);
        new PlainHighlighter(terms, size, count).Collect(tokens, text, fragments);
        return fragments;
    }

    private List<(float Score, string Text)> Lucene(string analyzer, string field, string text, IReadOnlyList<string> terms, int size, int count)
    {
        var query = new BooleanQuery(true);
        foreach (var term in terms)
        {
            query.Add(new TermQuery(new Term("_", term)), Occur.SHOULD);
        }

        var highlighter = new Highlighter(new SimpleHTMLFormatter("<em>", "</em>"), new MarkupEncoder(), new QueryTermScorer(query))
        {
            TextFragmenter = new SimpleFragmenter(size),
        };
        using var tokens = _analyzers[analyzer].GetTokenStream(field, text);
        return highlighter.GetBestTextFragments(tokens, text, false, count)
            .Where(f => f is not null && f.Score > 0)
            .Select(f => (f.Score, f.ToString()))
            .ToList();
    }

    private sealed class MarkupEncoder : IEncoder
    {
        public string EncodeText(string originalText) => HighlightMarkup.Escape(originalText);
    }
}
