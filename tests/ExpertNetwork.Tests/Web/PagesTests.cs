using System.Net;
using ExpertNetwork.Accounts;

namespace ExpertNetwork.Tests.Web;

public sealed class PagesTests
{
    [Fact]
    public async Task TooManyRequestsIsAPageInTheReadersLanguageAndProblemDetailsForTheApi()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0, new Dictionary<string, string> { ["Security:MatchPermitLimit"] = "1" });
        using var recruiter = await app.SignedInAsync(Roles.Recruiter);
        await recruiter.PostFormAsync("/match", "/match", new() { ["Text"] = "vi mạch" });

        var page = await recruiter.PostFormAsync("/match", "/match", new() { ["Text"] = "vi mạch" });
        var english = await recruiter.PostFormAsync("/match", "/match?lang=en", new() { ["Text"] = "vi mạch" });
        var api = await recruiter.SendJsonAsync(HttpMethod.Post, "/api/match", new { text = "vi mạch" });
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.NotNull(page.Headers.RetryAfter);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html lang=\"vi\">", html);
        Assert.Contains("Quá nhiều yêu cầu trong thời gian ngắn.", html);
        Assert.DoesNotContain("Too many requests", html);
        Assert.Contains("Too many requests in a short time.", WebUtility.HtmlDecode(await english.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(Roles.Organiser, new[] { "/search", "/match", "/match/team", "/events", "/stats" }, new[] { "/shortlists", "/me", "/admin/users" })]
    [InlineData(Roles.Recruiter, new[] { "/search", "/match", "/match/team", "/shortlists", "/stats" }, new[] { "/events", "/me", "/admin/users" })]
    [InlineData(Roles.Researcher, new[] { "/me", "/stats" }, new[] { "/search", "/match", "/events", "/shortlists", "/admin/users" })]
    [InlineData(Roles.Admin, new[] { "/search", "/match", "/match/team", "/shortlists", "/events", "/stats", "/admin/users" }, new[] { "/me" })]
    public async Task HomeTilesFollowTheRole(string role, string[] shown, string[] hidden)
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        using var session = await app.SignedInAsync(role);

        var home = await session.GetStringAsync("/");
        var tiles = System.Text.RegularExpressions.Regex.Matches(home, "<a href=\"([^\"]+)\" class=\"tile\">").Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(shown.Order(), tiles.Order());
        Assert.All(hidden, h => Assert.DoesNotContain(h, tiles));
    }
}
