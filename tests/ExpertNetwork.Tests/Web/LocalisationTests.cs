using System.Net;
using System.Text.RegularExpressions;
using ExpertNetwork.Accounts;
using ExpertNetwork.Events;
using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Researchers;
using ExpertNetwork.Web.Events;
using ExpertNetwork.Web.Home;
using ExpertNetwork.Web.Localisation;
using ExpertNetwork.Web.Matching;
using Microsoft.Extensions.DependencyInjection;

namespace ExpertNetwork.Tests.Web;

public sealed partial class LocalisationTests
{
    [Fact]
    public void EveryProblemCoreCanReportHasBothLanguagesWithTheSameArguments()
    {
        Assert.All(Problems.English, problem =>
        {
            Assert.True(Texts.Entries.TryGetValue("problem." + problem.Key, out var texts), $"problem.{problem.Key} has no text");
            Assert.Equal(Placeholders(problem.Value), Placeholders(texts.En));
            Assert.Equal(Placeholders(problem.Value), Placeholders(texts.Vi));
        });
    }

    [Fact]
    public void EveryMatchingFactorHasItsOwnShortLabelInEachLanguage()
    {
        var labels = PairFeatures.All.Select(f => Texts.Entries.TryGetValue("factor." + f, out var t) ? t : throw new Xunit.Sdk.XunitException($"factor.{f} has no label")).ToList();

        Assert.Equal(labels.Count, labels.Select(l => l.Vi).Distinct().Count());
        Assert.Equal(labels.Count, labels.Select(l => l.En).Distinct().Count());
        Assert.All(labels, l => Assert.InRange(Math.Max(l.Vi.Length, l.En.Length), 1, FactorChart.MaxLabelLength));
    }

    [Fact]
    public void TextKeysBuiltFromValuesExistForEveryValue()
    {
        var keys = new List<string>();
        keys.AddRange(Enum.GetNames<InviteOutcome>().SelectMany(o => new[] { "events.invited." + o, "events.send." + o, "events.remind." + o }));
        keys.AddRange(Enum.GetNames<ClaimOutcome>().Where(o => o != nameof(ClaimOutcome.Claimed)).Select(o => "users.link." + o));
        keys.AddRange(new[] { "Self", "LastAdmin" }.Select(o => "users.refused." + o));
        keys.AddRange(InvitationStatuses.All.Select(s => "invitation." + s));
        keys.AddRange(new[] { "organiser", "coauthor", "affiliation" }.Select(r => "events.reason." + r));
        keys.AddRange(new[] { "need", "field", "added" }.Select(s => "team.source." + s));
        keys.AddRange(TeamLimits.Check(new TeamRequest(null, 99, [new string('x', 200)], ["nowhere"], MaxAbroad: -1)).Keys.Select(k => "team.error." + k));
        keys.AddRange(MatchLimits.Check(new MatchRequest(null, "x", ["x"], "x", ["xx"], ["x"], 0)).Keys.Select(k => "match.error." + k));
        foreach (var role in Roles.All)
        {
            var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new(System.Security.Claims.ClaimTypes.Role, role)], "test"));
            keys.AddRange(HomeTiles.For(user).SelectMany(t => new[] { t.Title, t.Description }));
        }

        Assert.All(keys.Distinct(), key => Assert.True(Texts.Entries.ContainsKey(key), $"missing text '{key}'"));
    }

    [Fact]
    public async Task ProfileValidationMessagesAreInThePagesLanguage()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        await app.Services.GetRequiredService<ExpertDirectory>().SaveAsync(Support.ExpertBuilder.Full("loc-1"), "test");
        using var session = await app.SignedInAsync(Roles.Researcher, "loc@example.org");
        var mine = await ResearcherTests.ClaimAsync(app, session, "loc-1", "duc.nguyen@example.org");
        var version = mine.GetProperty("rowVersion").GetInt64().ToString();
        var fields = new Dictionary<string, string> { ["rowVersion"] = version, ["fullName"] = "Nguyễn Văn Đức", ["hIndex"] = "-3", ["email"] = "not-an-email", ["listed"] = "on" };

        var vietnamese = WebUtility.HtmlDecode(await (await session.PostFormAsync("/me", "/me?handler=save", new Dictionary<string, string>(fields))).Content.ReadAsStringAsync());
        var english = WebUtility.HtmlDecode(await (await session.PostFormAsync("/me", "/me?handler=save&lang=en", new Dictionary<string, string>(fields))).Content.ReadAsStringAsync());

        Assert.Contains("phải từ 0 đến 10000, nhận được -3", vietnamese);
        Assert.Contains("«not-an-email» không phải địa chỉ email", vietnamese);
        Assert.DoesNotContain("must be between", vietnamese);
        Assert.Contains("must be between 0 and 10000, got -3", english);
    }

    private static IReadOnlyList<string> Placeholders(string template) =>
        [.. Placeholder().Matches(template.Replace("{{", "").Replace("}}", "")).Select(m => m.Value).Distinct().Order()];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
