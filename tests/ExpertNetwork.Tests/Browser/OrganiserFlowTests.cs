using System.Text.RegularExpressions;
using ExpertNetwork.Accounts;
using Microsoft.Playwright;

namespace ExpertNetwork.Tests.Browser;

public sealed class OrganiserFlowTests
{
    [SkippableFact]
    public async Task AnOrganiserCreatesAnEventFindsSpeakersForATopicAndInvitesOne()
    {
        Skip.IfNot(Chromium.IsInstalled, Chromium.MissingReason);
        await using var live = await LiveApp.StartAsync();
        var email = await live.CreateUserAsync(Roles.Organiser);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = live.BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("input[name=email]", email);
        await page.FillAsync("input[name=password]", LiveApp.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(live.BaseUrl.TrimEnd('/') + "/");

        await page.ClickAsync("nav a[href='/events']");
        await page.FillAsync("input[name=name]", "ICISE 2026 — Quy Nhơn");
        await page.FillAsync("input[name=startsOn]", "2026-07-20");
        await page.FillAsync("input[name=endsOn]", "2026-07-25");
        await page.FillAsync("textarea[name=topics]", "An ninh mạng\nTrí tuệ nhân tạo");
        await page.ClickAsync("form.event-form button[type=submit]");
        await page.WaitForURLAsync(new Regex("/events/[0-9a-f]{32}$"));

        await page.FillAsync("input[name=topic]", "an ninh mạng, phát hiện xâm nhập");
        await page.FillAsync("input[name=count]", "6");
        await page.FillAsync("input[name=abroad]", "50");
        await page.FillAsync("input[name=perAffiliation]", "1");
        Assert.True(await page.Locator(".gender-note").IsVisibleAsync());
        await page.ClickAsync("form.finder-form button[type=submit]");
        await page.Locator(".speaker-list .speaker").First.WaitForAsync();
        var speakers = await page.Locator(".speaker-list .speaker").CountAsync();
        Assert.InRange(speakers, 1, 6);
        await Chromium.ScreenshotAsync(page, "organiser-1-speakers");

        var name = (await page.Locator(".speaker-list .speaker a").First.TextContentAsync())!.Trim();
        await page.Locator(".speaker-list .speaker button").First.ClickAsync();
        await page.Locator(".flash").WaitForAsync();
        Assert.Equal(name, (await page.Locator("table.invitations .invitee").First.TextContentAsync())!.Trim());
        await page.SelectOptionAsync("table.invitations select[name=status]", "invited");
        await page.FillAsync("table.invitations textarea[name=note]", "Mời báo cáo toàn thể");
        await page.ClickAsync("table.invitations .item-form button");
        await page.Locator(".flash").WaitForAsync();
        Assert.Equal("invited", await page.Locator("table.invitations select[name=status]").InputValueAsync());
        await Chromium.ScreenshotAsync(page, "organiser-2-invitations");
    }
}
