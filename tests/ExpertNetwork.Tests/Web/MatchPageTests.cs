using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ExpertNetwork.Accounts;
using ExpertNetwork.Matching;
using Microsoft.Extensions.DependencyInjection;

namespace ExpertNetwork.Tests.Web;

public sealed partial class MatchPageTests(RoleFixture fixture) : IClassFixture<RoleFixture>
{
    private const string BroadNeed = "Nghiên cứu và ứng dụng: trí tuệ nhân tạo, học máy, an ninh mạng, vi mạch, năng lượng, vật liệu, y học, nông nghiệp, môi trường, kinh tế, giáo dục, công nghệ sinh học";

    [Fact]
    public async Task TheMatchPageShowsTenAtATimeUpToFiftyAndPagesWithTheSameNeed()
    {
        var recruiter = fixture[Roles.Recruiter];
        var api = await recruiter.SendJsonAsync(HttpMethod.Post, "/api/match", new { text = BroadNeed, top = 50 });
        var total = (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").GetArrayLength();

        var first = await recruiter.PostFormAsync("/match", "/match", new() { ["Text"] = BroadNeed });
        var second = await recruiter.PostFormAsync("/match", "/match", new() { ["Text"] = BroadNeed, ["ToPage"] = "2" });
        var firstHtml = await first.Content.ReadAsStringAsync();
        var secondHtml = await second.Content.ReadAsStringAsync();

        Assert.InRange(total, 11, 50);
        Assert.Equal(10, ResultCount().Matches(firstHtml).Count);
        Assert.Equal(Math.Min(10, total - 10), ResultCount().Matches(secondHtml).Count);
        Assert.Contains("<ol class=\"matches\" start=\"11\">", secondHtml);
        Assert.Contains("aria-current=\"page\">2<", secondHtml);
        Assert.Contains(BroadNeed, WebUtility.HtmlDecode(secondHtml));
        Assert.Empty(ResultIds(firstHtml).Intersect(ResultIds(secondHtml)));
    }

    [Fact]
    public async Task AddingAResultTwiceSaysItIsAlreadyOnTheListAndKeepsTheResults()
    {
        var recruiter = fixture[Roles.Recruiter];
        var created = await recruiter.SendJsonAsync(HttpMethod.Post, "/api/shortlists", new { name = "Đã có sẵn" });
        var list = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var form = new Dictionary<string, string> { ["Text"] = "thiết kế vi mạch tương tự", ["ShortlistId"] = list, ["expertId"] = RoleFixture.ListedId, ["CurrentPage"] = "1" };

        var once = WebUtility.HtmlDecode(await (await recruiter.PostFormAsync("/match", "/match?handler=add", new Dictionary<string, string>(form))).Content.ReadAsStringAsync());
        var twice = WebUtility.HtmlDecode(await (await recruiter.PostFormAsync("/match", "/match?handler=add", new Dictionary<string, string>(form))).Content.ReadAsStringAsync());

        Assert.Contains("Đã thêm Phạm Thị Hiển Thị vào danh sách «Đã có sẵn».", once);
        Assert.Contains("Phạm Thị Hiển Thị đã có trong danh sách «Đã có sẵn».", twice);
        Assert.Contains("class=\"matches\"", twice);
    }

    [Fact]
    public async Task ANeedInWordsTheDirectoryNeverUsesSaysNoStrongMatchAndShowsWhy()
    {
        // One word ("analog") reaches a profile, so there are people to list; the rest is about food and singing.
        var html = WebUtility.HtmlDecode(await (await fixture[Roles.Recruiter].PostFormAsync(
            "/match", "/match", new() { ["Text"] = "nấu phở ngon, bánh mì và hát karaoke cho buổi tiệc analog" })).Content.ReadAsStringAsync());

        Assert.NotEmpty(ResultIds(html));
        Assert.Contains("id=\"match-weak\"", html);
        Assert.Contains("Không tìm thấy chuyên gia thực sự phù hợp", html);
        Assert.DoesNotContain("chuyên gia phù hợp</h2>", html);
        Assert.Contains("Chủ đề của nhu cầu có trong danh bạ", html);
    }

    [Fact]
    public async Task ANeedTypedWithoutDiacriticsIsJudgedByItsPhrasesNotByItsSyllables()
    {
        var recruiter = fixture[Roles.Recruiter];
        var real = WebUtility.HtmlDecode(await (await recruiter.PostFormAsync("/match", "/match", new() { ["Text"] = "thiet ke vi mach tuong tu" })).Content.ReadAsStringAsync());
        // Horoscopes and pet care: each syllable is somewhere in the directory's Vietnamese, no two of them together.
        var offTopic = WebUtility.HtmlDecode(await (await recruiter.PostFormAsync("/match", "/match", new() { ["Text"] = "xem tu vi, nuoi cho meo va mua xe cu analog" })).Content.ReadAsStringAsync());

        Assert.Contains(RoleFixture.ListedId, ResultIds(real));
        Assert.DoesNotContain("id=\"match-weak\"", real);
        Assert.NotEmpty(ResultIds(offTopic));
        Assert.Contains("id=\"match-weak\"", offTopic);
        Assert.Contains("Chủ đề của nhu cầu có trong danh bạ", offTopic);
    }

    [Fact]
    public async Task AMistypedWordIsMatchedAsTheDirectoryWritesItAndThePageAndTheApiSaySo()
    {
        var engine = fixture.App.Services.GetRequiredService<MatchingEngine>();
        for (var waited = 0; !engine.Status.DirectoryAnalysed && waited < 600; waited++)
        {
            await Task.Delay(100);
        }

        var recruiter = fixture[Roles.Recruiter];
        var html = WebUtility.HtmlDecode(await (await recruiter.PostFormAsync("/match", "/match", new() { ["Text"] = "empiricl study" })).Content.ReadAsStringAsync());
        var api = await (await recruiter.SendJsonAsync(HttpMethod.Post, "/api/match", new { text = "empiricl study" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(engine.Status.DirectoryAnalysed);
        Assert.Contains("id=\"match-read-as\"", html);
        Assert.Contains("“empiricl” là “empirical”", html);
        var readAs = Assert.Single(api.GetProperty("readAs").EnumerateArray());
        Assert.Equal(("empiricl", "empirical"), (readAs.GetProperty("typed").GetString(), readAs.GetProperty("meant").GetString()));
        Assert.DoesNotContain("id=\"match-read-as\"", WebUtility.HtmlDecode(await (await recruiter.PostFormAsync("/match", "/match", new() { ["Text"] = "empirical study" })).Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task AResultLineSeparatesHeadlineAffiliationAndCountry()
    {
        var html = WebUtility.HtmlDecode(await (await fixture[Roles.Recruiter].PostFormAsync("/match", "/match", new() { ["Text"] = "thiết kế vi mạch tương tự" })).Content.ReadAsStringAsync());
        var hit = Regex.Match(html, "data-expert=\"" + RoleFixture.ListedId + "\".*?<p class=\"meta expert-line\">(.*?)</p>", RegexOptions.Singleline).Groups[1].Value;
        var text = Regex.Replace(Regex.Replace(hit, "<[^>]+>", ""), @"\s+", " ").Trim();

        Assert.Equal("Associate Professor, analog and mixed-signal IC design · KAIST · Hàn Quốc · Nước ngoài", text);
    }

    [Fact]
    public async Task TheSkillsTableNeverRepeatsTheVietnameseInTheEnglishColumnNorAnySkillTwice()
    {
        var html = WebUtility.HtmlDecode(await (await fixture[Roles.Recruiter].PostFormAsync("/match", "/match", new() { ["Text"] = "học máy, machine learning, thiết kế vi mạch" })).Content.ReadAsStringAsync());

        foreach (Match table in Regex.Matches(html, "<table class=\"skills\">.*?</table>", RegexOptions.Singleline))
        {
            var rows = Regex.Matches(table.Value, "<tr><td lang=\"vi\">(.*?)</td><td lang=\"en\">(.*?)</td></tr>").Select(m => (Vi: m.Groups[1].Value, En: m.Groups[2].Value)).ToList();
            Assert.All(rows, r => Assert.NotEqual(r.Vi, r.En));
            Assert.Equal(rows.Count, rows.Select(r => r.Vi).Distinct().Count());
            Assert.DoesNotContain(rows, r => r.Vi.Contains('(') || r.En.Contains('('));
        }
    }

    [Fact]
    public async Task PutOnAShortlistEntrySetsTheStatusInItsBodyAndSaysWhetherTheExpertWasAdded()
    {
        var recruiter = fixture[Roles.Recruiter];
        var created = await recruiter.SendJsonAsync(HttpMethod.Post, "/api/shortlists", new { name = "PUT" });
        var list = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var url = $"/api/shortlists/{list}/experts/{RoleFixture.ListedId}";

        var added = await recruiter.SendJsonAsync(HttpMethod.Put, url, new { status = "contacted", note = "Gọi ngày 3/3" });
        var again = await recruiter.SendJsonAsync(HttpMethod.Put, url, new { status = "interested" });
        var bare = await recruiter.SendJsonAsync(HttpMethod.Put, url);
        var bad = await recruiter.SendJsonAsync(HttpMethod.Put, url, new { status = "promoted" });
        var entry = (await recruiter.GetJsonAsync($"/api/shortlists/{list}")).GetProperty("experts")[0];

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, bare.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("interested", entry.GetProperty("status").GetString());
        Assert.Equal("Gọi ngày 3/3", entry.GetProperty("note").GetString());
    }

    [Fact]
    public async Task TheTeamApiProposesATeamWhereEachMemberOwnsASkillAndEachSkillHasOneOwner()
    {
        var response = await fixture[Roles.Recruiter].SendJsonAsync(HttpMethod.Post, "/api/match/team", new
        {
            text = "Phòng thí nghiệm: thiết kế vi mạch tương tự, xác minh thiết kế, đóng gói chip",
            size = 3,
            skills = new[] { "project management" },
            onePerAffiliation = true,
        });
        var team = await response.Content.ReadFromJsonAsync<JsonElement>();
        var skills = team.GetProperty("skills").EnumerateArray().Select(s => s.GetProperty("english").GetString()).ToList();
        var members = team.GetProperty("members").EnumerateArray().ToList();
        var covered = members.SelectMany(m => m.GetProperty("covers").EnumerateArray().Select(c => c.GetProperty("english").GetString())).ToList();
        var uncovered = team.GetProperty("uncovered").EnumerateArray().Select(s => s.GetProperty("english").GetString()).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["analog IC design", "design verification", "chip packaging", "project management"], skills);
        Assert.InRange(members.Count, 1, 3);
        Assert.All(members, m => Assert.NotEmpty(m.GetProperty("covers").EnumerateArray()));
        Assert.Equal(covered.Count, covered.Distinct().Count());
        Assert.Equal(skills.Order(), covered.Concat(uncovered).Order());
        Assert.Equal(members.Count, members.Select(m => m.GetProperty("affiliation").GetString()).Distinct().Count());
        // Each fit and the total are rounded to 4 decimals on their own, so their sums may differ by a few 0.0001.
        Assert.Equal(members.Sum(m => m.GetProperty("fit").GetDouble()), team.GetProperty("total").GetDouble(), tolerance: 0.0005);
    }

    [Fact]
    public async Task ATeamRequestWithMistypedWordsFindsItsSkillsAsSpeltRightAndThePageAndTheApiSaySo()
    {
        var engine = fixture.App.Services.GetRequiredService<MatchingEngine>();
        for (var waited = 0; !engine.Status.DirectoryAnalysed && waited < 600; waited++)
        {
            await Task.Delay(100);
        }

        var recruiter = fixture[Roles.Recruiter];
        var typed = await (await recruiter.SendJsonAsync(HttpMethod.Post, "/api/match/team", new { text = "machne learning and aquaculure", skills = new[] { "computer visoin" } })).Content.ReadFromJsonAsync<JsonElement>();
        var right = await (await recruiter.SendJsonAsync(HttpMethod.Post, "/api/match/team", new { text = "machine learning and aquaculture", skills = new[] { "computer vision" } })).Content.ReadFromJsonAsync<JsonElement>();
        var html = WebUtility.HtmlDecode(await (await recruiter.PostFormAsync("/match/team", "/match/team", new() { ["Text"] = "machne learning and aquaculure" })).Content.ReadAsStringAsync());

        static List<string?> Skills(JsonElement team) => team.GetProperty("skills").EnumerateArray().Select(s => s.GetProperty("english").GetString()).ToList();
        Assert.True(engine.Status.DirectoryAnalysed);
        Assert.Equal(3, Skills(right).Count);
        Assert.Equal(Skills(right), Skills(typed));
        Assert.NotEmpty(typed.GetProperty("members").EnumerateArray());
        Assert.Equal(
            [("machne", "machine"), ("aquaculure", "aquaculture"), ("visoin", "vision")],
            typed.GetProperty("readAs").EnumerateArray().Select(r => (r.GetProperty("typed").GetString(), r.GetProperty("meant").GetString())).ToList());
        Assert.Empty(right.GetProperty("readAs").EnumerateArray());
        Assert.Contains("id=\"team-read-as\"", html);
        Assert.Contains("“aquaculure” là “aquaculture”", html);
    }

    [Fact]
    public async Task TheTeamApiRefusesABadSizeAndTheResearcherRole()
    {
        var bad = await fixture[Roles.Recruiter].SendJsonAsync(HttpMethod.Post, "/api/match/team", new { text = "vi mạch", size = 12 });
        var researcher = await fixture[Roles.Researcher].SendJsonAsync(HttpMethod.Post, "/api/match/team", new { text = "vi mạch" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, researcher.StatusCode);
    }

    private static IEnumerable<string> ResultIds(string html) => Regex.Matches(html, "<li class=\"match\" data-expert=\"([^\"]+)\"").Select(m => m.Groups[1].Value);

    [GeneratedRegex("<li class=\"match\" data-expert=")]
    private static partial Regex ResultCount();
}
