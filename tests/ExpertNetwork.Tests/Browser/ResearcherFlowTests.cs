using ExpertNetwork.Experts;
using ExpertNetwork.Tests.Support;
using ExpertNetwork.Tests.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ExpertNetwork.Tests.Browser;

public sealed class ResearcherFlowTests
{
    [SkippableFact]
    public async Task AResearcherFindsTheirProfileByNameClaimsItWithTheButtonAndEditsItWithSelectLists()
    {
        Skip.IfNot(Chromium.IsInstalled, Chromium.MissingReason);
        await using var live = await LiveApp.StartAsync(demoCount: 20);
        await live.Services.GetRequiredService<ExpertDirectory>().SaveAsync(
            ExpertBuilder.Full("bd-claim-01", "Quách Thị Nhận") with { Email = "quach.nhan@example.org", Country = "KR", Degree = "master", Languages = ["vi"] }, "test");
        await using var session = await BrowserSession.StartAsync(live);
        var (page, errors) = (session.Page, session.Errors);

        await page.GotoAsync("/account/register");
        await page.FillAsync("input[name=displayName]", "Quách Thị Nhận");
        await page.FillAsync("input[name=email]", "quach.researcher@example.org");
        await page.FillAsync("input[name=password]", LiveApp.Password);
        await page.FillAsync("input[name=confirm]", LiveApp.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.Locator(".register-sent").WaitForAsync();
        await page.GotoAsync("/account/activate?token=" + ResearcherTests.TokenFromOutbox(live.DataDirectory, "quach.researcher@example.org"));
        Assert.Contains("Tài khoản của bạn đã được kích hoạt", await page.Locator(".activate-result").TextContentAsync());
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("input[name=email]", "quach.researcher@example.org");
        await page.FillAsync("input[name=password]", LiveApp.Password);
        await page.ClickAsync("main button[type=submit]");
        await Browse.ArrivedAsync(page, live.BaseUrl.TrimEnd('/') + "/");

        await page.ClickAsync("main a.tile[href='/me']");
        await page.FillAsync("form.claim-search input[name=name]", "Quách Thị");
        await page.ClickAsync("form.claim-search button[type=submit]");
        var candidate = page.Locator(".candidate", new PageLocatorOptions { HasText = "Quách Thị Nhận" });
        Assert.Contains("KAIST", await candidate.TextContentAsync());
        await Chromium.ScreenshotAsync(page, "researcher-1-candidates");
        await candidate.Locator("button.claim-button").ClickAsync();
        await page.Locator(".claim-message").WaitForAsync();
        Assert.Contains("q****", await page.Locator(".claim-message").TextContentAsync());

        var token = ResearcherTests.TokenFromOutbox(live.DataDirectory, "quach.nhan@example.org");
        await page.GotoAsync("/me/claim/verify?token=" + token);
        Assert.Contains("Hồ sơ đã được gắn", await page.Locator(".verify-result").TextContentAsync());

        await page.GotoAsync("/me");
        Assert.Equal("master", await page.InputValueAsync("select[name=degree]"));
        Assert.Equal("KR", await page.InputValueAsync("select[name=country]"));
        Assert.Equal("Tiến sĩ", await page.Locator("select[name=degree] option[value=phd]").TextContentAsync());
        Assert.Equal("Nhật Bản", await page.Locator("select[name=country] option[value=JP]").TextContentAsync());
        Assert.Equal("Tiếng Nhật", await page.Locator("select[name=languages] option[value=ja]").TextContentAsync());
        Assert.Contains("chấm phẩy", await page.Locator(".keyword-help").TextContentAsync());
        await page.SelectOptionAsync("select[name=degree]", "phd");
        await page.SelectOptionAsync("select[name=country]", "JP");
        await page.SelectOptionAsync("select[name=languages]", new[] { "vi", "en", "ja" });
        await page.SelectOptionAsync("select[name=engagement]", new[] { "advisory", "remote" });
        await page.FillAsync("input[name=headline]", "Giáo sư thiết kế vi mạch tương tự");
        await page.FillAsync("textarea[name=keywords]", "vi mạch tương tự\nLDO; PLL");
        await Chromium.ScreenshotAsync(page, "researcher-2-form");
        await page.ClickAsync("form.profile-form button[type=submit]");
        await page.Locator(".flash").WaitForAsync();

        Assert.Equal("phd", await page.InputValueAsync("select[name=degree]"));
        Assert.Equal("JP", await page.InputValueAsync("select[name=country]"));
        Assert.Equal(["vi", "en", "ja"], await page.Locator("select[name=languages] option:checked").EvaluateAllAsync<string[]>("options => options.map(o => o.value)"));
        Assert.Equal(["advisory", "remote"], await page.Locator("select[name=engagement] option:checked").EvaluateAllAsync<string[]>("options => options.map(o => o.value)"));
        Assert.Equal(["vi mạch tương tự", "LDO", "PLL"], (await page.Locator(".preview-keywords li").AllTextContentsAsync()).Select(k => k.Trim()));
        Assert.Contains("Nhật Bản", await page.Locator(".preview").TextContentAsync());
        var stored = (await live.Services.GetRequiredService<ExpertDirectory>().Store.GetAsync("bd-claim-01"))!.Expert;
        Assert.Equal(["vi", "en", "ja"], stored.Languages);
        Assert.Equal("JP", stored.Country);
        await Chromium.ScreenshotAsync(page, "researcher-3-saved");
        Assert.Empty(errors);
    }
}
