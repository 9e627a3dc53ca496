using System.Text.RegularExpressions;
using ExpertNetwork.Accounts;
using ExpertNetwork.Cli;
using ExpertNetwork.Storage;
using ExpertNetwork.Tests.Support;

namespace ExpertNetwork.Tests.MultiProcess;

/// <summary>The load benchmark runs end to end against a served app process; its figures are printed, never asserted.</summary>
public sealed class WebBenchCommandTests
{
    [Fact]
    public async Task Bench_web_seeds_serves_loads_and_reports_each_level_then_removes_its_user()
    {
        using var data = new TempDirectory();
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await CliRunner.RunAsync(CliApp.Root(),
            ["bench", "web", "--data", data.Path, "--profiles", "60", "--clients", "1,2", "--duration", "2", "--warmup", "1"], output, error);

        var text = output.ToString();
        Assert.True(code == 0, text + error);
        Assert.Contains("/api/search, 60 profiles", text);
        Assert.Matches(@"server start-up: directory analysed for matching \d+ s after listening, before any load", text);
        var rows = text.Split('\n').Where(l => Regex.IsMatch(l, @"^\s+[12]\s+\d")).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Matches(@"\s0 \(0\)", r));
        Assert.Contains("server stopped cleanly", text);
        var users = await new UserStore(new Database(new StorageOptions { DataDirectory = data.Path }), TimeProvider.System).ListAsync();
        Assert.DoesNotContain(users, u => u.Email.StartsWith("bench-web-", StringComparison.Ordinal));
    }
}
