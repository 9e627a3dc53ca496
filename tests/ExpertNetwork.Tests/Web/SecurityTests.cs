using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ExpertNetwork.Accounts;

namespace ExpertNetwork.Tests.Web;

public sealed class SecurityTests
{
    [Fact]
    public async Task AFormPostWithoutItsAntiforgeryTokenIsRejected()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        using var session = app.Session();

        var response = await session.Client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = ExpertNetworkApp.AdminEmail,
            ["password"] = ExpertNetworkApp.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("expertnet.session=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ACookieAuthenticatedJsonWriteWithoutTheTokenHeaderIsRejected()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        using var recruiter = await app.SignedInAsync(Roles.Recruiter);

        var without = await recruiter.SendJsonAsync(HttpMethod.Post, "/api/shortlists", new { name = "Forged" }, withToken: false);
        var with = await recruiter.SendJsonAsync(HttpMethod.Post, "/api/shortlists", new { name = "Genuine" });

        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Equal(HttpStatusCode.Created, with.StatusCode);
        var names = (await recruiter.GetJsonAsync("/api/shortlists")).EnumerateArray().Select(s => s.GetProperty("name").GetString());
        Assert.Equal(["Genuine"], names);
    }

    [Fact]
    public async Task RepeatedSignInAttemptsAreAnsweredWithTooManyRequests()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0, new Dictionary<string, string> { ["Security:SignInPermitLimit"] = "3" });
        using var session = app.Session();
        var page = await session.GetStringAsync("/account/sign-in");
        var token = WebSession.FormToken(page);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var response = await session.Client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = ExpertNetworkApp.AdminEmail,
                ["password"] = "wrong password " + i,
                ["__RequestVerificationToken"] = token,
            }));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/account/sign-in")).StatusCode);
    }

    [Fact]
    public async Task SearchingFasterThanTheLimitIsAnsweredWithTooManyRequests()
    {
        await using var app = new ExpertNetworkApp(demoCount: 10, new Dictionary<string, string> { ["Security:SearchPermitLimit"] = "3" });
        using var recruiter = await app.SignedInAsync(Roles.Recruiter);

        var statuses = new List<HttpStatusCode>();
        foreach (var url in new[] { "/api/search?q=ai", "/api/suggest?q=ng", "/search?q=ai", "/api/search?q=ai" })
        {
            statuses.Add((await recruiter.GetAsync(url)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task PagesCarryTheSecurityHeadersAndAllowNoInlineScript()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        using var session = app.Session();

        var response = await session.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", html);
        Assert.DoesNotContain(" style=\"", html);
    }

    [Fact]
    public async Task AnOversizedRequestBodyIsRefusedBeforeItIsRead()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0, new Dictionary<string, string> { ["Security:MaxRequestBodyBytes"] = "4096" });
        using var recruiter = await app.SignedInAsync(Roles.Recruiter);

        var token = await recruiter.GetJsonAsync("/api/antiforgery");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/shortlists")
        {
            Content = new StringContent($$"""{"name":"Big","need":"{{new string('x', 10_000)}}"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-CSRF-TOKEN", token.GetProperty("token").GetString());

        var response = await recruiter.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty((await recruiter.GetJsonAsync("/api/shortlists")).EnumerateArray());
    }

    [Fact]
    public async Task ARoleChangeEndsTheSessionsThatCarryTheOldRole()
    {
        await using var app = new ExpertNetworkApp(demoCount: 5);
        var recruiter = await app.CreateUserAsync("demoted@example.org", Roles.Recruiter);
        using var session = app.Session();
        await session.SignInAsync("demoted@example.org", ExpertNetworkApp.Password);
        using var admin = await app.SignedInAsync(Roles.Admin);
        var before = await session.GetAsync("/api/search?q=ai");

        var change = await admin.SendJsonAsync(HttpMethod.Put, $"/api/users/{recruiter.Id}/role", new { role = Roles.Researcher });

        var after = await session.GetAsync("/api/search?q=ai");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task TheLastAdminCannotBeDemoted()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        using var admin = await app.SignedInAsync(Roles.Admin);
        var me = await admin.GetJsonAsync("/api/account/me");

        var response = await admin.SendJsonAsync(HttpMethod.Put, $"/api/users/{me.GetProperty("id").GetString()}/role", new { role = Roles.Recruiter });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(Roles.Admin, (await admin.GetJsonAsync("/api/account/me")).GetProperty("role").GetString());
    }

    [Fact]
    public async Task AdminsCreateRecruitersAndOrganisersWhoCanThenSignIn()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        using var admin = await app.SignedInAsync(Roles.Admin);

        var created = await admin.SendJsonAsync(HttpMethod.Post, "/api/users", new { email = "org@example.org", password = ExpertNetworkApp.Password, role = Roles.Organiser, displayName = "Ban tổ chức" });
        var weak = await admin.SendJsonAsync(HttpMethod.Post, "/api/users", new { email = "weak@example.org", password = "short", role = Roles.Recruiter });
        using var organiser = app.Session();
        await organiser.SignInAsync("org@example.org", ExpertNetworkApp.Password);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(Roles.Organiser, (await organiser.GetJsonAsync("/api/account/me")).GetProperty("role").GetString());
    }

    [Fact]
    public async Task SelfRegisteredUsersAreResearchersWhateverTheFormSays()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        using var session = app.Session();

        var response = await session.PostFormAsync("/account/register", "/account/register", new()
        {
            ["displayName"] = "Nguyễn Thị Tự Đăng Ký",
            ["email"] = "self@example.org",
            ["password"] = ExpertNetworkApp.Password,
            ["confirm"] = ExpertNetworkApp.Password,
            ["role"] = Roles.Admin,
        });
        var activated = await session.GetStringAsync("/account/activate?token=" + ResearcherTests.TokenFromOutbox(app.DataDirectory, "self@example.org"));
        await session.SignInAsync("self@example.org", ExpertNetworkApp.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Tài khoản của bạn đã được kích hoạt", activated);
        Assert.Equal(Roles.Researcher, (await session.GetJsonAsync("/api/account/me")).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync("/api/search?q=ai")).StatusCode);
    }

    [Fact]
    public async Task WithoutTheAdminVariablesNoAdminIsCreated()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0, new Dictionary<string, string> { ["Accounts:AdminEmail"] = "", ["Accounts:AdminPassword"] = "" });
        using var session = app.Session();

        var page = await session.GetStringAsync("/account/sign-in");
        var response = await session.Client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = ExpertNetworkApp.AdminEmail,
            ["password"] = ExpertNetworkApp.Password,
            ["__RequestVerificationToken"] = WebSession.FormToken(page),
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Email hoặc mật khẩu không đúng.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignInSendsPeopleBackOnlyToPagesOfThisSite()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        using var local = app.Session();
        using var external = app.Session();

        var toLocal = await local.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["email"] = ExpertNetworkApp.AdminEmail, ["password"] = ExpertNetworkApp.Password, ["returnUrl"] = "/stats" });
        var toExternal = await external.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["email"] = ExpertNetworkApp.AdminEmail, ["password"] = ExpertNetworkApp.Password, ["returnUrl"] = "//evil.example/" });

        Assert.Equal("/stats", toLocal.Headers.Location!.OriginalString);
        Assert.Equal("/", toExternal.Headers.Location!.OriginalString);
    }
}
