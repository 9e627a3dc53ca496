using System.CommandLine;
using System.Text.Json;
using ExpertNetwork.Cli;
using ExpertNetwork.Cli.Matching;
using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Tests.Support;

namespace ExpertNetwork.Tests.Matching;

public sealed class MatchCliTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliRunner.RunAsync(CliApp.Root(), ["--data", _directory.File("data"), .. args], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string ExpertsFile()
    {
        var path = _directory.File("experts.jsonl");
        File.WriteAllLines(path, MatcherTests.Directory.Select(ExpertJson.Serialize));
        return path;
    }

    [Fact]
    public async Task Match_with_json_prints_shared_format_lines_with_an_explanation()
    {
        var (exit, output, error) = await RunAsync("match", "--text", "ransomware and intrusion detection", "--experts", ExpertsFile(), "--top", "2", "--json");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("lightgbm ranker", error);
        var lines = output.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        Assert.Equal("text", root.GetProperty("needId").GetString());
        Assert.Equal("sec", root.GetProperty("expertId").GetString());
        Assert.Equal(1, root.GetProperty("rank").GetInt32());
        Assert.InRange(root.GetProperty("score").GetDouble(), 0, 1);
        Assert.True(root.GetProperty("explanation").GetProperty("factors").GetArrayLength() > 0);
        Assert.True(root.GetProperty("explanation").GetProperty("publications").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Match_needs_exactly_one_way_of_giving_the_need()
    {
        var (exit, _, error) = await RunAsync("match", "--experts", ExpertsFile());

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("exactly one of --text", error);
    }

    [SkippableFact]
    public async Task The_shipped_model_loads_and_matches_with_explanations()
    {
        var model = ShippedModel();
        Skip.If(model is null, "ml-models/expert-match.zip is not in this checkout");

        var (exit, output, error) = await RunAsync("match", "--text", "SAR ADC for image sensors", "--experts", ExpertsFile(), "--model", model!, "--json", "--kind", "project");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("lightgbm", error);
        Assert.Equal("chip", JsonDocument.Parse(output.Split('\n')[0]).RootElement.GetProperty("expertId").GetString());
        Assert.NotNull(MatchModels.TryLoad(model!)!.Fields);
    }

    internal static string? ShippedModel()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "ml-models", MatchModels.DefaultFileName);
            if (File.Exists(Path.Combine(directory.FullName, "ExpertNetwork.sln")))
            {
                return File.Exists(path) ? path : null;
            }
        }

        return null;
    }

    public void Dispose() => _directory.Dispose();
}
