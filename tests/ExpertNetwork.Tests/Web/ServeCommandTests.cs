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
}
