using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ExpertNetwork.Accounts;
using ExpertNetwork.Experts;
using ExpertNetwork.Shortlists;
using ExpertNetwork.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ExpertNetwork.Tests.Web;

public sealed class ShortlistTests
{
    private static async Task<string> CreateAsync(WebSession session, string name, string? need = null)
    {
        var response = await session.SendJsonAsync(HttpMethod.Post, "/api/shortlists", new { name, need });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task AnotherRecruitersShortlistIsNotFoundForEveryOperation()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        await app.Services.GetRequiredService<ExpertDirectory>().SaveAsync(ExpertBuilder.Full("sl-1"), "test");
        using var owner = await app.SignedInAsync(Roles.Recruiter);
        using var other = await app.SignedInAsync(Roles.Recruiter);
        var id = await CreateAsync(owner, "Owner's list");
        await owner.SendJsonAsync(HttpMethod.Put, $"/api/shortlists/{id}/experts/sl-1");

        var attempts = new[]
        {
            await other.GetAsync($"/api/shortlists/{id}"),
            await other.GetAsync($"/api/shortlists/{id}/export.csv"),
            await other.SendJsonAsync(HttpMethod.Put, $"/api/shortlists/{id}/experts/sl-1"),
            await other.SendJsonAsync(HttpMethod.Patch, $"/api/shortlists/{id}/experts/sl-1", new { status = "hired", note = "mine now" }),
            await other.SendJsonAsync(HttpMethod.Delete, $"/api/shortlists/{id}/experts/sl-1"),
            await other.SendJsonAsync(HttpMethod.Delete, $"/api/shortlists/{id}"),
            await other.GetAsync($"/shortlists/{id}"),
            await other.PostFormAsync("/shortlists", "/shortlists?handler=add", new() { ["shortlistId"] = id, ["expertId"] = "sl-1" }),
        };

        Assert.All(attempts, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Empty((await other.GetJsonAsync("/api/shortlists")).EnumerateArray());
        var kept = await owner.GetJsonAsync($"/api/shortlists/{id}");
        var item = Assert.Single(kept.GetProperty("experts").EnumerateArray());
        Assert.Equal("new", item.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("note").ValueKind);
    }

    [Fact]
    public async Task StatusChangesAreRecordedAsGradedJudgmentsAndRemovalTakesThemBack()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        var directory = app.Services.GetRequiredService<ExpertDirectory>();
        foreach (var id in new[] { "j-1", "j-2", "j-3" })
        {
            await directory.SaveAsync(ExpertBuilder.Full(id), "test");
        }

        using var recruiter = await app.SignedInAsync(Roles.Recruiter);
        var list = await CreateAsync(recruiter, "Chip designers", "Analog IC design lab in Quy Nhơn");
        foreach (var id in new[] { "j-1", "j-2", "j-3" })
        {
            Assert.Equal(HttpStatusCode.Created, (await recruiter.SendJsonAsync(HttpMethod.Put, $"/api/shortlists/{list}/experts/{id}")).StatusCode);
        }

        await recruiter.SendJsonAsync(HttpMethod.Patch, $"/api/shortlists/{list}/experts/j-1", new { status = "interested" });
        await recruiter.SendJsonAsync(HttpMethod.Patch, $"/api/shortlists/{list}/experts/j-1", new { status = "hired", note = "Starts in March" });
        await recruiter.SendJsonAsync(HttpMethod.Patch, $"/api/shortlists/{list}/experts/j-2", new { status = "declined" });
        await recruiter.SendJsonAsync(HttpMethod.Delete, $"/api/shortlists/{list}/experts/j-3");
        var bad = await recruiter.SendJsonAsync(HttpMethod.Patch, $"/api/shortlists/{list}/experts/j-1", new { status = "promoted" });

        var judgments = app.Services.GetRequiredService<ShortlistJudgments>();
        var graded = (await judgments.ReadAsync()).ToDictionary(j => j.ExpertId, j => j.Grade);
        var need = Assert.Single(await judgments.NeedsAsync());
        var shown = await recruiter.GetJsonAsync($"/api/shortlists/{list}");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(new Dictionary<string, double> { ["j-1"] = 4, ["j-2"] = 0 }, graded);
        Assert.Equal(ShortlistJudgments.NeedIdPrefix + list, need.Id);
        Assert.Equal("Chip designers. Analog IC design lab in Quy Nhơn", need.Text);
        Assert.Equal("Starts in March", shown.GetProperty("experts").EnumerateArray().Single(e => e.GetProperty("expertId").GetString() == "j-1").GetProperty("note").GetString());
    }

    [Theory]
    [InlineData(ShortlistStatus.Hired, 4)]
    [InlineData(ShortlistStatus.Interested, 3)]
    [InlineData(ShortlistStatus.Contacted, 2)]
    [InlineData(ShortlistStatus.New, 1)]
    [InlineData(ShortlistStatus.Declined, 0)]
    public void EachStatusGradesAsTheTrainerExpects(ShortlistStatus status, int grade)
    {
        Assert.Equal(grade, status.Grade());
    }

    [Fact]
    public async Task TheCsvExportDefusesFormulasInEveryCellAndHidesEmailWithoutConsent()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        var directory = app.Services.GetRequiredService<ExpertDirectory>();
        await directory.SaveAsync(ExpertBuilder.Full("csv-1", "=HYPERLINK(\"http://evil.example\",\"click\")") with
        {
            Headline = "+cmd|' /C calc'!A0",
            Affiliation = "@SUM(1+1)*cmd|' /C calc'!A0",
            Consent = new Consent(Listed: true, Contact: false),
        }, "test");
        await directory.SaveAsync(ExpertBuilder.Full("csv-2", "Lê Thị Đồng Ý") with { Email = "dong.y@example.org", Consent = new Consent(Listed: true, Contact: true) }, "test");
        using var recruiter = await app.SignedInAsync(Roles.Recruiter);
        var list = await CreateAsync(recruiter, "-2+3 danh sách");
        await recruiter.SendJsonAsync(HttpMethod.Put, $"/api/shortlists/{list}/experts/csv-1");
        await recruiter.SendJsonAsync(HttpMethod.Put, $"/api/shortlists/{list}/experts/csv-2");
        await recruiter.SendJsonAsync(HttpMethod.Patch, $"/api/shortlists/{list}/experts/csv-1", new { note = "=1+2\n-3" });

        var response = await recruiter.GetAsync($"/api/shortlists/{list}/export.csv");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var rows = Csv.Read(new StringReader(csv.TrimStart('\uFEFF'))).ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows.SelectMany(r => r.Cells), cell => Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@', $"cell starts a formula: {cell}"));
        Assert.Contains("'=HYPERLINK", csv);
        Assert.Contains("'=1+2", csv);
        Assert.DoesNotContain("duc.nguyen@example.org", csv);
        Assert.Contains("dong.y@example.org", csv);
    }

    [Fact]
    public async Task ARecruiterBuildsAShortlistThroughThePages()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        await app.Services.GetRequiredService<ExpertDirectory>().SaveAsync(ExpertBuilder.Full("page-1", "Huỳnh Văn Trang"), "test");
        using var recruiter = await app.SignedInAsync(Roles.Recruiter);

        var created = await recruiter.PostFormAsync("/shortlists", "/shortlists?handler=create", new() { ["name"] = "Diễn giả ICISE", ["need"] = "Vi mạch" });
        var id = created.Headers.Location!.OriginalString.Split('/')[^1];
        var added = await recruiter.PostFormAsync("/experts/page-1", "/shortlists?handler=add", new() { ["shortlistId"] = id, ["expertId"] = "page-1", ["returnUrl"] = "/experts/page-1" });
        var updated = await recruiter.PostFormAsync($"/shortlists/{id}", $"/shortlists/{id}?handler=update", new() { ["expertId"] = "page-1", ["status"] = "contacted", ["note"] = "Gọi điện ngày 3/3" });
        var page = await recruiter.GetStringAsync($"/shortlists/{id}");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/experts/page-1", added.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, updated.StatusCode);
        Assert.Contains("Huỳnh Văn Trang", page);
        Assert.Contains("Gọi điện ngày 3/3", page);
        Assert.Contains("value=\"contacted\" selected", page);
    }
}
