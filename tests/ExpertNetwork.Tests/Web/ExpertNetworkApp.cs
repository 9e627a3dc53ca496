using ExpertNetwork.Accounts;
using ExpertNetwork.Tests.Support;
using ExpertNetwork.Web.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ExpertNetwork.Tests.Web;

/// <summary>The real web app on a private data directory, seeded with a small demo directory and a first admin.</summary>
public sealed class ExpertNetworkApp(int demoCount = 60, IReadOnlyDictionary<string, string>? settings = null, Action<IWebHostBuilder>? configure = null) : WebApplicationFactory<ExpertNetwork.Web.Startup.DemoOptions>
{
    public const string AdminEmail = "admin@example.org";
    public const string Password = "correct horse battery";

    private readonly TempDirectory _directory = new();

    public string DataDirectory => _directory.Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", _directory.Path);
        builder.UseSetting("Demo:SeedWhenEmpty", demoCount > 0 ? "true" : "false");
        if (demoCount > 0)
        {
            builder.UseSetting("Demo:Count", demoCount.ToString());
        }

        builder.UseSetting("Accounts:AdminEmail", AdminEmail);
        builder.UseSetting("Accounts:AdminPassword", Password);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        configure?.Invoke(builder);
    }

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public WebSession Session() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<UserAccount> CreateUserAsync(string email, string role)
    {
        var result = await Services.GetRequiredService<AccountService>().CreateAsync(email, email.Split('@')[0], role, Password);
        return result.User ?? throw new InvalidOperationException($"Could not create {email}: {result.Error}");
    }

    /// <summary>A signed-in session for a new user of the role, or the first admin; null role means anonymous.</summary>
    public async Task<WebSession> SignedInAsync(string? role, string? email = null)
    {
        var session = Session();
        if (role is null)
        {
            return session;
        }

        email ??= role == Roles.Admin ? AdminEmail : $"{role}-{Guid.NewGuid():N}@example.org";
        if (role != Roles.Admin || email != AdminEmail)
        {
            await CreateUserAsync(email, role);
        }

        await session.SignInAsync(email, Password);
        return session;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
