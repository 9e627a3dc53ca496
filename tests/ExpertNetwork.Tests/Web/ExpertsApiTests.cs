using System.Text.Json;
using ExpertNetwork.Accounts;

namespace ExpertNetwork.Tests.Web;

public sealed class ExpertsApiTests
{
    [Fact]
    public async Task FreshStartSeedsTheDemoDirectoryAndReportsHealthy()
    {
        await using var app = new ExpertNetworkApp(demoCount: 40);
        // Admins count every profile; anyone else counts listed ones only (StatsDisclosureTests).
        using var session = await app.SignedInAsync(Roles.Admin);

        var health = await session.GetStringAsync("/health");
        var stats = await session.GetJsonAsync("/api/stats");

        Assert.Equal("Healthy", health);
        Assert.Equal(40, stats.GetProperty("experts").GetInt64());
        Assert.True(stats.GetProperty("byField").EnumerateObject().Any());
    }

    [Fact]
    public async Task TheDiasporaIsEveryCountryButVietnam()
    {
        await using var app = new ExpertNetworkApp(demoCount: 120);
        using var session = await app.SignedInAsync(Roles.Recruiter);

        var stats = await session.GetJsonAsync("/api/stats");
        var page = await session.GetStringAsync("/stats");

        // A recruiter's counts hide small countries (null), the same ones in both lists.
        static long? Count(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetInt64();
        var byCountry = stats.GetProperty("byCountry").EnumerateObject().ToDictionary(p => p.Name, p => Count(p.Value));
        var diaspora = stats.GetProperty("diaspora").EnumerateObject().ToDictionary(p => p.Name, p => Count(p.Value));
        Assert.NotEmpty(diaspora);
        Assert.DoesNotContain("VN", diaspora.Keys);
        Assert.All(diaspora, d => Assert.Equal(byCountry[d.Key], d.Value));
        var abroad = stats.GetProperty("byLocation").GetProperty("abroad").GetInt64();
        Assert.True(diaspora.Values.Any(v => v is null) ? diaspora.Values.Sum(v => v ?? 0) < abroad : diaspora.Values.Sum(v => v ?? 0) == abroad);
        Assert.NotEqual(1, diaspora.Values.Count(v => v is null));
        Assert.Contains("<svg role=\"img\"", page);
        Assert.Contains("id=\"diaspora\"", page);
        Assert.Contains("Trong tỉnh", page);
    }

    [Fact]
    public async Task SearchReturnsFacetsWithCountsPagingAndSafeHighlights()
    {
        await using var app = new ExpertNetworkApp(demoCount: 120);
        using var session = await app.SignedInAsync(Roles.Recruiter);

        var first = await session.GetJsonAsync("/api/search?q=" + Uri.EscapeDataString("an ninh mạng") + "&size=5");
        var filtered = await session.GetJsonAsync("/api/search?q=" + Uri.EscapeDataString("an ninh mạng") + "&field=cybersecurity&sort=hindex&page=2&size=5");

        Assert.True(first.GetProperty("total").GetInt64() > 5);
        Assert.Equal(5, first.GetProperty("hits").GetArrayLength());
        var fields = first.GetProperty("facets").GetProperty("field").EnumerateArray().ToList();
        Assert.Contains(fields, f => f.GetProperty("value").GetString() == "cybersecurity" && f.GetProperty("count").GetInt64() > 0);
        Assert.Contains(first.GetProperty("hits").EnumerateArray(), h => h.GetProperty("highlights").EnumerateObject().Any(p => p.Value.EnumerateArray().Any(s => s.GetString()!.Contains("<em>"))));
        Assert.Equal(2, filtered.GetProperty("page").GetInt32());
        Assert.Equal("hindex", filtered.GetProperty("sort").GetString());
        var hIndexes = filtered.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("hIndex").ValueKind == JsonValueKind.Number ? h.GetProperty("hIndex").GetInt32() : -1).ToList();
        Assert.Equal(hIndexes.OrderByDescending(h => h), hIndexes);
        Assert.All(filtered.GetProperty("hits").EnumerateArray(), h => Assert.Contains("cybersecurity", h.GetProperty("fields").EnumerateArray().Select(f => f.GetString())));
        Assert.True(filtered.GetProperty("facets").GetProperty("field").EnumerateArray().Single(f => f.GetProperty("value").GetString() == "cybersecurity").GetProperty("selected").GetBoolean());
    }
}
