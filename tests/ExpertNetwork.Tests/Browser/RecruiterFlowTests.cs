using System.Text.RegularExpressions;
using ExpertNetwork.Accounts;
using Microsoft.Playwright;

namespace ExpertNetwork.Tests.Browser;

public sealed class RecruiterFlowTests
{
    [SkippableFact]
    public async Task ARecruiterSignsInSearchesAnNinhMangSeesHighlightsAndFacetsAndShortlistsAnExpert()
    {
        Skip.IfNot(Chromium.IsInstalled, Chromium.MissingReason);
        await using var live = await LiveApp.StartAsync();
        await using var session = await BrowserSession.SignedInAsync(live, Roles.Recruiter);
        var (page, scriptErrors) = (session.Page, session.Errors);
        Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));

        await page.GotoAsync("/shortlists");
        await page.FillAsync("input[name=name]", "An ninh mạng cho Khu kinh tế Nhơn Hội");
        await page.ClickAsync("main form button[type=submit]");
        await Browse.ArrivedAsync(page, new Regex("/shortlists/[0-9a-f]{32}$"));

        await page.GotoAsync("/search");
        await page.FillAsync("#q", "Nguy");
        await page.Locator("#suggestions li a").First.WaitForAsync();
        Assert.StartsWith("Nguy", await page.Locator("#suggestions li a").First.TextContentAsync());
        await Chromium.ScreenshotAsync(page, "recruiter-1-suggestions");

        await page.FillAsync("#q", "an ninh mạng");
        await page.PressAsync("#q", "Enter");
        await Browse.ArrivedAsync(page, new Regex(@"/search\?q=an"));
        Assert.True(await page.Locator(".hit").CountAsync() > 0, "no results");
        Assert.True(await page.Locator(".hit .highlights em").CountAsync() > 0, "no highlights");
        var cyber = page.Locator(".facet[data-facet=field] label", new PageLocatorOptions { HasText = "An ninh mạng" });
        Assert.Matches(@"^\d+$", (await cyber.Locator(".count").TextContentAsync())!.Trim());
        await Chromium.ScreenshotAsync(page, "recruiter-2-results");

        await cyber.Locator("input").CheckAsync();
        await Browse.ArrivedAsync(page, new Regex("field=cybersecurity"));
        Assert.True(await cyber.Locator("input").IsCheckedAsync());
        var first = page.Locator(".hit").First;
        var name = (await first.Locator("h3 a").TextContentAsync())!.Trim();
        await first.Locator(".add-to-shortlist button").ClickAsync();
        await page.Locator(".flash").WaitForAsync();
        await Chromium.ScreenshotAsync(page, "recruiter-3-added");

        await page.ClickAsync("nav a[href='/shortlists']");
        await page.ClickAsync("text=An ninh mạng cho Khu kinh tế Nhơn Hội");
        await page.Locator("table.shortlist").WaitForAsync();
        Assert.Equal(name, (await page.Locator("table.shortlist tbody tr td a").First.TextContentAsync())!.Trim());
        await page.SelectOptionAsync("table.shortlist select[name=status]", "contacted");
        await page.ClickAsync("table.shortlist .item-form button");
        await page.Locator(".flash").WaitForAsync();
        Assert.Equal("contacted", await page.Locator("table.shortlist select[name=status]").InputValueAsync());
        await Chromium.ScreenshotAsync(page, "recruiter-4-shortlist");

        Assert.Empty(scriptErrors);
    }

    [SkippableFact]
    public async Task TheStatisticsPageDrawsItsChartsWithoutScriptInEnglishToo()
    {
        Skip.IfNot(Chromium.IsInstalled, Chromium.MissingReason);
        await using var live = await LiveApp.StartAsync(demoCount: 80);
        var email = await live.CreateUserAsync(Roles.Organiser);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = live.BaseUrl, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/lang/en?returnUrl=/account/sign-in");
        await page.FillAsync("input[name=email]", email);
        await page.FillAsync("input[name=password]", LiveApp.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.GotoAsync("/stats");

        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(5, await page.Locator("figure.chart svg").CountAsync());
        Assert.True(await page.Locator("#diaspora .bar rect").CountAsync() > 0);
        Assert.True(await page.Locator("#by-location .bar-label", new PageLocatorOptions { HasText = "In the province" }).CountAsync() == 1);
        await Chromium.ScreenshotAsync(page, "organiser-stats-en");
    }
}
