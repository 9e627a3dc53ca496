using System.Text.RegularExpressions;
using ExpertNetwork.Accounts;
using ExpertNetwork.Experts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ExpertNetwork.Tests.Browser;

public sealed class TeamFlowTests
{
    private static readonly Expert[] Specialists =
    [
        Specialist("team-analog", "Mai Thị Tương Tự", "Đại học Quy Nhơn", "VN", "Quy Nhơn", ["thiết kế vi mạch tương tự", "analog IC design", "LDO"]),
        Specialist("team-verify", "Tạ Văn Kiểm Chứng", "Synopsys", "US", "San Jose", ["xác minh thiết kế", "design verification", "UVM"]),
        Specialist("team-package", "Ông Thị Đóng Gói", "Intel Products Vietnam", "VN", "TP. Hồ Chí Minh", ["đóng gói chip", "chip packaging", "advanced packaging"]),
        Specialist("team-lead", "Phí Văn Quản Lý", "FPT Semiconductor", "VN", "Đà Nẵng", ["quản lý dự án", "project management", "semiconductor"]),
    ];

    [SkippableFact]
    public async Task ARecruiterAssemblesATeamOfFourForAProjectSeesWhoCoversWhatAndShortlistsIt()
    {
        Skip.IfNot(Chromium.IsInstalled, Chromium.MissingReason);
        await using var live = await LiveApp.StartAsync();
        var directory = live.Services.GetRequiredService<ExpertDirectory>();
        foreach (var expert in Specialists)
        {
            await directory.SaveAsync(expert, "test");
        }

        await using var session = await BrowserSession.SignedInAsync(live, Roles.Recruiter);
        var (page, errors) = (session.Page, session.Errors);

        await page.ClickAsync("nav a[href='/match/team']");
        await page.FillAsync("textarea[name=Text]", "Phòng thí nghiệm vi mạch ở Quy Nhơn: thiết kế vi mạch tương tự cho cảm biến IoT, xác minh thiết kế, đóng gói chip.");
        await page.FillAsync("input[name=Size]", "4");
        await page.FillAsync("textarea[name=Skills]", "quản lý dự án");
        await page.CheckAsync("input[name=OnePerAffiliation]");
        await page.CheckAsync("input[name=InProvince]");
        await page.ClickAsync("form.team-form button[type=submit]");
        await page.Locator("table.team").WaitForAsync();

        var skills = (await page.Locator(".team-skills li").AllTextContentsAsync()).Select(s => s.Trim()).ToList();
        Assert.Contains("thiết kế vi mạch tương tự", skills);
        Assert.Contains("xác minh thiết kế", skills);
        Assert.Contains("đóng gói chip", skills);
        Assert.Contains("quản lý dự án", skills);
        var members = page.Locator("table.team tr.member");
        Assert.Equal(4, await members.CountAsync());
        var covered = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var covers = (await members.Nth(i).Locator(".covers .skill").AllTextContentsAsync()).Select(s => s.Trim()).ToList();
            Assert.NotEmpty(covers);
            covered.AddRange(covers);
            Assert.Matches(@"^\d\.\d\d$", (await members.Nth(i).Locator(".member-fit").TextContentAsync())!.Trim());
        }

        var uncovered = (await page.Locator("ul.uncovered li").AllTextContentsAsync()).Select(s => s.Trim()).ToList();
        Assert.Equal(skills.Order(), covered.Concat(uncovered).Order());
        Assert.Equal(covered.Count, covered.Distinct().Count());
        var affiliations = await members.Locator(".expert-line").AllTextContentsAsync();
        Assert.Contains(affiliations, a => a.Contains("Trong tỉnh", StringComparison.Ordinal));
        await page.Locator("details.how summary").ClickAsync();
        await Chromium.ScreenshotAsync(page, "team-1-proposed");

        var names = (await members.Locator("td a").AllTextContentsAsync()).Select(n => n.Trim()).ToList();
        await page.FillAsync("input[name=newName]", "Nhóm vi mạch Quy Nhơn");
        await page.ClickAsync("button.save-team");
        await Browse.ArrivedAsync(page, new Regex("/shortlists/[0-9a-f]{32}$"));
        Assert.Contains("Đã lưu 4 thành viên", await page.Locator(".flash").TextContentAsync());
        Assert.Equal(names.Order(), (await page.Locator("table.shortlist tbody tr td a").AllTextContentsAsync()).Select(n => n.Trim()).Order());
        var notes = await page.Locator("table.shortlist textarea[name=note]").EvaluateAllAsync<string[]>("areas => areas.map(a => a.value)");
        Assert.All(notes, n => Assert.StartsWith("Đảm nhận: ", n));
        await Chromium.ScreenshotAsync(page, "team-2-shortlisted");
        Assert.Empty(errors);
    }

    private static Expert Specialist(string id, string name, string affiliation, string country, string city, IReadOnlyList<string> keywords) => new()
    {
        Id = id,
        FullName = name,
        Headline = $"{keywords[1]} — {affiliation}",
        Affiliation = affiliation,
        Country = country,
        City = city,
        Fields = ["semiconductor"],
        Keywords = keywords,
        Languages = ["vi", "en"],
        Degree = "phd",
        HIndex = 12,
        Engagement = ["advisory", "visiting"],
        Bio = $"Chuyên gia {keywords[0]} ({keywords[1]}).",
        Consent = new Consent(Listed: true, Contact: true),
    };
}
