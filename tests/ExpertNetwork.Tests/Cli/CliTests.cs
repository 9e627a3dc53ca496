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

    [Fact]
    public async Task SearchJsonHasTotalHitsAndFacets()
    {
        await File.WriteAllLinesAsync(_directory.File("e.jsonl"),
        [
            ExpertBuilder.ValidLine(1),
            """{"id": "k-1", "fullName": "Phan Thị Kiều", "country": "JP", "fields": ["cybersecurity"], "keywords": ["kiểm thử xâm nhập"]}""",
        ]);
        await RunAsync("import", _directory.File("e.jsonl"));

        var (exit, output, _) = await RunAsync("search", "penetration testing", "--country", "JP", "--json");
        var root = JsonDocument.Parse(output).RootElement;

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(1, root.GetProperty("total").GetInt64());
        var hit = root.GetProperty("hits")[0];
        Assert.Equal("k-1", hit.GetProperty("id").GetString());
        Assert.Equal("Phan Thị Kiều", hit.GetProperty("fullName").GetString());
        Assert.True(hit.GetProperty("score").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Object, hit.GetProperty("highlights").ValueKind);
        Assert.Equal(1, root.GetProperty("facets").GetProperty("country").GetProperty("JP").GetInt64());
        Assert.Equal(1, root.GetProperty("facets").GetProperty("field").GetProperty("cybersecurity").GetInt64());
    }

    [Fact]
    public async Task IndexRebuildAndStatusReportTheIndex()
    {
        await File.WriteAllLinesAsync(_directory.File("e.jsonl"), [ExpertBuilder.ValidLine(1)]);
        await RunAsync("import", _directory.File("e.jsonl"));

        var rebuild = await RunAsync("index", "rebuild");
        var status = await RunAsync("index", "status");

        Assert.Equal(ExitCodes.Ok, rebuild.Exit);
        Assert.Contains("1 profiles", rebuild.Output);
        Assert.Contains("index: Current", status.Output);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
