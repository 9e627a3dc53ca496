using ExpertNetwork.Accounts;
using ExpertNetwork.Tests.Support;
using ExpertNetwork.Web.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ExpertNetwork.Tests.Browser;

/// <summary>The web app on a real Kestrel port on the loopback address, with its own data directory and a small demo directory.</summary>
public sealed class LiveApp : IAsyncDisposable
{
    public const string Password = "correct horse battery";

    private readonly TempDirectory _directory = new();
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public IServiceProvider Services => _app!.Services;

    public string DataDirectory => _directory.Path;

    public static async Task<LiveApp> StartAsync(int demoCount = 150, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var live = new LiveApp();
        var configuration = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:DataDirectory"] = live._directory.Path,
            ["Demo:Count"] = demoCount.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        live._app = ExpertNetwork.Web.Program.CreateApp([], configuration);
        await live._app.StartAsync();
        live.BaseUrl = live._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        // Outside Development mails carry links only from the configured public address, known once the port is.
        live._app.Configuration["Researchers:PublicBaseUrl"] = live.BaseUrl;
        return live;
    }

    public async Task<string> CreateUserAsync(string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}"[..24] + "@example.org";
        var result = await Services.GetRequiredService<AccountService>().CreateAsync(email, "Trần Thị Tuyển Dụng", role, Password);
        return result.User?.Email ?? throw new InvalidOperationException(result.Error.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
