using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExpertNetwork.Accounts;
using ExpertNetwork.Experts;
using ExpertNetwork.Tests.Researchers;
using ExpertNetwork.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ExpertNetwork.Tests.Web;

public sealed class PublicationImportWebTests
{
    private static MultipartFormDataContent Upload(string content, string fileName, long? rowVersion)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", fileName } };
        if (rowVersion is { } version)
        {
            form.Add(new StringContent(version.ToString()), "rowVersion");
        }

        return form;
    }

    private static async Task<HttpResponseMessage> ImportAsync(WebSession session, string content, string fileName, long? rowVersion, bool withToken = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/me/publications/import") { Content = Upload(content, fileName, rowVersion) };
        if (withToken)
        {
            var token = await session.Client.GetFromJsonAsync<JsonElement>("/api/antiforgery");
            request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        }

        return await session.Client.SendAsync(request);
    }

    private static async Task<(ExpertNetworkApp App, ExpertDirectory Directory, WebSession Session, long RowVersion)> ClaimedAsync(string id)
    {
        var app = new ExpertNetworkApp(demoCount: 0);
        var directory = app.Services.GetRequiredService<ExpertDirectory>();
        await directory.SaveAsync(ExpertBuilder.Full(id), "test");
        var session = await app.SignedInAsync(Roles.Researcher, $"{id}@example.org");
        var mine = await ResearcherTests.ClaimAsync(app, session, id, "duc.nguyen@example.org");
        return (app, directory, session, mine.GetProperty("rowVersion").GetInt64());
    }

    [Fact]
    public async Task ABibTexUploadAddsTheNewPublicationsAndLeavesOutTheOnesAlreadyThere()
    {
        var (app, directory, session, version) = await ClaimedAsync("imp-1");
        await using var _ = app;
        using var __ = session;
        var bib = PublicationImportTests.ScholarBib + "\n@article{dup, title = {A 0.5 V Sub-Threshold SAR ADC}, year = 2021}";

        var response = await ImportAsync(session, bib, "scholar.bib", version);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, summary.GetProperty("added").GetInt32());
        Assert.Equal(["entry 5 (key dup)"], summary.GetProperty("alreadyThere").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["entry 4 (key notitle2020): no title"], summary.GetProperty("skipped").EnumerateArray().Select(e => e.GetString()));
        var stored = (await directory.Store.GetAsync("imp-1"))!;
        Assert.Equal(5, stored.Expert.Publications.Count);
        Assert.Contains(stored.Expert.Publications, p => p.Title == "Kinh tế biển" && p.Year == 2015);
        Assert.Equal("user:imp-1@example.org", (await directory.Store.AuditAsync("imp-1"))[^1].ChangedBy);

        var again = await ImportAsync(session, bib, "scholar.bib", summary.GetProperty("rowVersion").GetInt64());
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32());
        Assert.Equal(5, (await directory.Store.GetAsync("imp-1"))!.Expert.Publications.Count);
    }

    [Fact]
    public async Task AnOrcidExportIsImportedToo()
    {
        var (app, directory, session, version) = await ClaimedAsync("imp-2");
        await using var _ = app;
        using var __ = session;

        var response = await ImportAsync(session, PublicationImportTests.OrcidWorks, "0000-0002-1825-0097.json", version);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains((await directory.Store.GetAsync("imp-2"))!.Expert.Publications, p => p.Doi == "10.1016/J.COMPAG.2022.107000" && p.Year == 2022);
    }

    [Fact]
    public async Task AFileWithABadEntryStoresNothingAndTheErrorNamesTheEntry()
    {
        var (app, directory, session, version) = await ClaimedAsync("imp-3");
        await using var _ = app;
        using var __ = session;

        var response = await ImportAsync(session, "@article{good, title = {Fine}, year = 2020}\n@misc{smith2020, title = {Bad}, year = {abc}}", "refs.bib", version);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("file");
        Assert.Equal("entry 2 (key smith2020): year: 'abc' is not a year", errors[0].GetString());
        var stored = (await directory.Store.GetAsync("imp-3"))!;
        Assert.Equal(version, stored.RowVersion);
        Assert.Equal(2, stored.Expert.Publications.Count);
    }

    [Fact]
    public async Task AStaleRowVersionIsAConflictAndStoresNothing()
    {
        var (app, directory, session, version) = await ClaimedAsync("imp-4");
        await using var _ = app;
        using var __ = session;
        await directory.SaveAsync((await directory.Store.GetAsync("imp-4"))!.Expert with { Headline = "newer" }, "test");

        var response = await ImportAsync(session, PublicationImportTests.ScholarBib, "scholar.bib", version);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(2, (await directory.Store.GetAsync("imp-4"))!.Expert.Publications.Count);
    }

    [Fact]
    public async Task AnUploadWithoutTheAntiforgeryTokenIsRefused()
    {
        var (app, directory, session, version) = await ClaimedAsync("imp-5");
        await using var _ = app;
        using var __ = session;

        var response = await ImportAsync(session, PublicationImportTests.ScholarBib, "scholar.bib", version, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(2, (await directory.Store.GetAsync("imp-5"))!.Expert.Publications.Count);
    }

    [Fact]
    public async Task AnEmptyOrOversizedFileIsRefusedNamingTheLimit()
    {
        var (app, directory, session, version) = await ClaimedAsync("imp-8");
        await using var _ = app;
        using var __ = session;
        var oversized = "@misc{big, title = {Big}, abstract = {" + new string('x', 600 * 1024) + "}}";

        var empty = await ImportAsync(session, "", "empty.bib", version);
        var big = await ImportAsync(session, oversized, "big.bib", version);

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, big.StatusCode);
        Assert.Contains("512 KB", (await big.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(version, (await directory.Store.GetAsync("imp-8"))!.RowVersion);
    }

    [Theory]
    [InlineData(Roles.Recruiter)]
    [InlineData(Roles.Organiser)]
    [InlineData(Roles.Admin)]
    [InlineData(null)]
    public async Task OnlyResearchersImportPublications(string? role)
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        using var session = await app.SignedInAsync(role);

        var response = await ImportAsync(session, PublicationImportTests.ScholarBib, "scholar.bib", 1);

        Assert.Equal(role is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task TheMyProfileFormImportsAFileAndShowsTheCountsAndReasonsEscaped()
    {
        var (app, directory, session, version) = await ClaimedAsync("imp-6");
        await using var _ = app;
        using var __ = session;
        var page = await session.GetStringAsync("/me");
        var form = Upload(PublicationImportTests.ScholarBib + "\n@misc{x<b>y, author = {Nobody}}", "scholar.bib", version);
        form.Add(new StringContent(WebSession.FormToken(page)), "__RequestVerificationToken");

        var response = await session.Client.PostAsync("/me?handler=import", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Đã thêm 3, đã có sẵn 0, bỏ qua 2.", WebUtility.HtmlDecode(html));
        Assert.Contains("mục 5 (khóa x&lt;b&gt;y): không có tên bài", html);
        Assert.Equal(5, (await directory.Store.GetAsync("imp-6"))!.Expert.Publications.Count);
    }

    [Fact]
    public async Task TheMyProfileFormShowsFileErrorsAndStoresNothing()
    {
        var (app, directory, session, version) = await ClaimedAsync("imp-7");
        await using var _ = app;
        using var __ = session;
        var page = await session.GetStringAsync("/me");
        var form = Upload("@article{smith2020, title = {T}, year = {abc}}", "bad.bib", version);
        form.Add(new StringContent(WebSession.FormToken(page)), "__RequestVerificationToken");

        var html = await (await session.Client.PostAsync("/me?handler=import", form)).Content.ReadAsStringAsync();

        Assert.Contains("import-errors", html);
        Assert.Contains("mục 1 (khóa smith2020): year: «abc» không phải là năm", html);
        Assert.DoesNotContain("is not a year", html);
        Assert.Equal(version, (await directory.Store.GetAsync("imp-7"))!.RowVersion);
    }

    [Theory]
    [InlineData("hello world", "notes.json")]
    [InlineData("Just plain text, no entries at all.", "cv.bib")]
    [InlineData("\u0001\u0002 junk \u0003", "junk.json")]
    public async Task AnUploadWithNoBibTexEntryOrOrcidWorkIsRefusedSayingSo(string content, string fileName)
    {
        var (app, directory, session, version) = await ClaimedAsync("imp-none-" + fileName[..2]);
        await using var _ = app;
        using var __ = session;

        var response = await ImportAsync(session, content, fileName, version);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("holds no BibTeX entry", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUploadOfBinaryBytesIsRefused()
    {
        var (app, directory, session, version) = await ClaimedAsync("imp-bin");
        await using var _ = app;
        using var __ = session;
        var token = await session.Client.GetFromJsonAsync<JsonElement>("/api/antiforgery");
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0xFE, 0xC3, 0x28]), "file", "photo.json" },
            { new StringContent(version.ToString()), "rowVersion" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/me/publications/import") { Content = form };
        request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());

        var response = await session.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty((await directory.Store.GetAsync("imp-bin"))!.Expert.Publications.Skip(2));
    }
}
