using ExpertNetwork.Accounts;
using ExpertNetwork.Experts;
using ExpertNetwork.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ExpertNetwork.Tests.Web;

/// <summary>One app with a signed-in session per role (and an anonymous one), plus known listed and unlisted profiles.</summary>
public sealed class RoleFixture : IAsyncLifetime
{
    public const string Anonymous = "anonymous";
    public const string ListedId = "role-listed";
    public const string UnlistedId = "role-unlisted";

    public static readonly IReadOnlyList<string> AllRoles = [Anonymous, Roles.Researcher, Roles.Recruiter, Roles.Organiser, Roles.Admin];

    public ExpertNetworkApp App { get; } = new(demoCount: 40);

    public Dictionary<string, WebSession> Sessions { get; } = [];

    public WebSession this[string role] => Sessions[role];

    public async Task InitializeAsync()
    {
        var directory = App.Services.GetRequiredService<ExpertDirectory>();
        await directory.SaveAsync(ExpertBuilder.Full(ListedId, "Phạm Thị Hiển Thị") with { Consent = new Consent(Listed: true, Contact: false) }, "test");
        await directory.SaveAsync(ExpertBuilder.Full(UnlistedId, "Võ Văn Ẩn Danh") with { Consent = new Consent(Listed: false, Contact: true) }, "test");
        foreach (var role in AllRoles)
        {
            Sessions[role] = await App.SignedInAsync(role == Anonymous ? null : role);
        }
    }

    public Task DisposeAsync()
    {
        foreach (var session in Sessions.Values)
        {
            session.Dispose();
        }

        App.Dispose();
        return Task.CompletedTask;
    }
}
