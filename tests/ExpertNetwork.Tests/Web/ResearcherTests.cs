using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ExpertNetwork.Accounts;
using ExpertNetwork.Experts;
using ExpertNetwork.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ExpertNetwork.Tests.Web;

public sealed partial class ResearcherTests
{
    private static async Task<WebSession> ResearcherAsync(ExpertNetworkApp app, string email) => await app.SignedInAsync(Roles.Researcher, email);

    /// <summary>The token from the newest mail in the outbox addressed to <paramref name="to"/>.</summary>
    public static string TokenFromOutbox(string dataDirectory, string to)
    {
        var mail = Directory.GetFiles(Path.Combine(dataDirectory, "outbox"), "*.eml").Where(f => f.Contains(to, StringComparison.Ordinal)).Order().Last();
        return TokenPattern().Match(File.ReadAllText(mail)).Groups[1].Value;
    }

    internal static async Task<JsonElement> ClaimAsync(ExpertNetworkApp app, WebSession session, string expertId, string profileEmail)
    {
        var sent = await session.SendJsonAsync(HttpMethod.Post, "/api/me/claim", new { expertId });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var verified = await session.GetAsync("/api/me/claim/verify?token=" + TokenFromOutbox(app.DataDirectory, profileEmail));
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        return await session.GetJsonAsync("/api/me/profile");
    }

    private static JsonObject Edit(JsonElement mine, Action<JsonObject> change)
    {
        var profile = JsonNode.Parse(mine.GetProperty("profile").GetRawText())!.AsObject();
        change(profile);
        return new JsonObject { ["rowVersion"] = mine.GetProperty("rowVersion").GetInt64(), ["profile"] = profile };
    }

    private static async Task<IReadOnlyList<string>> SearchIdsAsync(ExpertNetworkApp app, string query)
    {
        using var recruiter = await app.SignedInAsync(Roles.Recruiter);
        var page = await recruiter.GetJsonAsync("/api/search?q=" + Uri.EscapeDataString(query));
        return page.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!).ToList();
    }

    [Fact]
    public async Task AResearcherClaimsAProfileThroughTheEmailedLinkEditsItAndTheAuditAndSearchFollow()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        var directory = app.Services.GetRequiredService<ExpertDirectory>();
        await directory.SaveAsync(ExpertBuilder.Full("claim-1"), "test");
        using var session = await ResearcherAsync(app, "duc@example.org");

        var mine = await ClaimAsync(app, session, "claim-1", "duc.nguyen@example.org");
        var saved = await session.SendJsonAsync(HttpMethod.Put, "/api/me/profile", Edit(mine, p =>
        {
            p["headline"] = "Giáo sư thiết kế vi mạch";
            p["keywords"] = new JsonArray("quasicrystal photonics");
        }));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var stored = (await directory.Store.GetAsync("claim-1"))!;
        Assert.Equal("Giáo sư thiết kế vi mạch", stored.Expert.Headline);
        Assert.Equal("user:duc@example.org", (await directory.Store.AuditAsync("claim-1"))[^1].ChangedBy);
        Assert.Contains("claim-1", await SearchIdsAsync(app, "quasicrystal photonics"));
    }

    [Fact]
    public async Task UnlistingYourOwnProfileRemovesItFromSearch()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        await app.Services.GetRequiredService<ExpertDirectory>().SaveAsync(ExpertBuilder.Full("claim-2") with { Keywords = ["zeolite membranes"] }, "test");
        using var session = await ResearcherAsync(app, "r2@example.org");
        var mine = await ClaimAsync(app, session, "claim-2", "duc.nguyen@example.org");
        Assert.Contains("claim-2", await SearchIdsAsync(app, "zeolite membranes"));

        var saved = await session.SendJsonAsync(HttpMethod.Put, "/api/me/profile", Edit(mine, p => p["consent"] = new JsonObject { ["listed"] = false, ["contact"] = false }));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.DoesNotContain("claim-2", await SearchIdsAsync(app, "zeolite membranes"));
    }

    [Fact]
    public async Task AnIdInTheBodyCannotRedirectAnEditToAnotherProfile()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        var directory = app.Services.GetRequiredService<ExpertDirectory>();
        await directory.SaveAsync(ExpertBuilder.Full("mine-1"), "test");
        await directory.SaveAsync(ExpertBuilder.Full("victim-1", "Lê Thị Nạn Nhân"), "test");
        using var session = await ResearcherAsync(app, "attacker@example.org");
        var mine = await ClaimAsync(app, session, "mine-1", "duc.nguyen@example.org");

        var saved = await session.SendJsonAsync(HttpMethod.Put, "/api/me/profile", Edit(mine, p => { p["id"] = "victim-1"; p["headline"] = "pwned"; }));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("pwned", (await directory.Store.GetAsync("mine-1"))!.Expert.Headline);
        Assert.NotEqual("pwned", (await directory.Store.GetAsync("victim-1"))!.Expert.Headline);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync("/api/experts/victim-1")).StatusCode);
    }

    [Fact]
    public async Task AClaimedProfileCannotBeClaimedAgainAndATokenOnlyWorksOnceForTheAccountThatAskedForIt()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        await app.Services.GetRequiredService<ExpertDirectory>().SaveAsync(ExpertBuilder.Full("claim-3"), "test");
        using var owner = await ResearcherAsync(app, "owner@example.org");
        using var other = await ResearcherAsync(app, "other@example.org");

        var sent = await owner.SendJsonAsync(HttpMethod.Post, "/api/me/claim", new { expertId = "claim-3" });
        var token = TokenFromOutbox(app.DataDirectory, "duc.nguyen@example.org");
        var stolen = await other.GetAsync("/api/me/claim/verify?token=" + token);
        var verified = await owner.GetAsync("/api/me/claim/verify?token=" + token);
        var again = await owner.GetAsync("/api/me/claim/verify?token=" + token);
        var taken = await other.SendJsonAsync(HttpMethod.Post, "/api/me/claim", new { expertId = "claim-3" });

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/me/profile")).StatusCode);
    }

    [Fact]
    public async Task AProfileWithoutAnEmailMustBeLinkedByAnAdmin()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        await app.Services.GetRequiredService<ExpertDirectory>().SaveAsync(ExpertBuilder.Full("noemail-1") with { Email = null }, "test");
        using var researcher = await ResearcherAsync(app, "nomail@example.org");
        using var admin = await app.SignedInAsync(Roles.Admin);
        var userId = (await researcher.GetJsonAsync("/api/account/me")).GetProperty("id").GetString();

        var refused = await researcher.SendJsonAsync(HttpMethod.Post, "/api/me/claim", new { expertId = "noemail-1" });
        var linked = await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/users/{userId}/profile", new { expertId = "noemail-1" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("NoEmail", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.NoContent, linked.StatusCode);
        Assert.Equal("noemail-1", (await researcher.GetJsonAsync("/api/me/profile")).GetProperty("profile").GetProperty("id").GetString());
    }

    [Theory]
    [InlineData(Roles.Recruiter)]
    [InlineData(Roles.Organiser)]
    [InlineData(Roles.Admin)]
    [InlineData(null)]
    public async Task OnlyResearchersUseTheOwnProfileEndpoints(string? role)
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        await app.Services.GetRequiredService<ExpertDirectory>().SaveAsync(ExpertBuilder.Full("claim-4"), "test");
        using var session = await app.SignedInAsync(role);
        var expected = role is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;

        var attempts = new[]
        {
            await session.GetAsync("/api/me/profile"),
            await session.SendJsonAsync(HttpMethod.Put, "/api/me/profile", new { rowVersion = 1, profile = new { fullName = "x" } }),
            await session.SendJsonAsync(HttpMethod.Post, "/api/me/claim", new { expertId = "claim-4" }),
            await session.GetAsync("/api/me/export"),
            await session.SendJsonAsync(HttpMethod.Delete, "/api/me"),
        };

        Assert.All(attempts, r => Assert.Equal(expected, r.StatusCode));
        Assert.False(Directory.Exists(Path.Combine(app.DataDirectory, "outbox")));
    }

    [Fact]
    public async Task AStaleSaveIsRefusedWithTheNewerDataAndInvalidFieldsAreNamed()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        await app.Services.GetRequiredService<ExpertDirectory>().SaveAsync(ExpertBuilder.Full("claim-5"), "test");
        using var session = await ResearcherAsync(app, "r5@example.org");
        var mine = await ClaimAsync(app, session, "claim-5", "duc.nguyen@example.org");
        var first = await session.SendJsonAsync(HttpMethod.Put, "/api/me/profile", Edit(mine, p => p["headline"] = "first"));

        var stale = await session.SendJsonAsync(HttpMethod.Put, "/api/me/profile", Edit(mine, p => p["headline"] = "second"));
        var invalid = await session.SendJsonAsync(HttpMethod.Put, "/api/me/profile", Edit(await session.GetJsonAsync("/api/me/profile"), p => { p["orcid"] = "1234"; p["country"] = "Vietnam"; }));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("first", (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("profile").GetProperty("headline").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("orcid", out _));
        Assert.True(errors.TryGetProperty("country", out _));
    }

    [Fact]
    public async Task AResearcherDownloadsTheirDataAndDeletesAccountAndProfileWithTheAuditKept()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        var directory = app.Services.GetRequiredService<ExpertDirectory>();
        await directory.SaveAsync(ExpertBuilder.Full("claim-6") with { Keywords = ["perovskite tandem"] }, "test");
        using var session = await ResearcherAsync(app, "r6@example.org");
        await ClaimAsync(app, session, "claim-6", "duc.nguyen@example.org");

        var export = await session.GetJsonAsync("/api/me/export");
        var deleted = await session.SendJsonAsync(HttpMethod.Delete, "/api/me");

        Assert.Equal("r6@example.org", export.GetProperty("account").GetProperty("email").GetString());
        Assert.False(export.GetProperty("account").TryGetProperty("passwordHash", out _));
        Assert.Equal("claim-6", export.GetProperty("profile").GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(await directory.Store.GetAsync("claim-6"));
        var last = (await directory.Store.AuditAsync("claim-6"))[^1];
        Assert.Equal(("delete", "user:r6@example.org"), (last.Action, last.ChangedBy));
        Assert.Null(await app.Services.GetRequiredService<UserStore>().FindByEmailAsync("r6@example.org"));
        Assert.DoesNotContain("claim-6", await SearchIdsAsync(app, "perovskite tandem"));
    }

    [Fact]
    public async Task ScriptInEveryEditedFieldIsRenderedEscapedOnTheMyProfilePage()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        await app.Services.GetRequiredService<ExpertDirectory>().SaveAsync(ExpertBuilder.Full("claim-7"), "test");
        using var session = await ResearcherAsync(app, "r7@example.org");
        var mine = await ClaimAsync(app, session, "claim-7", "duc.nguyen@example.org");
        const string payload = "<script>alert(1)</script><img src=x onerror=alert(2)>";

        var saved = await session.SendJsonAsync(HttpMethod.Put, "/api/me/profile", Edit(mine, p =>
        {
            foreach (var field in new[] { "fullName", "headline", "affiliation", "city", "hometown", "bio" })
            {
                p[field] = payload;
            }

            p["keywords"] = new JsonArray(payload);
            p["otherNames"] = new JsonArray(payload);
        }));
        var html = await session.GetStringAsync("/me");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Fact]
    public async Task TheMyProfileFormShowsValidationErrorsBesideTheFieldAndAStaleFormKeepsTheNewerData()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        var directory = app.Services.GetRequiredService<ExpertDirectory>();
        await directory.SaveAsync(ExpertBuilder.Full("claim-8"), "test");
        using var session = await ResearcherAsync(app, "r8@example.org");
        var mine = await ClaimAsync(app, session, "claim-8", "duc.nguyen@example.org");
        var version = mine.GetProperty("rowVersion").GetInt64().ToString();
        var fields = new Dictionary<string, string> { ["rowVersion"] = version, ["fullName"] = "Nguyễn Văn Đức", ["orcid"] = "1234", ["listed"] = "on" };

        var invalid = await session.PostFormAsync("/me", "/me?handler=save", fields);
        var invalidHtml = await invalid.Content.ReadAsStringAsync();
        await directory.SaveAsync((await directory.Store.GetAsync("claim-8"))!.Expert with { Headline = "newer elsewhere" }, "test");
        var stale = await session.PostFormAsync("/me", "/me?handler=save", new() { ["rowVersion"] = version, ["fullName"] = "Nguyễn Văn Đức", ["headline"] = "mine", ["listed"] = "on" });
        var staleHtml = await stale.Content.ReadAsStringAsync();

        Assert.Contains("field-error", invalidHtml);
        Assert.Contains("ORCID", invalidHtml);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("class=\"errors conflict\"", staleHtml);
        Assert.Contains("newer elsewhere", staleHtml);
        Assert.Equal("newer elsewhere", (await directory.Store.GetAsync("claim-8"))!.Expert.Headline);
    }

    [GeneratedRegex(@"token=([0-9a-f]{64})")]
    private static partial Regex TokenPattern();
}
