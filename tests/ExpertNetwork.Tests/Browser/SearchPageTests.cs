using System.Text.RegularExpressions;
using ExpertNetwork.Accounts;
using ExpertNetwork.Experts;
using ExpertNetwork.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ExpertNetwork.Tests.Browser;

public sealed class SearchPageTests
{
    [SkippableFact]
    public async Task A_recruiter_pages_forward_and_back_through_results()
    {
        Skip.IfNot(Chromium.IsInstalled, Chromium.MissingReason);
        await using var live = await LiveApp.StartAsync(demoCount: 80);
        await using var session = await BrowserSession.SignedInAsync(live, Roles.Recruiter);
        var (page, errors) = (session.Page, session.Errors);

        await page.GotoAsync("/search");
        await page.SelectOptionAsync("#sort", "name");
        await page.ClickAsync(".search-box button[type=submit]");
        await Browse.ArrivedAsync(page, new Regex("sort=name"));
        var pager = page.Locator("nav.pager");
        var indicator = await pager.Locator("span").TextContentAsync();
        var pageCount = int.Parse(Regex.Match(indicator!, @"^Trang 1/(\d+)$").Groups[1].Value);
        Assert.True(pageCount >= 3, $"the demo directory should fill three pages, got {indicator}");
        var first = await NamesAsync(page);

        await pager.Locator("a[rel=next]").ClickAsync();
        await Browse.ArrivedAsync(page, new Regex("page=2"));
        Assert.Equal($"Trang 2/{pageCount}", await pager.Locator("span").TextContentAsync());
        var second = await NamesAsync(page);
        Assert.Empty(first.Intersect(second));
        Assert.True(string.CompareOrdinal(Fold(first[^1]), Fold(second[0])) <= 0, $"sorted by name, page 2 starts with {second[0]} after {first[^1]}");
        await Chromium.ScreenshotAsync(page, "search-paging-2");

        await pager.Locator("a[rel=next]").ClickAsync();
        await Browse.ArrivedAsync(page, new Regex("page=3"));
        Assert.Equal($"Trang 3/{pageCount}", await pager.Locator("span").TextContentAsync());
        Assert.Empty(second.Intersect(await NamesAsync(page)));

        await pager.Locator("a[rel=prev]").ClickAsync();
        await Browse.ArrivedAsync(page, new Regex("page=2"));
        Assert.Equal(second, await NamesAsync(page));

        await pager.Locator("a[rel=prev]").ClickAsync();
        await Browse.ArrivedAsync(page, new Regex("page=1"));
        Assert.Equal($"Trang 1/{pageCount}", await pager.Locator("span").TextContentAsync());
        Assert.Equal(first, await NamesAsync(page));
        Assert.Equal(0, await pager.Locator("a[rel=prev]").CountAsync());
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task The_suggestion_dropdown_tells_namesakes_apart()
    {
        Skip.IfNot(Chromium.IsInstalled, Chromium.MissingReason);
        await using var live = await LiveApp.StartAsync(demoCount: 40);
        var directory = live.Services.GetRequiredService<ExpertDirectory>();
        var kaist = ExpertBuilder.Full("namesake-1", "Nguyễn Thị Vân") with { Headline = "Giáo sư vi mạch" };
        await directory.SaveAsync(kaist, "test");
        await directory.SaveAsync(kaist with { Id = "namesake-2", Headline = "Nghiên cứu viên học máy" }, "test");
        await directory.SaveAsync(kaist with { Id = "namesake-3", Affiliation = "Trường Đại học Quy Nhơn", City = "Quy Nhơn", Country = "VN" }, "test");
        await using var session = await BrowserSession.SignedInAsync(live, Roles.Recruiter);
        var (page, errors) = (session.Page, session.Errors);

        await page.GotoAsync("/search");
        await page.Locator("#q").PressSequentiallyAsync("nguyen thi van");
        var options = page.Locator("#suggestions li a[href^='/experts/namesake-']");
        await options.Nth(2).WaitForAsync();
        var lines = new Dictionary<string, string>();
        for (var i = 0; i < await options.CountAsync(); i++)
        {
            var option = options.Nth(i);
            Assert.Equal("Nguyễn Thị Vân", await option.Locator(".name").TextContentAsync());
            lines[(await option.GetAttributeAsync("href"))!["/experts/".Length..]] = (await option.Locator(".detail").TextContentAsync())!;
        }

        await Chromium.ScreenshotAsync(page, "search-suggestions-namesakes");
        Assert.Equal("KAIST · Daejeon, Hàn Quốc · Giáo sư vi mạch", lines["namesake-1"]);
        Assert.Equal("KAIST · Daejeon, Hàn Quốc · Nghiên cứu viên học máy", lines["namesake-2"]);
        Assert.Equal("Trường Đại học Quy Nhơn · Quy Nhơn, Việt Nam", lines["namesake-3"]);
        Assert.True(await page.Locator("#suggestions li a[href='/experts/namesake-3'] .detail").IsVisibleAsync());
        Assert.Empty(errors);
    }

    private static async Task<List<string>> NamesAsync(IPage page) =>
        (await page.Locator(".hit h3 a").AllTextContentsAsync()).Select(n => n.Trim()).ToList();

    private static string Fold(string name) => ExpertNetwork.Text.VietnameseText.Fold(name);
}
