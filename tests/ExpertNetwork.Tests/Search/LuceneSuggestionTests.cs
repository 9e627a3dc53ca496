using ExpertNetwork.Demo;
using ExpertNetwork.Experts;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Analysis;
using ExpertNetwork.Search.Lucene;
using ExpertNetwork.Search.Lucene.Suggestions;
using ExpertNetwork.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using F = ExpertNetwork.Search.IndexFields;

namespace ExpertNetwork.Tests.Search;

/// <summary>
/// The Lucene.NET engine answers suggestions from per-segment structures instead of running the suggestion query;
/// these tests hold it to the query's exact results (set and order) on generated directories spread over several
/// segments with updates and deletions, and on names that trip analysis up.
/// </summary>
public sealed class LuceneSuggestionTests : IDisposable
{
    private static readonly int[] Sizes = [1, 3, 10, 40];

    private static readonly Sort QueryOrder = new(SortField.FIELD_SCORE, new SortField(F.NameSort, SortFieldType.STRING));

    /// <summary>Names where the analyzers disagree (tech terms, long words, punctuation, scripts ASCII folding leaves alone).</summary>
    private static readonly Expert[] AwkwardNames =
    [
        Person("x-csharp", "C# Nguyễn", "Csharp Nguyen"),
        Person("x-dotnet", "Nguyễn .NET Anh"),
        Person("x-fsharp", "F# Lê"),
        Person("x-cpp", "Lê C++ Văn"),
        Person("x-long", "Nguyễnvănthànhlongname Quá", "Nguyenvanthanhlongnamexyz Qua"),
        Person("x-paren", "(Lê) Văn Tám"),
        Person("x-quote", "'Ngọc Ánh"),
        Person("x-repeat", "Lê Lê"),
        Person("x-anan", "An An"),
        Person("x-anh", "Ánh An Anh"),
        Person("x-han", "李小龍", "Lý Tiểu Long"),
        Person("x-hyphen", "Mary-Jane O'Neil"),
        Person("x-jean", "Jean-Luc Picard", "Picard Jean Luc"),
        Person("x-digits", "100 Nguyễn"),
        Person("x-second", "Đỗ 2nd"),
        Person("x-dash", "—"),
        Person("x-initial", "Nguyễn T. M."),
        Person("x-single", "Ỹ"),
        Person("x-twin-1", "Trần Văn Nam"),
        Person("x-twin-2", "Trần Văn Nam"),
        Person("x-other", "Nguyễn Văn An", "An Nguyen", "Andy Nguyen"),
    ];

    private static readonly string[] AwkwardPrefixes =
    [
        "c", "cs", "csharp n", "c# n", "csharp", "f# l", "f", ".net", "dotnet", "dotnet a", "nguyen .net", "le c++", "cplusplus",
        "nguyenvanthanhlongnamexyz", "nguyenvanthanhlongname q", "nguyenvanthanhl", "le le", "le l", "an an", "an a", "anh an a", "a",
        "李", "李小龍", "ly tieu", "mary j", "mary-jane o", "o'n", "jean-luc p", "picard j", "100", "100 n", "2nd", "do 2", "(le",
        "le) v", "ngoc anh", "'ngoc", "z", "zzz", "", " ", "—", "nguyen t. m", "nguyen t m", "t m", "ỹ", "y", "tran van nam", "tran van n",
        "nguyen van an", "an nguyen", "andy", "nguyen thi h", "thi nguyen h", "van thi n", "nguyen nguyen", "n n n",
    ];

    private readonly ExpertAnalyzers _analyzers = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "expertnet-suggest-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _analyzers.Dispose();
        if (System.IO.Directory.Exists(_directory))
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Suggestions_equal_the_suggestion_query_over_segments_with_updates_and_deletions()
    {
        var experts = DemoDirectory.Generate(3000, seed: 11).Concat(AwkwardNames).ToList();
        using var directory = new RAMDirectory();
        using var writer = new IndexWriter(directory, new IndexWriterConfig(ExpertAnalyzers.Version, _analyzers.Indexing)
        {
            MergePolicy = NoMergePolicy.NO_COMPOUND_FILES,
            Similarity = new BM25Similarity(),
        });
        foreach (var batch in experts.Chunk(700))
        {
            foreach (var expert in batch)
            {
                Add(writer, expert);
            }

            writer.Commit();
        }

        // Updates move profiles to a later segment and leave deleted copies behind; deletions hit every segment.
        var random = new Random(5);
        foreach (var expert in experts.Where(_ => random.Next(10) == 0))
        {
            writer.DeleteDocuments(new Term(F.Id, expert.Id));
            Add(writer, expert);
        }

        foreach (var expert in experts.Where(_ => random.Next(8) == 0))
        {
            writer.DeleteDocuments(new Term(F.Id, expert.Id));
        }

        var suggester = new NameSuggester(_analyzers);
        var prefixes = TypedPrefixes(experts.Select(e => e.FullName), new Random(3)).Concat(AwkwardPrefixes).Distinct().ToList();
        using var reader = DirectoryReader.Open(writer, applyAllDeletes: true);
        Assert.True(reader.Leaves.Count >= 5);
        Assert.True(reader.HasDeletions);
        AssertSameAsQuery(suggester, reader, prefixes);

        // A reader reopened for more deletions shares the segment cores, so the structures built above are reused.
        foreach (var expert in experts.Where(_ => random.Next(5) == 0))
        {
            writer.DeleteDocuments(new Term(F.Id, expert.Id));
        }

        using var reopened = DirectoryReader.OpenIfChanged(reader, writer, applyAllDeletes: true);
        Assert.NotNull(reopened);
        Assert.Equal(reader.Leaves.Select(l => l.AtomicReader.CoreCacheKey), reopened.Leaves.Take(reader.Leaves.Count).Select(l => l.AtomicReader.CoreCacheKey));
        AssertSameAsQuery(suggester, reopened, prefixes);
    }

    [Fact]
    public async Task The_index_suggests_what_the_suggestion_query_finds_after_upserts_and_deletes()
    {
        var experts = DemoDirectory.Generate(2000, seed: 23).Concat(AwkwardNames).ToList();
        await using var index = new LuceneSearchIndex(_directory, new LuceneIndexOptions { RamBufferSizeMB = 16 });
        await index.EnsureCreatedAsync();
        foreach (var batch in experts.Chunk(500))
        {
            await index.UpsertAsync(batch);
        }

        await index.UpsertAsync(experts.Where((_, i) => i % 7 == 0).Select(e => e with { FullName = e.FullName + " Minh" }).ToList());
        await index.DeleteAsync(experts.Where((_, i) => i % 11 == 0).Select(e => e.Id).ToList());

        // The last commit is what the index searches: no merge runs with this few segments.
        using var committed = FSDirectory.Open(Path.Combine(_directory, "gen-0001"));
        using var reader = DirectoryReader.Open(committed);
        Assert.True(reader.Leaves.Count >= 4);
        Assert.True(reader.HasDeletions);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        foreach (var prefix in TypedPrefixes(experts.Select(e => e.FullName), new Random(9)).Take(300).Concat(AwkwardPrefixes))
        {
            foreach (var size in Sizes)
            {
                var expected = QueryIds(searcher, prefix, size);
                var actual = (await index.SuggestAsync(prefix, size)).Select(s => s.Id).ToList();
                Assert.True(expected.SequenceEqual(actual), $"'{prefix}' top {size}: expected [{string.Join(", ", expected)}] got [{string.Join(", ", actual)}]");
            }
        }
    }

    [Fact]
    public async Task Equal_names_in_several_segments_come_in_index_order_without_the_deleted_ones()
    {
        await using var index = new LuceneSearchIndex(_directory, new LuceneIndexOptions { RamBufferSizeMB = 16 });
        await index.EnsureCreatedAsync();
        var twins = Enumerable.Range(0, 12).Select(i => Person($"T{i:D2}", "Trần Văn Nam")).ToList();
        foreach (var batch in twins.Chunk(4))
        {
            await index.UpsertAsync(batch);
        }

        await index.UpsertAsync([Person("A01", "Trần Văn An"), Person("N01", "Nam Trần")]);
        await index.DeleteAsync(["T01", "T06"]);
        await index.UpsertAsync([twins[2]]);

        var suggestions = (await index.SuggestAsync("tran van nam", 20)).Select(s => s.Id).ToList();
        Assert.Equal(["T00", "T03", "T04", "T05", "T07", "T08", "T09", "T10", "T11", "T02"], suggestions);

        // "na" unfinished still ranks the twins by index order; Trần Văn An has no word starting with "na".
        Assert.Equal(["T00", "T03", "T04"], (await index.SuggestAsync("tran van na", 3)).Select(s => s.Id));
        Assert.Equal("N01", (await index.SuggestAsync("nam tran"))[0].Id);
        Assert.Equal(["A01"], (await index.SuggestAsync("tran van an")).Select(s => s.Id));
    }

    private void AssertSameAsQuery(NameSuggester suggester, DirectoryReader reader, IReadOnlyList<string> prefixes)
    {
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        foreach (var prefix in prefixes)
        {
            foreach (var size in Sizes)
            {
                var expected = QueryIds(searcher, prefix, size);
                var actual = suggester.Analyse(prefix) is { } typed
                    ? suggester.Suggest(reader, typed, size).Select(doc => searcher.Doc(doc).Get(F.Id)).ToList()
                    : [];
                Assert.True(expected.SequenceEqual(actual), $"'{prefix}' top {size}: expected [{string.Join(", ", expected)}] got [{string.Join(", ", actual)}]");
            }
        }
    }

    private List<string> QueryIds(IndexSearcher searcher, string prefix, int size) =>
        SuggestionQuery(prefix) is { } query
            ? searcher.Search(query, size, QueryOrder).ScoreDocs.Select(hit => searcher.Doc(hit.Doc).Get(F.Id)).ToList()
            : [];

    /// <summary>
    /// The query the engine ran before: every typed word a prefix of a name word (names.prefix), 2 for each finished
    /// word that is a whole name word (names), 1 when the name's first word starts with the first typed word.
    /// </summary>
    private Query? SuggestionQuery(string prefix)
    {
        var words = ExpertAnalyzers.Terms(_analyzers.NamePrefixSearch, VietnameseText.Normalize(prefix));
        if (words.Count == 0)
        {
            return null;
        }

        var query = new BooleanQuery(true);
        foreach (var word in words.Distinct(StringComparer.Ordinal))
        {
            query.Add(new ConstantScoreQuery(new TermQuery(new Term(F.NamesPrefix, word))) { Boost = 0f }, Occur.MUST);
        }

        foreach (var word in words.Take(words.Count - 1).Distinct(StringComparer.Ordinal))
        {
            query.Add(new ConstantScoreQuery(new TermQuery(new Term(F.Names, word))) { Boost = 2f }, Occur.SHOULD);
        }

        query.Add(new ConstantScoreQuery(new TermQuery(new Term(F.NameFirstPrefix, words[0]))) { Boost = 1f }, Occur.SHOULD);
        return query;
    }

    /// <summary>What people type: 1 to 8 letters, with or without diacritics, family or given name first, and longer two- and three-word starts.</summary>
    private static IEnumerable<string> TypedPrefixes(IEnumerable<string> names, Random random)
    {
        foreach (var name in names.Where(_ => random.Next(4) == 0))
        {
            var normalized = VietnameseText.Normalize(name);
            var spelled = random.Next(2) == 0 ? normalized : VietnameseText.Fold(normalized);
            var parts = spelled.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var givenFirst = string.Join(' ', parts[^1..].Concat(parts[..^1]));
            yield return spelled[..Math.Min(spelled.Length, random.Next(1, 9))];
            yield return givenFirst[..Math.Min(givenFirst.Length, random.Next(1, 9))];
            yield return spelled[..Math.Min(spelled.Length, random.Next(Math.Min(6, spelled.Length), spelled.Length + 1))];
            if (parts.Length >= 3)
            {
                yield return $"{parts[0]} {parts[2]} {parts[1][..Math.Min(parts[1].Length, random.Next(1, 4))]}";
            }
        }
    }

    private static void Add(IndexWriter writer, Expert expert)
    {
        if (ExpertDocument.From(expert) is { } document)
        {
            writer.AddDocument(LuceneDocuments.Build(document));
        }
    }

    private static Expert Person(string id, string name, params string[] otherNames) => new() { Id = id, FullName = name, OtherNames = otherNames };
}
