using System.Net;
using ExpertNetwork.Accounts;
using ExpertNetwork.Experts;
using ExpertNetwork.Shortlists;
using ExpertNetwork.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ExpertNetwork.Tests.Web;

public sealed class AdminUsersTests
{
    [Fact]
    public async Task DisablingAnAccountEndsItsSessionsAndItsSignInSaysWhyUntilReEnabled()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        using var admin = await app.SignedInAsync(Roles.Admin);
        using var recruiter = await app.SignedInAsync(Roles.Recruiter, "disable-me@example.org");
        var id = await IdOfAsync(admin, "disable-me@example.org");
        var before = await recruiter.GetAsync("/api/account/me");

        var disabled = await admin.PostFormAsync("/admin/users", "/admin/users?handler=disable", new() { ["id"] = id });
        var after = await recruiter.GetAsync("/api/account/me");
        using var again = app.Session();
        var refused = await again.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["email"] = "disable-me@example.org", ["password"] = ExpertNetworkApp.Password });
        var usersPage = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/users"));
        await admin.PostFormAsync("/admin/users", "/admin/users?handler=enable", new() { ["id"] = id });
        var back = await again.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["email"] = "disable-me@example.org", ["password"] = ExpertNetworkApp.Password });

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Tài khoản này đã bị khóa.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Contains("Đã khóa", usersPage);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
    }

    [Fact]
    public async Task AnAdminCannotDisableOrDeleteTheirOwnAccount()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        using var admin = await app.SignedInAsync(Roles.Admin);
        var self = await IdOfAsync(admin, ExpertNetworkApp.AdminEmail);

        var disable = await admin.SendJsonAsync(HttpMethod.Put, $"/api/users/{self}/disabled", new { disabled = true });
        var delete = await admin.SendJsonAsync(HttpMethod.Delete, $"/api/users/{self}");
        var page = await admin.PostFormAsync("/admin/users", "/admin/users?handler=delete", new() { ["id"] = self, ["confirm"] = "on" });

        Assert.Equal(HttpStatusCode.BadRequest, disable.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Contains("Bạn không thể khóa hoặc xóa chính tài khoản của mình.", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/account/me")).StatusCode);
    }

    [Fact]
    public async Task DeletingAnAccountNeedsTheConfirmationThenRemovesItsListsAndEndsItsSession()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        using var admin = await app.SignedInAsync(Roles.Admin);
        using var recruiter = await app.SignedInAsync(Roles.Recruiter, "delete-me@example.org");
        await recruiter.SendJsonAsync(HttpMethod.Post, "/api/shortlists", new { name = "Vi mạch" });
        var id = await IdOfAsync(admin, "delete-me@example.org");
        var owner = (await app.Services.GetRequiredService<UserStore>().FindByIdAsync(id))!.Id;

        var unconfirmed = await admin.PostFormAsync("/admin/users", "/admin/users?handler=delete", new() { ["id"] = id });
        var stillThere = await recruiter.GetAsync("/api/account/me");
        var deleted = await admin.PostFormAsync("/admin/users", "/admin/users?handler=delete", new() { ["id"] = id, ["confirm"] = "on" });

        Assert.Contains("Hãy đánh dấu «chắc chắn» trước khi xóa tài khoản.", WebUtility.HtmlDecode(await unconfirmed.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await recruiter.GetAsync("/api/account/me")).StatusCode);
        Assert.Null(await app.Services.GetRequiredService<UserStore>().FindByIdAsync(id));
        Assert.Empty(await app.Services.GetRequiredService<ShortlistStore>().ListAsync(owner));
    }

    [Fact]
    public async Task AnAdminLinksAResearcherToAProfileFromTheUsersPage()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        await app.Services.GetRequiredService<ExpertDirectory>().SaveAsync(ExpertBuilder.Full("link-1") with { Email = null }, "test");
        using var admin = await app.SignedInAsync(Roles.Admin);
        using var researcher = await app.SignedInAsync(Roles.Researcher, "no-email@example.org");
        using var recruiter = await app.SignedInAsync(Roles.Recruiter, "staff@example.org");
        var id = await IdOfAsync(admin, "no-email@example.org");

        var missing = await admin.PostFormAsync("/admin/users", "/admin/users?handler=link", new() { ["id"] = id, ["expertId"] = "nobody-1" });
        var staff = await admin.PostFormAsync("/admin/users", "/admin/users?handler=link", new() { ["id"] = await IdOfAsync(admin, "staff@example.org"), ["expertId"] = "link-1" });
        var linked = await admin.PostFormAsync("/admin/users", "/admin/users?handler=link", new() { ["id"] = id, ["expertId"] = "link-1" });
        var mine = await researcher.GetJsonAsync("/api/me/profile");
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/users"));

        Assert.Contains("Không có hồ sơ nào mang mã này.", WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()));
        Assert.Contains("Chỉ tài khoản nhà nghiên cứu mới gắn với hồ sơ.", WebUtility.HtmlDecode(await staff.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        Assert.Equal("link-1", mine.GetProperty("profile").GetProperty("id").GetString());
        Assert.Contains("<code>link-1</code>", page);
    }

    private static async Task<string> IdOfAsync(WebSession admin, string email) =>
        (await admin.GetJsonAsync("/api/users")).EnumerateArray().Single(u => u.GetProperty("email").GetString() == email).GetProperty("id").GetString()!;
}
