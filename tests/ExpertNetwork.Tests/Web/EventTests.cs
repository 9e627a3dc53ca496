using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ExpertNetwork.Accounts;
using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ExpertNetwork.Tests.Web;

public sealed class EventTests
{
    private static async Task<string> CreateAsync(WebSession session, object body)
    {
        var response = await session.SendJsonAsync(HttpMethod.Post, "/api/events", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    [Theory]
    [InlineData(Roles.Organiser, HttpStatusCode.Created)]
    [InlineData(Roles.Admin, HttpStatusCode.Created)]
    [InlineData(Roles.Recruiter, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Researcher, HttpStatusCode.Forbidden)]
    public async Task EventsAreForOrganisersAndAdminsOnly(string role, HttpStatusCode expected)
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        using var session = await app.SignedInAsync(role);

        var response = await session.SendJsonAsync(HttpMethod.Post, "/api/events", new { name = "ICISE 2026", topics = new[] { "AI" } });

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task AnotherOrganisersEventIsNotFoundForEveryOperation()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        await app.Services.GetRequiredService<ExpertDirectory>().SaveAsync(ExpertBuilder.Full("ev-1"), "test");
        using var owner = await app.SignedInAsync(Roles.Organiser);
        using var other = await app.SignedInAsync(Roles.Organiser);
        var id = await CreateAsync(owner, new { name = "ICISE 2026", startsOn = "2026-07-20", endsOn = "2026-07-25", topics = new[] { "vi mạch" } });
        await owner.SendJsonAsync(HttpMethod.Put, $"/api/events/{id}/invitations/ev-1");

        var attempts = new[]
        {
            await other.GetAsync($"/api/events/{id}"),
            await other.GetAsync($"/api/events/{id}/invitations.csv"),
            await other.SendJsonAsync(HttpMethod.Post, $"/api/events/{id}/speakers", new { topic = "analog IC design" }),
            await other.SendJsonAsync(HttpMethod.Put, $"/api/events/{id}/invitations/ev-1"),
            await other.SendJsonAsync(HttpMethod.Patch, $"/api/events/{id}/invitations/ev-1", new { status = "declined" }),
            await other.SendJsonAsync(HttpMethod.Delete, $"/api/events/{id}/invitations/ev-1"),
            await other.SendJsonAsync(HttpMethod.Delete, $"/api/events/{id}"),
            await other.GetAsync($"/events/{id}"),
            await other.PostFormAsync("/events", $"/events/{id}?handler=invite", new() { ["expertId"] = "ev-1" }),
        };

        Assert.All(attempts, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        var kept = await owner.GetJsonAsync($"/api/events/{id}");
        Assert.Equal("draft", Assert.Single(kept.GetProperty("invitations").EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheSpeakerFinderExcludesCoAuthorsAndColleaguesOfTheOrganisersAndCapsEachAffiliation()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        var directory = app.Services.GetRequiredService<ExpertDirectory>();
        var organiser = ExpertBuilder.Full("org-1", "Trần Tổ Chức");
        await directory.SaveAsync(organiser, "test");
        await directory.SaveAsync(ExpertBuilder.Full("coauthor", "Lê Đồng Tác") with { Affiliation = "Seoul National University" }, "test");
        await directory.SaveAsync(ExpertBuilder.Full("colleague", "Phan Đồng Nghiệp") with { Publications = [] }, "test");
        var unrelated = new Publication { Title = "Low-power analog front ends for IoT sensors", Abstract = "Analog IC design of SAR ADC.", Year = 2024, Doi = "10.1/other" };
        foreach (var i in Enumerable.Range(1, 3))
        {
            await directory.SaveAsync(ExpertBuilder.Full($"tokyo-{i}", $"Nguyễn Văn Tokyo {i}") with { Affiliation = "University of Tokyo", Country = "JP", City = "Tokyo", Publications = [unrelated with { Doi = $"10.1/t{i}", Title = unrelated.Title + " " + i }] }, "test");
        }

        using var session = await app.SignedInAsync(Roles.Organiser);
        var id = await CreateAsync(session, new { name = "ICISE 2026", topics = new[] { "thiết kế vi mạch" }, organiserIds = new[] { "org-1" } });

        var response = await session.SendJsonAsync(HttpMethod.Post, $"/api/events/{id}/speakers", new { topic = "analog IC design, SAR ADC", count = 5, maxPerAffiliation = 2, minAbroadShare = 0.5 });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var speakers = body.GetProperty("speakers").EnumerateArray().Select(s => s.GetProperty("expertId").GetString()).ToList();
        var excluded = body.GetProperty("excluded").EnumerateArray().ToDictionary(e => e.GetProperty("expertId").GetString()!, e => e.GetProperty("reason").GetString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("org-1", speakers);
        Assert.DoesNotContain("coauthor", speakers);
        Assert.DoesNotContain("colleague", speakers);
        Assert.Equal("organiser", excluded["org-1"]);
        Assert.Equal("coauthor", excluded["coauthor"]);
        Assert.Equal("affiliation", excluded["colleague"]);
        Assert.Equal(2, speakers.Count(s => s!.StartsWith("tokyo-", StringComparison.Ordinal)));
        Assert.False(body.GetProperty("genderBalanceApplied").GetBoolean());
    }

    [Fact]
    public async Task ASpeakerTopicWithAMistypedWordIsMatchedAsTheDirectoryWritesItAndTheListSaysSo()
    {
        await using var app = new ExpertNetworkApp(demoCount: 40);
        var engine = app.Services.GetRequiredService<MatchingEngine>();
        for (var waited = 0; !engine.Status.DirectoryAnalysed && waited < 600; waited++)
        {
            await Task.Delay(100);
        }

        using var session = await app.SignedInAsync(Roles.Organiser);
        var id = await CreateAsync(session, new { name = "ICISE 2026", topics = new[] { "research methods" } });

        var body = await (await session.SendJsonAsync(HttpMethod.Post, $"/api/events/{id}/speakers", new { topic = "empiricl study" })).Content.ReadFromJsonAsync<JsonElement>();
        var page = WebUtility.HtmlDecode(await (await session.PostFormAsync($"/events/{id}", $"/events/{id}?handler=find", new() { ["Topic"] = "empiricl study" })).Content.ReadAsStringAsync());

        var readAs = Assert.Single(body.GetProperty("readAs").EnumerateArray());
        Assert.Equal(("empiricl", "empirical"), (readAs.GetProperty("typed").GetString(), readAs.GetProperty("meant").GetString()));
        Assert.NotEmpty(body.GetProperty("speakers").EnumerateArray());
        Assert.Contains("id=\"speakers-read-as\"", page);
        Assert.Contains("“empiricl” là “empirical”", page);
    }

    [Fact]
    public async Task TheInvitationExportIsSafeFromFormulaInjection()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        await app.Services.GetRequiredService<ExpertDirectory>().SaveAsync(ExpertBuilder.Full("csv-1", "=HYPERLINK(\"http://evil\")"), "test");
        using var session = await app.SignedInAsync(Roles.Organiser);
        var id = await CreateAsync(session, new { name = "ICISE" });
        await session.SendJsonAsync(HttpMethod.Put, $"/api/events/{id}/invitations/csv-1");
        var patched = await session.SendJsonAsync(HttpMethod.Patch, $"/api/events/{id}/invitations/csv-1", new { status = "invited", note = "+cmd|' /C calc'!A0" });
        var bad = await session.SendJsonAsync(HttpMethod.Patch, $"/api/events/{id}/invitations/csv-1", new { status = "maybe" });

        var csv = await session.GetStringAsync($"/api/events/{id}/invitations.csv");

        Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("invited", csv);
        Assert.DoesNotContain(",=HYPERLINK", csv);
        Assert.DoesNotContain(",+cmd", csv);
    }
}
