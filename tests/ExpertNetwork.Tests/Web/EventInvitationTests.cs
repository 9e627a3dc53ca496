using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ExpertNetwork.Accounts;
using ExpertNetwork.Experts;
using ExpertNetwork.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ExpertNetwork.Tests.Web;

public sealed partial class EventInvitationTests
{
    private static readonly Expert Vietnamese = ExpertBuilder.Full("sp-vi", "Lê Thị Diễn Giả") with
    {
        Email = "le.dien.gia@example.vn", Languages = ["vi", "en"], Consent = new Consent(Listed: true, Contact: true), Affiliation = "Đại học Quy Nhơn",
    };

    private static readonly Expert English = ExpertBuilder.Full("sp-en", "Anna Speaker") with
    {
        Email = "anna.speaker@example.org", Languages = ["en", "fr"], Consent = new Consent(Listed: true, Contact: true), Affiliation = "CNRS",
    };

    private static readonly Expert NoConsent = ExpertBuilder.Full("sp-no", "Trần Không Liên Hệ") with
    {
        Email = "khong.lien.he@example.vn", Consent = new Consent(Listed: true, Contact: false), Affiliation = "Viettel",
    };

    [Fact]
    public async Task OrganiserIdsTypedWithCommasAreSeveralProfilesAndEachMustExist()
    {
        await using var app = await AppAsync();
        using var session = await app.SignedInAsync(Roles.Organiser);

        var created = await session.PostFormAsync("/events", "/events", new()
        {
            ["name"] = "ICISE 2026", ["startsOn"] = "2026-07-20", ["endsOn"] = "2026-07-25", ["topics"] = "Vi mạch", ["organiserIds"] = "sp-vi, sp-en",
        });
        var id = created.Headers.Location!.OriginalString.Split('/').Last();
        var stored = await session.GetJsonAsync($"/api/events/{id}");
        var unknown = await session.PostFormAsync("/events", "/events", new() { ["name"] = "ICISE 2027", ["organiserIds"] = "sp-vi; bd-404404" });
        var backwards = await session.PostFormAsync("/events", "/events", new() { ["name"] = "ICISE 2028", ["startsOn"] = "2028-07-25", ["endsOn"] = "2028-07-20" });
        var api = await session.SendJsonAsync(HttpMethod.Post, "/api/events", new { name = "ICISE", organiserIds = new[] { "ghost-1" } });
        var events = await session.GetJsonAsync("/api/events");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(["sp-vi", "sp-en"], stored.GetProperty("organiserIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("Không có hồ sơ nào mang mã «bd-404404».", WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()));
        Assert.Contains("Ngày kết thúc không được trước ngày bắt đầu.", WebUtility.HtmlDecode(await backwards.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("ghost-1", await api.Content.ReadAsStringAsync());
        Assert.Equal(1, events.GetArrayLength());
    }

    [Fact]
    public async Task AnEventIsEditableAndItsPageNamesTheOrganisersButNotAnUnlistedOneToOrganisers()
    {
        await using var app = await AppAsync();
        await app.Services.GetRequiredService<ExpertDirectory>().SaveAsync(ExpertBuilder.Full("hidden-1", "Ẩn Danh Tổ Chức") with { Consent = new Consent(Listed: false, Contact: false) }, "test");
        using var session = await app.SignedInAsync(Roles.Organiser);
        var id = await CreateAsync(session, new { name = "ICISE 2026", organiserIds = new[] { "sp-vi" } });

        var edited = await session.SendJsonAsync(HttpMethod.Put, $"/api/events/{id}", new { name = "ICISE 2026 — Quy Nhơn", startsOn = "2026-08-01", endsOn = "2026-08-03", organiserIds = new[] { "sp-vi", "hidden-1" } });
        var badEdit = await session.SendJsonAsync(HttpMethod.Put, $"/api/events/{id}", new { name = "", organiserIds = new[] { "sp-vi" } });
        var page = WebUtility.HtmlDecode(await session.GetStringAsync($"/events/{id}"));
        var pageEdit = await session.PostFormAsync($"/events/{id}", $"/events/{id}?handler=edit", new() { ["name"] = "ICISE 2026 (sửa)", ["organisers"] = "sp-vi", ["organiserIds"] = "sp-en" });
        var after = await session.GetJsonAsync($"/api/events/{id}");

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badEdit.StatusCode);
        Assert.Contains("Lê Thị Diễn Giả", page);
        Assert.DoesNotContain("Ẩn Danh Tổ Chức", page);
        Assert.Contains("class=\"organiser-unlisted\">Hồ sơ không công khai", page);
        Assert.Equal(HttpStatusCode.Redirect, pageEdit.StatusCode);
        Assert.Equal("ICISE 2026 (sửa)", after.GetProperty("name").GetString());
        Assert.Equal(["sp-vi", "sp-en"], after.GetProperty("organiserIds").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task InvitingSeveralAtOnceMailsEachInTheirLanguageAndMarksThoseWhoCannotBeMailed()
    {
        await using var app = await AppAsync();
        using var session = await app.SignedInAsync(Roles.Organiser);
        var id = await CreateAsync(session, new { name = "ICISE 2026", startsOn = "2026-07-20", endsOn = "2026-07-25", topics = new[] { "Vi mạch tương tự" } });

        var response = await session.SendJsonAsync(HttpMethod.Post, $"/api/events/{id}/invitations", new { expertIds = new[] { "sp-vi", "sp-en", "sp-no", "nobody" } });
        var outcomes = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .ToDictionary(o => o.GetProperty("expertId").GetString()!, o => o.GetProperty("outcome").GetString());
        var invitations = (await session.GetJsonAsync($"/api/events/{id}")).GetProperty("invitations").EnumerateArray()
            .ToDictionary(i => i.GetProperty("expertId").GetString()!, i => i);
        var vietnameseMail = Mail(app, Vietnamese.Email!);
        var englishMail = Mail(app, English.Email!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Dictionary<string, string?> { ["sp-vi"] = "Sent", ["sp-en"] = "Sent", ["sp-no"] = "Unmailable", ["nobody"] = "NotFound" }, outcomes);
        Assert.Equal("invited", invitations["sp-vi"].GetProperty("status").GetString());
        Assert.Equal("sent", invitations["sp-en"].GetProperty("mailState").GetString());
        Assert.Equal("draft", invitations["sp-no"].GetProperty("status").GetString());
        Assert.Equal("unmailable", invitations["sp-no"].GetProperty("mailState").GetString());
        Assert.Contains("Kính gửi Lê Thị Diễn Giả,", vietnameseMail);
        Assert.Contains("hết hạn sau ngày 2026-07-25", vietnameseMail);
        Assert.Contains("&lang=vi", vietnameseMail);
        Assert.Contains("Dear Anna Speaker,", englishMail);
        Assert.Contains("&lang=en", englishMail);
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(app.DataDirectory, "outbox")), f => f.Contains(NoConsent.Email!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSpeakerAnswersOnceThroughTheLinkWithoutAnAccountAndTheOrganiserSeesWhen()
    {
        await using var app = await AppAsync();
        using var session = await app.SignedInAsync(Roles.Organiser);
        using var speaker = app.Session();
        var id = await CreateAsync(session, new { name = "ICISE 2026", startsOn = "2026-07-20", endsOn = "2099-07-25" });
        await session.SendJsonAsync(HttpMethod.Post, $"/api/events/{id}/invitations", new { expertIds = new[] { "sp-vi", "sp-en" } });
        var link = Link(Mail(app, Vietnamese.Email!));
        var other = Link(Mail(app, English.Email!));

        var page = WebUtility.HtmlDecode(await speaker.GetStringAsync(link));
        var accepted = await speaker.PostFormAsync(link, "/invitations/respond", new() { ["token"] = Token(link), ["answer"] = "accept", ["note"] = "Tôi cần hỗ trợ vé máy bay." });
        // The answered link shows no form any more; any page's token will do for a post that must be refused.
        var again = await speaker.PostFormAsync("/account/sign-in", "/invitations/respond", new() { ["token"] = Token(link), ["answer"] = "decline" });
        var invitations = (await session.GetJsonAsync($"/api/events/{id}")).GetProperty("invitations").EnumerateArray()
            .ToDictionary(i => i.GetProperty("expertId").GetString()!, i => i);
        var organiserPage = WebUtility.HtmlDecode(await session.GetStringAsync($"/events/{id}"));

        Assert.Contains("ICISE 2026", page);
        Assert.Contains("Kính gửi Lê Thị Diễn Giả,", page);
        Assert.Contains("value=\"accept\"", page);
        Assert.Contains("Cảm ơn ông/bà đã nhận lời.", WebUtility.HtmlDecode(await accepted.Content.ReadAsStringAsync()));
        Assert.Contains("Ông/bà đã nhận lời lúc", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));
        Assert.Equal("accepted", invitations["sp-vi"].GetProperty("status").GetString());
        Assert.Equal("Tôi cần hỗ trợ vé máy bay.", invitations["sp-vi"].GetProperty("answerNote").GetString());
        Assert.NotEqual(JsonValueKind.Null, invitations["sp-vi"].GetProperty("answeredAt").ValueKind);
        Assert.Equal("invited", invitations["sp-en"].GetProperty("status").GetString());
        Assert.NotEqual(Token(link), Token(other));
        Assert.Contains("Tôi cần hỗ trợ vé máy bay.", organiserPage);
        Assert.Contains("class=\"answer-status\">Nhận lời", organiserPage);
    }

    [Fact]
    public async Task ALinkExpiresAfterTheEventsLastDayAndAnUnknownOneOpensNothing()
    {
        await using var app = await AppAsync();
        using var session = await app.SignedInAsync(Roles.Organiser);
        using var speaker = app.Session();
        var id = await CreateAsync(session, new { name = "ICISE 2020", startsOn = "2020-07-20", endsOn = "2020-07-25" });
        await session.SendJsonAsync(HttpMethod.Post, $"/api/events/{id}/invitations", new { expertIds = new[] { "sp-en" } });
        var link = Link(Mail(app, English.Email!));

        var expired = WebUtility.HtmlDecode(await speaker.GetStringAsync(link));
        var tried = await speaker.PostFormAsync("/account/sign-in", "/invitations/respond", new() { ["token"] = Token(link), ["answer"] = "accept" });
        var unknown = WebUtility.HtmlDecode(await speaker.GetStringAsync("/invitations/respond?token=" + new string('a', 64)));
        var status = (await session.GetJsonAsync($"/api/events/{id}")).GetProperty("invitations")[0].GetProperty("status").GetString();

        Assert.Contains("The link has expired because the event is over.", expired);
        Assert.DoesNotContain("value=\"accept\"", expired);
        Assert.Equal(HttpStatusCode.OK, tried.StatusCode);
        Assert.Contains("Liên kết không hợp lệ", unknown);
        Assert.Equal("invited", status);
    }

    [Fact]
    public async Task OneReminderMaySendANewLinkThatReplacesTheFirst()
    {
        await using var app = await AppAsync();
        using var session = await app.SignedInAsync(Roles.Organiser);
        using var speaker = app.Session();
        var id = await CreateAsync(session, new { name = "ICISE 2026", endsOn = "2099-01-01" });
        await session.SendJsonAsync(HttpMethod.Post, $"/api/events/{id}/invitations", new { expertIds = new[] { "sp-en", "sp-no" } });
        var first = Link(Mail(app, English.Email!));
        await Task.Delay(5);

        var reminded = await session.SendJsonAsync(HttpMethod.Post, $"/api/events/{id}/invitations/sp-en/reminder");
        var twice = await session.SendJsonAsync(HttpMethod.Post, $"/api/events/{id}/invitations/sp-en/reminder");
        var unmailable = await session.SendJsonAsync(HttpMethod.Post, $"/api/events/{id}/invitations/sp-no/reminder");
        var mails = Directory.GetFiles(Path.Combine(app.DataDirectory, "outbox"), "*.eml").Where(f => f.Contains(English.Email!, StringComparison.Ordinal)).Order().ToList();
        var second = Link(File.ReadAllText(mails.Last()));
        var oldPage = WebUtility.HtmlDecode(await speaker.GetStringAsync(first));
        var newPage = WebUtility.HtmlDecode(await speaker.GetStringAsync(second));
        var invitation = (await session.GetJsonAsync($"/api/events/{id}")).GetProperty("invitations").EnumerateArray().Single(i => i.GetProperty("expertId").GetString() == "sp-en");

        Assert.Equal(HttpStatusCode.NoContent, reminded.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, unmailable.StatusCode);
        Assert.Equal(2, mails.Count);
        Assert.Contains("Subject: =?utf-8?B?", File.ReadAllText(mails.Last()));
        Assert.Contains("The link is not valid, or a newer reminder mail replaced it.", oldPage);
        Assert.Contains("value=\"accept\"", newPage);
        Assert.NotEqual(JsonValueKind.Null, invitation.GetProperty("remindedAt").ValueKind);
    }

    [Fact]
    public async Task TheInvitationExportHasTheMailAndTheAnswer()
    {
        await using var app = await AppAsync();
        using var session = await app.SignedInAsync(Roles.Organiser);
        using var speaker = app.Session();
        var id = await CreateAsync(session, new { name = "ICISE 2026", endsOn = "2099-01-01" });
        await session.SendJsonAsync(HttpMethod.Post, $"/api/events/{id}/invitations", new { expertIds = new[] { "sp-en", "sp-no" } });
        var link = Link(Mail(app, English.Email!));
        await speaker.PostFormAsync(link, "/invitations/respond", new() { ["token"] = Token(link), ["answer"] = "decline", ["note"] = "=cmd|busy" });

        var csv = await session.GetStringAsync($"/api/events/{id}/invitations.csv");

        Assert.Contains("mail,sent_at,reminded_at,answered_at,answer_note", csv);
        Assert.Contains("declined", csv);
        Assert.Contains("unmailable", csv);
        Assert.Contains("'=cmd|busy", csv);
    }

    private static async Task<ExpertNetworkApp> AppAsync()
    {
        var app = new ExpertNetworkApp(demoCount: 0);
        var directory = app.Services.GetRequiredService<ExpertDirectory>();
        foreach (var expert in new[] { Vietnamese, English, NoConsent })
        {
            await directory.SaveAsync(expert, "test");
        }

        return app;
    }

    private static async Task<string> CreateAsync(WebSession session, object body)
    {
        var response = await session.SendJsonAsync(HttpMethod.Post, "/api/events", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static string Mail(ExpertNetworkApp app, string to) =>
        File.ReadAllText(Directory.GetFiles(Path.Combine(app.DataDirectory, "outbox"), "*.eml").Where(f => f.Contains(to, StringComparison.Ordinal)).Order().Last());

    /// <summary>The answer link in a mail, as a path on the test server.</summary>
    internal static string Link(string mail) => new Uri(LinkPattern().Match(mail).Value).PathAndQuery;

    private static string Token(string link) => LinkPattern().Match("http://x" + link).Groups[1].Value;

    [GeneratedRegex(@"https?://\S+/invitations/respond\?token=([0-9a-f]{64})&lang=(vi|en)")]
    private static partial Regex LinkPattern();
}
