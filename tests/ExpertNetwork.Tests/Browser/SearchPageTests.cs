using System.Text.RegularExpressions;
using ExpertNetwork.Accounts;
using Microsoft.Playwright;

namespace ExpertNetwork.Tests.Browser;

public sealed class SearchPageTests
{
    [SkippableFact]
    public async Task A_recruiter_pages_forward_and_back_through_results()
    {
        Skip.IfNot(Chromium.IsInstalled, Chromium.MissingReason);
        await using var live = await LiveApp.StartAsync(demoCount: 80);
        var email = await live.CreateUserAsync(Roles.Recruiter);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await Browse.NewPageAsync(browser, live);
        var errors = Browse.WatchErrors(page);
        await Browse.SignInAsync(page, live, email);

        await page.GotoAsync("/search");
        await page.SelectOptionAsync("#sort", "name");
        await page.ClickAsync(".search-box button[type=submit]");
        await page.WaitForURLAsync(new Regex("sort=name"));
        var pager = page.Locator("nav.pager");
        var indicator = await pager.Locator("span").TextContentAsync();
        var pageCount = int.Parse(Regex.Match(indicator!, @"^Trang 1/(\d+)$").Groups[1].Value);
        Assert.True(pageCount >= 3, $"the demo directory should fill three pages, got {indicator}");
        var first = await NamesAsync(page);

        await pager.Locator("a[rel=next]").ClickAsync();
        await page.WaitForURLAsync(new Regex("page=2"));
        Assert.Equal($"Trang 2/{pageCount}", await pager.Locator("span").TextContentAsync());
        var second = await NamesAsync(page);
        Assert.Empty(first.Intersect(second));
        Assert.True(string.CompareOrdinal(Fold(first[^1]), Fold(second[0])) <= 0, $"sorted by name, page 2 starts with {second[0]} after {first[^1]}");
        await Chromium.ScreenshotAsync(page, "search-paging-2");

        await pager.Locator("a[rel=next]").ClickAsync();
        await page.WaitForURLAsync(new Regex("page=3"));
        Assert.Equal($"Trang 3/{pageCount}", await pager.Locator("span").TextContentAsync());
        Assert.Empty(second.Intersect(await NamesAsync(page)));

        await pager.Locator("a[rel=prev]").ClickAsync();
        await page.WaitForURLAsync(new Regex("page=2"));
        Assert.Equal(second, await NamesAsync(page));

        await pager.Locator("a[rel=prev]").ClickAsync();
        await page.WaitForURLAsync(new Regex("page=1"));
        Assert.Equal($"Trang 1/{pageCount}", await pager.Locator("span").TextContentAsync());
        Assert.Equal(first, await NamesAsync(page));
        Assert.Equal(0, await pager.Locator("a[rel=prev]").CountAsync());
        Assert.Empty(errors);
    }

    private static async Task<List<string>> NamesAsync(IPage page) =>
        (await page.Locator(".hit h3 a").AllTextContentsAsync()).Select(n => n.Trim()).ToList();

    private static string Fold(string name) => ExpertNetwork.Text.VietnameseText.Fold(name);
}
