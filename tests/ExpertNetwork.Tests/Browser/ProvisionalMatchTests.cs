using ExpertNetwork.Accounts;
using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ExpertNetwork.Tests.Browser;

public sealed class ProvisionalMatchTests
{
    [SkippableFact]
    public async Task TheMatchPageSaysTheRankingIsProvisionalUntilTheCandidatesAreEmbeddedThenRanksTheSameEveryTime()
    {
        Skip.IfNot(Chromium.IsInstalled, Chromium.MissingReason);
        // No background embedding, so the test decides when the candidates get their vectors.
        await using var live = await LiveApp.StartAsync(demoCount: 12, new Dictionary<string, string?> { ["Matching:EmbedInBackground"] = "false" });
        await using var session = await BrowserSession.SignedInAsync(live, Roles.Recruiter);
        var page = session.Page;

        async Task<IReadOnlyList<string?>> MatchAsync()
        {
            await page.GotoAsync("/match");
            await page.FillAsync("#need-text", "Trung tâm giám sát an ninh mạng và phát hiện xâm nhập");
            await page.ClickAsync("#match-form button[type=submit]");
            await page.Locator(".match-results").WaitForAsync();
            var items = page.Locator("li.match");
            return await Task.WhenAll(Enumerable.Range(0, await items.CountAsync()).Select(i => items.Nth(i).GetAttributeAsync("data-expert")));
        }

        Assert.NotEmpty(await MatchAsync());
        Assert.True(await page.Locator("#match-provisional").IsVisibleAsync(), "no provisional banner before embedding");
        Assert.Contains("tạm thời", await page.Locator("#match-provisional").TextContentAsync());
        await Chromium.ScreenshotAsync(page, "match-provisional");

        var engine = live.Services.GetRequiredService<MatchingEngine>();
        var texts = new List<string>();
        await foreach (var stored in live.Services.GetRequiredService<ExpertStore>().StreamAsync())
        {
            texts.AddRange(EmbeddingBackfill.TextsOf(stored.Expert));
        }

        new EmbeddingBackfill(engine.Embedder, engine.Store).Embed(texts);

        var first = await MatchAsync();
        Assert.Equal(0, await page.Locator("#match-provisional").CountAsync());
        var second = await MatchAsync();
        Assert.Equal(0, await page.Locator("#match-provisional").CountAsync());
        Assert.Equal(first, second);
    }
}
