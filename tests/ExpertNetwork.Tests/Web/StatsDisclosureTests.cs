using System.Text.Json;
using ExpertNetwork.Accounts;
using ExpertNetwork.Experts;
using ExpertNetwork.Tests.Support;
using ExpertNetwork.Web.Stats;
using Microsoft.Extensions.DependencyInjection;

namespace ExpertNetwork.Tests.Web;

/// <summary>Issue 9, item 4: statistics reveal neither unlisted profiles nor a small group, directly or by subtraction.</summary>
public sealed class StatsDisclosureTests
{
    [Fact]
    public async Task ASignedInResearcherSeesListedProfilesOnlyAndNoCountUnderThree()
    {
        await using var app = await DirectoryAsync();
        using var researcher = await app.SignedInAsync(Roles.Researcher);

        var stats = await researcher.GetJsonAsync("/api/stats");

        var byCountry = Counts(stats, "byCountry");
        Assert.False(byCountry.ContainsKey("IS"), "the one unlisted expert's rare country is counted");
        Assert.Equal(14, stats.GetProperty("listed").GetInt64());
        Assert.Equal(14, stats.GetProperty("experts").GetInt64());
        foreach (var dimension in new[] { "byCountry", "byLocation", "byField", "byEngagement", "diaspora" })
        {
            Assert.All(Counts(stats, dimension), cell => Assert.True(cell.Value is null or >= 3, $"{dimension}.{cell.Key} = {cell.Value}"));
        }
    }

    [Fact]
    public async Task NoHiddenCountCanBeWorkedOutFromTheTotalsAndTheOthers()
    {
        await using var app = await DirectoryAsync();
        using var recruiter = await app.SignedInAsync(Roles.Recruiter);

        var stats = await recruiter.GetJsonAsync("/api/stats");

        var byCountry = Counts(stats, "byCountry");
        var byLocation = Counts(stats, "byLocation");
        var diaspora = Counts(stats, "diaspora");
        // KR has 1 and DE 2 listed experts: hidden, and with them at least one more, as the total would give a lone one back.
        Assert.Null(byCountry["KR"]);
        Assert.Null(byCountry["DE"]);
        Assert.NotEqual(1, byCountry.Count(c => c.Value is null));
        Assert.NotEqual(1, byLocation.Count(c => c.Value is null));
        Assert.NotEqual(1, diaspora.Count(c => c.Value is null) + (byLocation.GetValueOrDefault("abroad") is null ? 1 : 0));
        Assert.Equal(3, stats.GetProperty("suppressedBelow").GetInt32());
    }

    [Fact]
    public async Task ThePageSaysUnderTheChartWhatIsHiddenInBothLanguages()
    {
        await using var app = await DirectoryAsync();
        using var researcher = await app.SignedInAsync(Roles.Researcher);

        var vietnamese = await researcher.GetStringAsync("/stats?lang=vi");
        var english = await researcher.GetStringAsync("/stats?lang=en");

        Assert.Contains("Số nào nhỏ hơn 3 chuyên gia đều được ẩn", vietnamese);
        Assert.Contains("Any count of fewer than 3 experts is hidden", english);
        Assert.Contains("&lt; 3", english);
        Assert.DoesNotContain("Iceland", english);
        Assert.DoesNotContain("class=\"bar-value\">1<", english);
        Assert.DoesNotContain("class=\"bar-value\">2<", english);
    }

    [Fact]
    public async Task AdminsSeeEveryProfileUnhidden()
    {
        await using var app = await DirectoryAsync();
        using var admin = await app.SignedInAsync(Roles.Admin);

        var stats = await admin.GetJsonAsync("/api/stats");

        Assert.Equal(15, stats.GetProperty("experts").GetInt64());
        Assert.Equal(1, Counts(stats, "byCountry")["IS"]);
        Assert.Equal(1, Counts(stats, "byCountry")["KR"]);
    }

    [Fact]
    public void ALoneSmallCountTakesTheNextSmallestWithItAndOnesNeverStandTogetherAlone()
    {
        var lone = PublishedStats.Suppress(
            new Dictionary<string, long> { ["total"] = 20, ["a"] = 15, ["b"] = 4, ["c"] = 1 },
            [["total", "a", "b", "c"]]);
        var ones = PublishedStats.Suppress(
            new Dictionary<string, long> { ["total"] = 12, ["a"] = 10, ["b"] = 1, ["c"] = 1 },
            [["total", "a", "b", "c"]]);
        var chained = PublishedStats.Suppress(
            new Dictionary<string, long> { ["total"] = 30, ["vn"] = 20, ["jp"] = 9, ["kr"] = 1, ["province"] = 18, ["vietnam"] = 2, ["abroad"] = 10 },
            [["total", "vn", "jp", "kr"], ["total", "province", "vietnam", "abroad"], ["abroad", "jp", "kr"], ["vn", "province", "vietnam"]]);

        Assert.Equal(["b", "c"], lone.Order());
        Assert.Equal(["a", "b", "c"], ones.Order());
        Assert.All(
            new[] { new[] { "total", "vn", "jp", "kr" }, ["total", "province", "vietnam", "abroad"], ["abroad", "jp", "kr"], ["vn", "province", "vietnam"] },
            relation => Assert.NotEqual(1, relation.Count(chained.Contains)));
        Assert.Contains("kr", chained);
        Assert.Contains("vietnam", chained);
    }

    private static Dictionary<string, long?> Counts(JsonElement stats, string dimension) =>
        stats.GetProperty(dimension).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? (long?)null : p.Value.GetInt64());

    /// <summary>14 listed experts: 8 in the province, 3 in Japan, 1 in Korea, 2 in Germany; one unlisted in Iceland.</summary>
    private static async Task<ExpertNetworkApp> DirectoryAsync()
    {
        var app = new ExpertNetworkApp(demoCount: 0);
        var directory = app.Services.GetRequiredService<ExpertDirectory>();
        var people = new List<(string Country, string City, bool Listed)>();
        people.AddRange(Enumerable.Repeat(("VN", "Quy Nhơn", true), 8));
        people.AddRange(Enumerable.Repeat(("JP", "Tokyo", true), 3));
        people.Add(("KR", "Daejeon", true));
        people.AddRange(Enumerable.Repeat(("DE", "Berlin", true), 2));
        people.Add(("IS", "Reykjavík", false));
        for (var i = 0; i < people.Count; i++)
        {
            var (country, city, listed) = people[i];
            await directory.SaveAsync(ExpertBuilder.Full($"stats-{i:00}", $"Chuyên Gia Số {i}") with
            {
                Country = country, City = city, Consent = new Consent(Listed: listed), Email = null, Orcid = null, Publications = [],
            }, "test");
        }

        return app;
    }
}
