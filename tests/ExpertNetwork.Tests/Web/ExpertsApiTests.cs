using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ExpertNetwork.Experts;
using ExpertNetwork.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ExpertNetwork.Tests.Web;

public sealed class ExpertsApiTests
{
    [Fact]
    public async Task FreshStartSeedsTheDemoDirectoryAndReportsHealthy()
    {
        await using var app = new ExpertNetworkApp(demoCount: 40);
        var client = app.CreateClient();

        var health = await client.GetStringAsync("/health");
        var stats = await client.GetFromJsonAsync<JsonElement>("/api/stats");

        Assert.Equal("Healthy", health);
        Assert.Equal(40, stats.GetProperty("experts").GetInt64());
        Assert.True(stats.GetProperty("byField").EnumerateObject().Any());
    }

    [Fact]
    public async Task UnlistedProfileIsIndistinguishableFromAMissingOne()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        var store = app.Services.GetRequiredService<ExpertStore>();
        await store.SaveAsync(ExpertBuilder.Full("hidden-1") with { Consent = new Consent(Listed: false, Contact: true) }, "test");

        var hidden = await app.CreateClient().GetAsync("/api/experts/hidden-1");
        var missing = await app.CreateClient().GetAsync("/api/experts/nobody");

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(WithoutTraceId(await missing.Content.ReadAsStringAsync()), WithoutTraceId(await hidden.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task EmailIsShownOnlyWithContactConsent()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        var store = app.Services.GetRequiredService<ExpertStore>();
        await store.SaveAsync(ExpertBuilder.Full("private-1") with { Consent = new Consent(Listed: true, Contact: false) }, "test");
        await store.SaveAsync(ExpertBuilder.Full("open-1") with { Consent = new Consent(Listed: true, Contact: true) }, "test");
        var client = app.CreateClient();

        var closed = await client.GetStringAsync("/api/experts/private-1");
        var open = await client.GetStringAsync("/api/experts/open-1");

        Assert.DoesNotContain("duc.nguyen@example.org", closed);
        Assert.Contains("duc.nguyen@example.org", open);
        Assert.Contains("\"location\":\"abroad\"", open);
    }

    private static string WithoutTraceId(string problem)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(problem)!.AsObject();
        json.Remove("traceId");
        return json.ToJsonString();
    }
}
