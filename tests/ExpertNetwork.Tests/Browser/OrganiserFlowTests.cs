using System.Text.RegularExpressions;
using ExpertNetwork.Accounts;
using ExpertNetwork.Experts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ExpertNetwork.Tests.Browser;

public sealed class OrganiserFlowTests
{
    private const string Topic = "địa chấn núi lửa";

    private static readonly Expert[] Organisers =
    [
        Person("org-a", "Hồ Tổ Chức Một", "Viện Vật lý Địa cầu", "VN", "Hà Nội", ["vật lý địa cầu"], contact: false),
        Person("org-b", "Đặng Tổ Chức Hai", "Đại học Quy Nhơn", "VN", "Quy Nhơn", ["giáo dục khoa học"], contact: false),
    ];

    private static readonly Expert[] Speakers =
    [
        Person("vol-1", "Lâm Thị Núi Lửa", "Viện Địa chất", "VN", "Hà Nội", [Topic, "volcano seismology", "cảnh báo phun trào"], contact: true, languages: ["vi", "en"]),
        Person("vol-2", "Kha Văn Địa Chấn", "Đại học Tokyo", "JP", "Tokyo", [Topic, "volcano seismology", "eruption forecasting"], contact: true, languages: ["vi", "ja"]),
        Person("vol-3", "Emma Volcano", "INGV", "IT", "Catania", ["volcano seismology", Topic, "eruption forecasting"], contact: true, languages: ["en", "it"]),
    ];

    [SkippableFact]
    public async Task AnOrganiserPicksTwoOrganisersByNameFindsSpeakersInvitesThreeAtOnceAndSeesASpeakerAcceptThroughTheEmailedLink()
    {
        Skip.IfNot(Chromium.IsInstalled, Chromium.MissingReason);
        // The flow, not the embedding: with the background pass on, the speakers' fits depended on how far it had got.
        await using var live = await LiveApp.StartAsync(settings: new Dictionary<string, string?> { ["Matching:EmbedInBackground"] = "false" });
        var directory = live.Services.GetRequiredService<ExpertDirectory>();
        foreach (var expert in Organisers.Concat(Speakers))
        {
            await directory.SaveAsync(expert, "test");
        }

        await using var session = await BrowserSession.SignedInAsync(live, Roles.Organiser);
        var (page, errors) = (session.Page, session.Errors);

        await page.ClickAsync("main a.tile[href='/events']");
        await page.FillAsync("input[name=name]", "ICISE 2026 — Địa chấn học");
        await page.FillAsync("input[name=startsOn]", "2026-07-20");
        await page.FillAsync("input[name=endsOn]", "2099-07-25");
        await page.FillAsync("textarea[name=topics]", "Địa chấn học\nNúi lửa");
        foreach (var organiser in Organisers)
        {
            var search = page.Locator("[data-picker-input]");
            await search.FillAsync(organiser.FullName[..7]);
            var suggestion = page.Locator(".picker .suggestions button", new PageLocatorOptions { HasText = organiser.FullName });
            await suggestion.ClickAsync();
        }

        Assert.Equal(["org-a", "org-b"], await page.Locator(".chips input[name=organisers]:checked").EvaluateAllAsync<string[]>("boxes => boxes.map(b => b.value)"));
        await Chromium.ScreenshotAsync(page, "organiser-1-picked");
        await page.ClickAsync("form.event-form button[type=submit]");
        await Browse.ArrivedAsync(page, new Regex("/events/[0-9a-f]{32}$"));
        var eventUrl = page.Url;
        Assert.Equal(["Hồ Tổ Chức Một", "Đặng Tổ Chức Hai"], (await page.Locator(".organiser-list li").AllTextContentsAsync()).Select(t => t.Trim()));

        await page.FillAsync("input[name=topic]", Topic + ", cảnh báo phun trào");
        await page.FillAsync("input[name=count]", "6");
        await page.FillAsync("input[name=abroad]", "0");
        await page.FillAsync("input[name=perAffiliation]", "1");
        await page.ClickAsync("form.finder-form button[type=submit]");
        await page.Locator(".speaker-list .speaker").First.WaitForAsync();
        foreach (var speaker in Speakers)
        {
            var row = page.Locator($".speaker[data-expert='{speaker.Id}']");
            Assert.Contains(speaker.Headline!, await row.Locator(".expert-line").TextContentAsync());
            Assert.True(await row.Locator(".matched-topics .tag").CountAsync() > 0, $"{speaker.Id} shows no matched topics");
            Assert.Matches(@"^\d\.\d\d$", (await row.Locator(".fit").TextContentAsync())!.Trim());
            await row.Locator("input[name=expertIds]").CheckAsync();
        }

        var listed = await page.Locator(".speaker-list .speaker").CountAsync();
        await Chromium.ScreenshotAsync(page, "organiser-2-speakers-ticked");
        await page.ClickAsync("button.invite-selected");
        await page.Locator(".invite-message").First.WaitForAsync();

        // The speaker list is still there after inviting, with the three marked as invited.
        Assert.Equal(listed, await page.Locator(".speaker-list .speaker").CountAsync());
        Assert.Equal(3, await page.Locator(".speaker-list .already-invited").CountAsync());
        Assert.Contains("3", await page.Locator(".invite-message").First.TextContentAsync());
        Assert.Equal(3, await page.Locator("table.invitations tbody tr").CountAsync());
        Assert.Equal(3, await page.Locator("table.invitations .mail-state button.remind").CountAsync());
        await Chromium.ScreenshotAsync(page, "organiser-3-invited");

        var link = Browse.AnswerLink(Browse.Mail(live, Speakers[0].Email!));
        Assert.EndsWith("&lang=vi", link);
        var speakerPage = await session.NewPageAsync();
        await speakerPage.GotoAsync(link);
        Assert.Contains("ICISE 2026 — Địa chấn học", await speakerPage.Locator(".event-name").TextContentAsync());
        await speakerPage.FillAsync("textarea[name=note]", "Xin trình bày về mạng quan trắc núi lửa Tây Nguyên.");
        await Chromium.ScreenshotAsync(speakerPage, "organiser-4-speaker-answers");
        await speakerPage.ClickAsync("button.accept");
        Assert.Contains("Cảm ơn ông/bà đã nhận lời", await speakerPage.Locator(".respond-result").TextContentAsync());
        Assert.Equal(0, await speakerPage.Locator("button.accept").CountAsync());

        await page.GotoAsync(eventUrl);
        var answered = page.Locator($"table.invitations tr[data-expert='{Speakers[0].Id}']");
        Assert.Equal("Nhận lời", (await answered.Locator(".answer-status").TextContentAsync())!.Trim());
        Assert.Matches(@"lúc \d{4}-\d\d-\d\d \d\d:\d\d", await answered.Locator(".answered-at").TextContentAsync());
        Assert.Contains("mạng quan trắc núi lửa", await answered.Locator(".answer-note").TextContentAsync());
        Assert.Equal("accepted", await answered.Locator("select[name=status]").InputValueAsync());
        Assert.Equal(0, await answered.Locator("button.remind").CountAsync());
        await Chromium.ScreenshotAsync(page, "organiser-5-accepted");
        Assert.Empty(errors);
    }

    private static Expert Person(string id, string name, string affiliation, string country, string city, IReadOnlyList<string> keywords, bool contact, IReadOnlyList<string>? languages = null) => new()
    {
        Id = id,
        FullName = name,
        Headline = $"{keywords[0]} — {affiliation}",
        Affiliation = affiliation,
        Country = country,
        City = city,
        Fields = ["physics", "environment"],
        Keywords = keywords,
        Languages = languages ?? ["vi"],
        Degree = "phd",
        Engagement = ["speaking"],
        Email = $"{id}@example.org",
        Bio = $"Nghiên cứu {string.Join(", ", keywords)}.",
        Consent = new Consent(Listed: true, Contact: contact),
    };
}
