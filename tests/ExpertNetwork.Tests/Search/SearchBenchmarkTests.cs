using System.Text.Json;
using ExpertNetwork.Search;

namespace ExpertNetwork.Tests.Search;

public sealed class SearchBenchmarkTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "expertnet-bench-" + Guid.NewGuid().ToString("N"));

    public SearchBenchmarkTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_benchmark_indexes_a_corpus_file_and_times_the_query_file()
    {
        var corpus = Path.Combine(_directory, "experts.jsonl");
        var queries = Path.Combine(_directory, "queries.txt");
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        await File.WriteAllLinesAsync(corpus, SearchFixtures.All.Select(e => JsonSerializer.Serialize(e, json)));
        await File.WriteAllLinesAsync(queries, ["Nguyễn Văn An", "machine learning", "", "graphene nanoribbons"]);

        var report = await SearchBenchmark.RunLuceneAsync(corpus, queries, Path.Combine(_directory, "index"), passes: 1);

        Assert.Equal(SearchFixtures.All.Count, report.Profiles);
        Assert.Equal(3, report.Queries);
        Assert.Equal(3, report.Query.Count);
        Assert.Equal(3, report.QueryWithFacets.Count);
        Assert.True(report.Suggest.Count > 0);
        Assert.True(report.ProfilesPerSecond > 0);
        Assert.Contains("profiles/s", report.ToString());
    }
}
