using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ExpertNetwork.Accounts;

namespace ExpertNetwork.Tests.Web;

public sealed class MatchTests(RoleFixture fixture) : IClassFixture<RoleFixture>
{
    private const string AnalogNeed = "Phòng thí nghiệm thiết kế vi mạch tại Quy Nhơn: analog IC design, low-power SoC, SAR ADC for IoT sensor nodes";

    [Theory]
    [InlineData(Roles.Recruiter, HttpStatusCode.OK)]
    [InlineData(Roles.Organiser, HttpStatusCode.OK)]
    [InlineData(Roles.Admin, HttpStatusCode.OK)]
    [InlineData(Roles.Researcher, HttpStatusCode.Forbidden)]
    public async Task MatchingIsForTheStaffRolesOnly(string role, HttpStatusCode expected)
    {
        var response = await fixture[role].SendJsonAsync(HttpMethod.Post, "/api/match", new { text = AnalogNeed, kind = "project" });

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task AnAnonymousCallerIsUnauthorisedAndAPostWithoutTheAntiforgeryHeaderIsRejected()
    {
        var anonymous = await fixture[RoleFixture.Anonymous].SendJsonAsync(HttpMethod.Post, "/api/match", new { text = AnalogNeed });
        var withoutToken = await fixture[Roles.Recruiter].SendJsonAsync(HttpMethod.Post, "/api/match", new { text = AnalogNeed }, withToken: false);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
    }

    [Fact]
    public async Task EveryResultHasAScoreBetweenZeroAndOneInRankOrderAndAnExplanation()
    {
        var response = await fixture[Roles.Recruiter].SendJsonAsync(HttpMethod.Post, "/api/match", new { text = AnalogNeed, kind = "talent", top = 15 });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var results = body.GetProperty("results").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("talent", body.GetProperty("kind").GetString());
        Assert.InRange(results.Count, 1, 15);
        var scores = results.Select(r => r.GetProperty("score").GetDouble()).ToList();
        Assert.All(scores, s => Assert.InRange(s, 0, 1));
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.Equal(Enumerable.Range(1, results.Count), results.Select(r => r.GetProperty("rank").GetInt32()));
        Assert.All(results, r => Assert.NotEmpty(r.GetProperty("explanation").GetProperty("factors").EnumerateArray()));
        var listed = Assert.Single(results, r => r.GetProperty("expertId").GetString() == RoleFixture.ListedId);
        var skills = listed.GetProperty("explanation").GetProperty("matchedSkills").EnumerateArray().ToList();
        Assert.NotEmpty(skills);
        Assert.All(skills, s => Assert.False(string.IsNullOrEmpty(s.GetProperty("english").GetString())));
        Assert.NotEmpty(listed.GetProperty("explanation").GetProperty("publications").EnumerateArray());
    }

    [Theory]
    [InlineData(Roles.Recruiter)]
    [InlineData(Roles.Admin)]
    public async Task AnUnlistedProfileIsNeverMatchedNotEvenForAnAdmin(string role)
    {
        var response = await fixture[role].SendJsonAsync(HttpMethod.Post, "/api/match", new { text = AnalogNeed, top = 50 });
        var ids = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("expertId").GetString()).ToList();
        var page = await fixture[role].PostFormAsync("/match", "/match", new() { ["Text"] = AnalogNeed, ["Kind"] = "project" });
        var html = await page.Content.ReadAsStringAsync();

        Assert.Contains(RoleFixture.ListedId, ids);
        Assert.DoesNotContain(RoleFixture.UnlistedId, ids);
        Assert.Contains(RoleFixture.ListedId, html);
        Assert.DoesNotContain(RoleFixture.UnlistedId, html);
        Assert.DoesNotContain("Võ Văn Ẩn Danh", html);
    }

    [Theory]
    [InlineData("", "text")]
    [InlineData(AnalogNeed, "kind")]
    public async Task AnEmptyNeedOrAnUnknownKindIsAValidationProblem(string text, string field)
    {
        var response = await fixture[Roles.Recruiter].SendJsonAsync(HttpMethod.Post, "/api/match", new { text, kind = field == "kind" ? "party" : "project" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task TheMatchPageShowsAFactorChartAndEvidenceAndEscapesScriptInTheNeed()
    {
        const string payload = "<script>alert('xss')</script><img src=x onerror=alert(1)>";
        await fixture[Roles.Recruiter].SendJsonAsync(HttpMethod.Post, "/api/shortlists", new { name = "Vi mạch" });
        var response = await fixture[Roles.Recruiter].PostFormAsync("/match", "/match", new() { ["Text"] = AnalogNeed + " " + payload, ["Kind"] = "speaker" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("&lt;script&gt;alert(", html);
        Assert.Contains("<svg role=\"img\"", html);
        Assert.Contains("class=\"bar up\"", html);
        Assert.Contains("class=\"close-publications\"", html);
        Assert.Contains("formaction=\"/match?handler=add\"", html);
    }

    [Fact]
    public async Task TheMatchPageSaysWhichModelIsInUseAndHowFarEmbeddingHasGot()
    {
        var html = await (await fixture[Roles.Recruiter].GetAsync("/match?lang=en")).Content.ReadAsStringAsync();

        Assert.Contains("id=\"matching-status\"", html);
        Assert.Contains("Ranked by a model trained on people&#x27;s judgments of fit.", html);
        Assert.Matches("(The whole directory is ready for matching by meaning|% of the directory is ready for matching by meaning|Reading the directory for the first time)", html);
        Assert.DoesNotContain("lightgbm", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("pairs, seed", html);
    }

    [Fact]
    public async Task TheMatchPageDeniesResearchers()
    {
        var response = await fixture[Roles.Researcher].GetAsync("/match");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("denied", response.Headers.Location!.ToString());
    }
}
