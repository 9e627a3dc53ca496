using System.Text.Json;
using ExpertNetwork.Cli;
using ExpertNetwork.Tests.Support;

namespace ExpertNetwork.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliRunner.RunAsync(CliApp.Root(), ["--data", _directory.File("data"), .. args], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task UnknownVerbIsAUsageError()
    {
        var (exit, _, error) = await RunAsync("frobnicate");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("frobnicate", error);
    }

    [Fact]
    public async Task MissingFileIsOneClearLineAndExitOne()
    {
        var (exit, _, error) = await RunAsync("import", _directory.File("nope.jsonl"));

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("nope.jsonl", error);
    }

    [Fact]
    public async Task InvalidImportListsErrorsAndStoresNothing()
    {
        await File.WriteAllLinesAsync(_directory.File("e.jsonl"), [ExpertBuilder.ValidLine(1), """{"id": "b", "fullName": "B", "country": "Vietnam"}"""]);

        var (exit, _, error) = await RunAsync("import", _directory.File("e.jsonl"));
        var stats = await RunAsync("stats", "--json");

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("e.jsonl:2: country: ", error);
        Assert.Contains("nothing was stored", error);
        Assert.Equal(0, JsonDocument.Parse(stats.Output).RootElement.GetProperty("experts").GetInt64());
    }

    [Fact]
    public async Task ImportShowStatsAndExportWorkTogether()
    {
        await File.WriteAllLinesAsync(_directory.File("e.jsonl"), [ExpertBuilder.ValidLine(1), ExpertBuilder.ValidLine(2)]);

        var import = await RunAsync("import", _directory.File("e.jsonl"));
        var show = await RunAsync("show", "t-000002", "--json");
        var stats = await RunAsync("stats", "--json");
        var export = await RunAsync("export", _directory.File("out.jsonl"));
        var missing = await RunAsync("show", "nobody");

        Assert.Equal(ExitCodes.Ok, import.Exit);
        Assert.Contains("2 created", import.Output);
        Assert.Equal("Lê Văn Tám 2", JsonDocument.Parse(show.Output).RootElement.GetProperty("fullName").GetString());
        var root = JsonDocument.Parse(stats.Output).RootElement;
        Assert.Equal(2, root.GetProperty("experts").GetInt64());
        Assert.Equal(2, root.GetProperty("byLocation").GetProperty("province").GetInt64());
        Assert.Equal(ExitCodes.Ok, export.Exit);
        Assert.Equal(2, File.ReadAllLines(_directory.File("out.jsonl")).Length);
        Assert.Equal(ExitCodes.Failure, missing.Exit);
        Assert.Contains("no expert with id 'nobody'", missing.Error);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
