using ExpertNetwork.Cli;
using ExpertNetwork.Cli.Web;
using ExpertNetwork.Experts;
using ExpertNetwork.Storage;
using ExpertNetwork.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ExpertNetwork.Tests.Web;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task ServeStartsTheWebAppOnTheGivenAddressWithTheGivenDataDirectory()
    {
        using var data = new TempDirectory();
        var database = new Database(new StorageOptions { DataDirectory = data.Path });
        await new Migrator(database, TimeProvider.System).MigrateAsync();
        await new ExpertStore(database, TimeProvider.System).SaveAsync(ExpertBuilder.Full("served-1"), "test");
        var parse = CliApp.Root().Parse(["serve", "--urls", "http://127.0.0.1:0", "--data", data.Path]);
        Assert.Empty(parse.Errors);

        await using var app = ServeCommand.Build(parse);
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var client = new HttpClient { BaseAddress = new Uri(address) };

            var health = await client.GetStringAsync("/health");
            var home = await client.GetStringAsync("/");

            Assert.StartsWith("http://127.0.0.1:", address);
            Assert.Equal("Healthy", health);
            Assert.Contains("Mạng lưới chuyên gia Bình Định", home);
            Assert.Equal(1, await app.Services.GetRequiredService<ExpertStore>().CountAsync());
        }
        finally
        {
            await app.StopAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    [SkippableFact]
    public async Task WithoutAnAddressServeListensWhereDotnetRunDoes()
    {
        Skip.If(!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_URLS")),
            "an address is set in the environment, which serve honours");
        using var data = new TempDirectory();
        var parse = CliApp.Root().Parse(["serve", "--data", data.Path]);
        var launch = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Root(), "src", "ExpertNetwork.Web", "Properties", "launchSettings.json")));

        await using var app = ServeCommand.Build(parse);

        Assert.Equal(launch.RootElement.GetProperty("profiles").GetProperty("ExpertNetwork.Web").GetProperty("applicationUrl").GetString(), app.Configuration["urls"]);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ExpertNetwork.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("No ExpertNetwork.sln above the test assembly.");
    }
}
