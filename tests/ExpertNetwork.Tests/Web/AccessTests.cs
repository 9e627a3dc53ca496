using System.Net;
using ExpertNetwork.Accounts;

namespace ExpertNetwork.Tests.Web;

/// <summary>Each role against each endpoint and page: what it may do, and the status it gets for what it may not.</summary>
public sealed class AccessTests(RoleFixture fixture) : IClassFixture<RoleFixture>
{
    private const string A = RoleFixture.Anonymous;
    private const string Res = Roles.Researcher;
    private const string Rec = Roles.Recruiter;
    private const string Org = Roles.Organiser;
    private const string Adm = Roles.Admin;

    public static TheoryData<string, string, HttpStatusCode> ApiReads()
    {
        var data = new TheoryData<string, string, HttpStatusCode>();
        void Expect(string url, params (string Role, HttpStatusCode Status)[] outcomes)
        {
            foreach (var (role, status) in outcomes)
            {
                data.Add(url, role, status);
            }
        }

        const HttpStatusCode ok = HttpStatusCode.OK, unauthorised = HttpStatusCode.Unauthorized, forbidden = HttpStatusCode.Forbidden;
        foreach (var url in new[] { "/api/search?q=ai", "/api/suggest?q=ng", $"/api/experts/{RoleFixture.ListedId}" })
        {
            Expect(url, (A, unauthorised), (Res, forbidden), (Rec, ok), (Org, ok), (Adm, ok));
        }

        Expect("/api/stats", (A, unauthorised), (Res, ok), (Rec, ok), (Org, ok), (Adm, ok));
        Expect("/api/account/me", (A, unauthorised), (Res, ok), (Rec, ok), (Org, ok), (Adm, ok));
        Expect("/api/shortlists", (A, unauthorised), (Res, forbidden), (Rec, ok), (Org, forbidden), (Adm, ok));
        Expect("/api/users", (A, unauthorised), (Res, forbidden), (Rec, forbidden), (Org, forbidden), (Adm, ok));
        foreach (var url in new[] { "/health", "/api/openapi/v1.json", "/api/antiforgery" })
        {
            Expect(url, (A, ok), (Res, ok), (Rec, ok), (Org, ok), (Adm, ok));
        }

        return data;
    }

    public static TheoryData<string, string, string> Pages()
    {
        var data = new TheoryData<string, string, string>();
        void Expect(string url, params (string Role, string Outcome)[] outcomes)
        {
            foreach (var (role, outcome) in outcomes)
            {
                data.Add(url, role, outcome);
            }
        }

        const string ok = "200", signIn = "sign-in", denied = "denied";
        foreach (var url in new[] { "/search?q=ai", $"/experts/{RoleFixture.ListedId}" })
        {
            Expect(url, (A, signIn), (Res, denied), (Rec, ok), (Org, ok), (Adm, ok));
        }

        Expect("/shortlists", (A, signIn), (Res, denied), (Rec, ok), (Org, denied), (Adm, ok));
        Expect("/admin/users", (A, signIn), (Res, denied), (Rec, denied), (Org, denied), (Adm, ok));
        Expect("/stats", (A, signIn), (Res, ok), (Rec, ok), (Org, ok), (Adm, ok));
        foreach (var url in new[] { "/", "/account/sign-in", "/account/register" })
        {
            Expect(url, (A, ok), (Res, ok), (Rec, ok), (Org, ok), (Adm, ok));
        }

        return data;
    }

    public static TheoryData<string, string, string, HttpStatusCode> ApiWrites()
    {
        var data = new TheoryData<string, string, string, HttpStatusCode>();
        foreach (var role in new[] { A, Res, Org })
        {
            var expected = role == A ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            data.Add("POST", "/api/shortlists", role, expected);
            data.Add("PUT", $"/api/shortlists/any/experts/{RoleFixture.ListedId}", role, expected);
        }

        foreach (var role in new[] { A, Res, Rec, Org })
        {
            var expected = role == A ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            data.Add("POST", "/api/users", role, expected);
            data.Add("PUT", "/api/users/any/role", role, expected);
            data.Add("POST", $"/api/admin/experts/{RoleFixture.ListedId}/unlist", role, expected);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ApiReads))]
    public async Task EachRoleGetsTheExpectedStatusFromEachApiRead(string url, string role, HttpStatusCode expected)
    {
        var response = await fixture[role].GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EachRoleIsShownOrTurnedAwayFromEachPage(string url, string role, string expected)
    {
        var response = await fixture[role].GetAsync(url);

        switch (expected)
        {
            case "sign-in":
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery);
                break;
            case "denied":
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery);
                break;
            default:
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(ApiWrites))]
    public async Task RolesWithoutTheRightCannotWriteEvenWithAValidToken(string method, string url, string role, HttpStatusCode expected)
    {
        var body = url.EndsWith("/role", StringComparison.Ordinal)
            ? new { role = Roles.Admin }
            : (object)new { name = "x", email = "new@example.org", password = ExpertNetworkApp.Password, role = Roles.Admin };

        var response = await fixture[role].SendJsonAsync(new HttpMethod(method), url, body);

        Assert.Equal(expected, response.StatusCode);
    }
}
