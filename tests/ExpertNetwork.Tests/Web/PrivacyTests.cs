using System.Net;
using System.Net.Http.Json;
using ExpertNetwork.Accounts;
using ExpertNetwork.Experts;
using ExpertNetwork.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ExpertNetwork.Tests.Web;

/// <summary>Consent decides what is shown: unlisted profiles exist only for admins, email only with contact consent or for admins.</summary>
public sealed class PrivacyTests(RoleFixture fixture) : IClassFixture<RoleFixture>
{
    private const string Email = "duc.nguyen@example.org";

    [Theory]
    [InlineData(Roles.Recruiter)]
    [InlineData(Roles.Organiser)]
    public async Task AnUnlistedProfileIsIndistinguishableFromAMissingOneOutsideAdmin(string role)
    {
        var session = fixture[role];

        var api = await session.GetAsync($"/api/experts/{RoleFixture.UnlistedId}");
        var missing = await session.GetAsync("/api/experts/nobody-at-all");
        var page = await session.GetAsync($"/experts/{RoleFixture.UnlistedId}");
        var search = await session.GetStringAsync("/api/search?q=" + Uri.EscapeDataString("Võ Văn Ẩn Danh"));
        var suggest = await session.GetStringAsync("/api/suggest?q=" + Uri.EscapeDataString("Ẩn Danh"));

        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain(RoleFixture.UnlistedId, search);
        Assert.DoesNotContain(RoleFixture.UnlistedId, suggest);
    }

    [Fact]
    public async Task AnUnlistedProfileCannotBeAddedToAShortlistByARecruiter()
    {
        var session = fixture[Roles.Recruiter];
        var created = await (await session.SendJsonAsync(HttpMethod.Post, "/api/shortlists", new { name = "Hidden" })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        var response = await session.SendJsonAsync(HttpMethod.Put, $"/api/shortlists/{created.GetProperty("id").GetString()}/experts/{RoleFixture.UnlistedId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AdminsSeeUnlistedProfilesWithTheirEmail()
    {
        var session = fixture[Roles.Admin];

        var api = await session.GetStringAsync($"/api/experts/{RoleFixture.UnlistedId}");
        var page = await session.GetStringAsync($"/experts/{RoleFixture.UnlistedId}");

        Assert.Contains(Email, api);
        Assert.Contains("Võ Văn Ẩn Danh", page);
        Assert.Contains(Email, page);
    }

    [Theory]
    [InlineData(Roles.Recruiter)]
    [InlineData(Roles.Organiser)]
    public async Task EmailWithoutContactConsentIsShownToNoStaffRoleButAdmin(string role)
    {
        var api = await fixture[role].GetStringAsync($"/api/experts/{RoleFixture.ListedId}");
        var page = await fixture[role].GetStringAsync($"/experts/{RoleFixture.ListedId}");
        var adminPage = await fixture[Roles.Admin].GetStringAsync($"/experts/{RoleFixture.ListedId}");

        Assert.DoesNotContain(Email, api);
        Assert.DoesNotContain(Email, page);
        Assert.Contains("Phạm Thị Hiển Thị", page);
        Assert.Contains(Email, adminPage);
    }

    [Fact]
    public async Task EmailWithContactConsentIsShownToRecruiters()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        await app.Services.GetRequiredService<ExpertDirectory>().SaveAsync(ExpertBuilder.Full("open-1") with { Consent = new Consent(Listed: true, Contact: true) }, "test");
        using var session = await app.SignedInAsync(Roles.Recruiter);

        var api = await session.GetStringAsync("/api/experts/open-1");
        var page = await session.GetStringAsync("/experts/open-1");

        Assert.Contains(Email, api);
        Assert.Contains($"mailto:{Email}", page);
        Assert.Contains("\"location\":\"abroad\"", api);
    }

    [Fact]
    public async Task AnAdminUnlistingAProfileGoesThroughTheDirectoryAndIsAuditedUnderTheirName()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        var directory = app.Services.GetRequiredService<ExpertDirectory>();
        await directory.SaveAsync(ExpertBuilder.Full("takedown-1", "Đỗ Văn Gỡ Bỏ"), "test");
        using var admin = await app.SignedInAsync(Roles.Admin);
        using var recruiter = await app.SignedInAsync(Roles.Recruiter);
        var before = await recruiter.GetStringAsync("/api/search?q=" + Uri.EscapeDataString("Đỗ Văn Gỡ Bỏ"));

        var response = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/experts/takedown-1/unlist");

        var audit = await directory.Store.AuditAsync("takedown-1");
        var after = await recruiter.GetStringAsync("/api/search?q=" + Uri.EscapeDataString("Đỗ Văn Gỡ Bỏ"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal($"user:{ExpertNetworkApp.AdminEmail}", audit[^1].ChangedBy);
        Assert.Contains("takedown-1", before);
        Assert.DoesNotContain("takedown-1", after);
        Assert.Equal(HttpStatusCode.NotFound, (await recruiter.GetAsync("/api/experts/takedown-1")).StatusCode);
    }
}
