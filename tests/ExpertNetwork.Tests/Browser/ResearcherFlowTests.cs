using ExpertNetwork.Experts;
using ExpertNetwork.Tests.Support;
using ExpertNetwork.Tests.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ExpertNetwork.Tests.Browser;

public sealed class ResearcherFlowTests
{
    [SkippableFact]
    public async Task AResearcherRegistersClaimsAProfileThroughTheEmailedLinkEditsTheHeadlineAndKeywordsAndSeesTheChange()
    {
        Skip.IfNot(Chromium.IsInstalled, Chromium.MissingReason);
        await using var live = await LiveApp.StartAsync(demoCount: 20);
        await live.Services.GetRequiredService<ExpertDirectory>().SaveAsync(ExpertBuilder.Full("bd-claim-01") with { Email = "duc.claim@example.org" }, "test");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = live.BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

        await page.GotoAsync("/account/register");
        await page.FillAsync("input[name=displayName]", "Nguyễn Văn Đức");
        await page.FillAsync("input[name=email]", "duc.researcher@example.org");
        await page.FillAsync("input[name=password]", LiveApp.Password);
        await page.FillAsync("input[name=confirm]", LiveApp.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(live.BaseUrl.TrimEnd('/') + "/");

        await page.ClickAsync("nav a[href='/me']");
        await page.FillAsync("form.claim-form input[name=expertId]", "bd-claim-01");
        await page.ClickAsync("form.claim-form button[type=submit]");
        await page.Locator(".claim-message").WaitForAsync();
        Assert.Contains("d****", await page.Locator(".claim-message").TextContentAsync());
        await Chromium.ScreenshotAsync(page, "researcher-1-claim-sent");

        var token = ResearcherTests.TokenFromOutbox(live.DataDirectory, "duc.claim@example.org");
        await page.GotoAsync("/me/claim/verify?token=" + token);
        Assert.Contains("Hồ sơ đã được gắn", await page.Locator(".verify-result").TextContentAsync());

        await page.GotoAsync("/me");
        await page.FillAsync("form.profile-form input[name=headline]", "Giáo sư thiết kế vi mạch tương tự");
        await page.FillAsync("form.profile-form textarea[name=keywords]", "vi mạch tương tự\nbộ chuyển đổi ADC");
        await page.ClickAsync("form.profile-form button[type=submit]");
        await page.Locator(".flash").WaitForAsync();

        Assert.Equal("Giáo sư thiết kế vi mạch tương tự", (await page.Locator(".preview-headline").TextContentAsync())!.Trim());
        Assert.Contains("bộ chuyển đổi ADC", await page.Locator(".preview-keywords").TextContentAsync());
        Assert.Equal("Giáo sư thiết kế vi mạch tương tự", await page.InputValueAsync("form.profile-form input[name=headline]"));
        await Chromium.ScreenshotAsync(page, "researcher-2-profile-edited");
    }
}
