using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Needs;
using ExpertNetwork.Tests.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExpertNetwork.Tests.Matching;

/// <summary>
/// The start-up pass analyses a directory within <see cref="MatchingOptions.WarmDirectoryUpTo"/> whole, ahead of the first
/// need, so a first query costs what a later one does; a larger one is analysed as needs reach it.
/// </summary>
public sealed class WarmEvidenceTests
{
    private static readonly Need Need = new() { Id = "n", Title = "An ninh mạng và phát hiện xâm nhập cho cổng dịch vụ công" };

    [Fact]
    public async Task A_directory_within_the_limit_is_analysed_whole_at_start_up_and_ranks_as_a_cold_engine_does()
    {
        await using var warm = new ExpertNetworkApp(demoCount: 60, settings: Settings(limit: null));
        var listed = await ListedAsync(warm);
        await using var exactly = new ExpertNetworkApp(demoCount: 60, settings: Settings(limit: listed));
        await using var cold = new ExpertNetworkApp(demoCount: 60, settings: Settings(limit: listed - 1));
        var (warmEngine, exactlyEngine, coldEngine) = (await AnalysedAsync(warm), await AnalysedAsync(exactly), await AnalysedAsync(cold));

        Assert.True(listed > 25, $"only {listed} listed demo profiles");
        Assert.Equal(listed, warmEngine.WarmedProfiles);
        Assert.Equal(listed, exactlyEngine.WarmedProfiles);
        Assert.Equal(0, coldEngine.WarmedProfiles);

        var first = await MatchAsync(warm, warmEngine);
        Assert.Equal(listed, warmEngine.WarmedProfiles);
        var coldFirst = await MatchAsync(cold, coldEngine);
        Assert.True(coldEngine.WarmedProfiles > 0, "a cold engine analyses its candidates when a need first asks");
        Assert.Equal(coldFirst, first);
    }

    [Theory]
    [InlineData("Matching:WarmDirectoryUpTo", "-1")]
    [InlineData("Matching:WarmDirectoryUpTo", "1000000")]
    [InlineData("Matching:EmbeddingWorkers", "0")]
    [InlineData("Matching:Candidates", "0")]
    public async Task A_matching_setting_out_of_range_stops_the_app_at_start_up_naming_it(string key, string value)
    {
        await using var app = new ExpertNetworkApp(demoCount: 0, new Dictionary<string, string> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => app.Services);
        Assert.Contains(key.Split(':')[1], error.Message);
    }

    private static Dictionary<string, string> Settings(int? limit)
    {
        var settings = new Dictionary<string, string> { ["Matching:EmbedInBackground"] = "false" };
        if (limit is { } value)
        {
            settings["Matching:WarmDirectoryUpTo"] = value.ToString();
        }

        return settings;
    }

    private static async Task<MatchingEngine> AnalysedAsync(ExpertNetworkApp app)
    {
        var engine = app.Services.GetRequiredService<MatchingEngine>();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (engine.Candidates is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.NotNull(engine.Candidates);
        return engine;
    }

    private static async Task<int> ListedAsync(ExpertNetworkApp app)
    {
        var listed = 0;
        await foreach (var stored in app.Services.GetRequiredService<ExpertStore>().StreamAsync())
        {
            listed += stored.Expert.Consent.Listed ? 1 : 0;
        }

        return listed;
    }

    private static async Task<List<(string Id, double Score)>> MatchAsync(ExpertNetworkApp app, MatchingEngine engine)
    {
        var directory = app.Services.GetRequiredService<ExpertDirectory>();
        var outcome = await engine.MatchAsync(Need, DirectoryCandidates.For(engine, directory), 10);
        Assert.NotEmpty(outcome.Results);
        return outcome.Results.Select(r => (r.ExpertId, r.Score)).ToList();
    }
}
