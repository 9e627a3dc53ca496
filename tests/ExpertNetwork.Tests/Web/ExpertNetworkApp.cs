using ExpertNetwork.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ExpertNetwork.Tests.Web;

/// <summary>The real web app on a private data directory, seeded with a small demo directory.</summary>
public sealed class ExpertNetworkApp(int demoCount = 60) : WebApplicationFactory<ExpertNetwork.Web.Startup.DemoOptions>
{
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
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
