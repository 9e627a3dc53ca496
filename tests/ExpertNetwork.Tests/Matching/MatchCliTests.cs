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
    public async Task Match_embeds_what_is_missing_first_and_says_how_many_went_without_vectors_with_no_embed()
    {
        var experts = ExpertsFile();
        var (exit, output, error) = await RunAsync("match", "--text", "ransomware and intrusion detection", "--experts", experts, "--top", "2", "--no-embed");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains($"{MatcherTests.Directory.Count(e => e.Consent.Listed)} of {MatcherTests.Directory.Count(e => e.Consent.Listed)} listed experts matched without vectors", error);
        Assert.Contains("provisional ranking", output);

        (exit, output, error) = await RunAsync("match", "--text", "ransomware and intrusion detection", "--experts", experts, "--top", "2");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("embedding ", error);
        Assert.Contains("listed experts have vectors", error);
        Assert.DoesNotContain("provisional", output);
    }

    [Fact]
    public async Task Import_with_embed_stores_a_vector_for_every_text_of_the_imported_listed_profiles()
    {
        var unlisted = MatcherTests.Directory[0] with
        {
            Id = "hidden",
            Consent = new Consent(Listed: false, Contact: false),
            Publications = [new Publication { Title = "Unlisted work on tidal energy", Abstract = "Turbines in the Nại lagoon." }],
        };
        var file = _directory.File("import.jsonl");
        File.WriteAllLines(file, MatcherTests.Directory.Append(unlisted).Select(ExpertJson.Serialize));

        var (exit, output, error) = await RunAsync("import", file, "--embed");

        Assert.True(exit == ExitCodes.Ok, output + error);
        var texts = MatcherTests.Directory.Where(e => e.Consent.Listed).SelectMany(EmbeddingBackfill.TextsOf).Distinct().ToList();
        Assert.Contains($"embedded {texts.Count} new texts; the store holds {texts.Count} vectors", error);
        using var store = EmbeddingStore.Open(Path.Combine(_directory.File("data"), EmbeddingStore.FileName));
        using var embedder = new MiniLmEmbedder();
        Assert.Equal(texts.Count, store.Count);
        foreach (var text in texts)
        {
            Assert.True(VectorMath.Dot(embedder.Embed(text), store.Get(TextKey.Of(text))!) > 0.999, text);
        }

        Assert.All(EmbeddingBackfill.TextsOf(unlisted).Except(texts), text => Assert.Null(store.Get(TextKey.Of(text))));

        (exit, _, error) = await RunAsync("import", file, "--embed");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains($"embedded 0 new texts; the store holds {texts.Count} vectors", error);
    }

    [Fact]
    public async Task Match_says_no_strong_match_in_both_languages_for_a_nonsense_need()
    {
        var (exit, output, _) = await RunAsync("match", "--text", "bánh mì", "--experts", ExpertsFile(), "--top", "3");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("no strong match found", output);
        Assert.Contains("không tìm thấy chuyên gia thực sự phù hợp", output);
        Assert.DoesNotContain("matching experts", output);
    }

    [Fact]
    public async Task Match_says_which_mistyped_words_it_read_as_which_in_both_languages()
    {
        var path = _directory.File("packaging.jsonl");
        File.WriteAllLines(path, MisspellingsTests.Directory.Select(ExpertJson.Serialize));

        var (exit, output, _) = await RunAsync("match", "--text", "semiconducter packaging", "--experts", path, "--top", "3", "--no-embed");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("read \"semiconducter\" as \"semiconductor\" / đã hiểu \"semiconducter\" là \"semiconductor\"", output);
        Assert.Contains("[pack", output.Split('\n').First(l => l.TrimStart().StartsWith("1.", StringComparison.Ordinal)));
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

    [SkippableFact]
    public void The_shipped_model_was_trained_on_the_vectors_this_build_makes()
    {
        var model = ShippedModel();
        Skip.If(model is null, "ml-models/expert-match.zip is not in this checkout");

        Assert.Equal(MiniLmEmbedder.ModelTag, MatchModels.TryLoad(model!)!.Card.Embeddings);
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

    [Fact]
    public async Task Train_with_feedback_learns_from_recruiters_shortlist_outcomes()
    {
        var data = _directory.File("data");
        var database = new ExpertNetwork.Storage.Database(new ExpertNetwork.Storage.StorageOptions { DataDirectory = data });
        await new ExpertNetwork.Storage.Migrator(database, TimeProvider.System).MigrateAsync();
        var store = new ExpertStore(database, TimeProvider.System);
        foreach (var expert in MatcherTests.Directory)
        {
            await store.SaveAsync(expert, "test");
        }

        var recruiter = await new ExpertNetwork.Accounts.UserStore(database, TimeProvider.System).CreateAsync("r@example.org", null, "recruiter", "x");
        var shortlists = new ExpertNetwork.Shortlists.ShortlistStore(database, TimeProvider.System);
        var list = await shortlists.CreateAsync(recruiter.Id, "Ransomware response team", "Incident response and malware analysis for the province's data centre");
        var statuses = new[] { ExpertNetwork.Shortlists.ShortlistStatus.Hired, ExpertNetwork.Shortlists.ShortlistStatus.Declined, ExpertNetwork.Shortlists.ShortlistStatus.Contacted };
        foreach (var (expert, status) in MatcherTests.Directory.Where(e => e.Consent.Listed).Zip(statuses))
        {
            await shortlists.AddAsync(list.Id, recruiter.Id, expert.Id, "test");
            await shortlists.UpdateAsync(list.Id, recruiter.Id, expert.Id, status, null, "test");
        }

        var model = _directory.File("feedback-model.zip");
        var alone = await RunAsync("train", "--feedback", "--folds", "0", "--out", model);
        var (exit, _, error) = await RunAsync("train", "--feedback", "--demo-experts", "300", "--demo-needs", "30", "--folds", "0", "--out", model);

        Assert.Equal(ExitCodes.Failure, alone.Exit);
        Assert.Contains("too few to train", alone.Error);
        Assert.True(exit == ExitCodes.Ok, error);
        Assert.Contains("feedback: 3 shortlist outcomes", error);
        Assert.True(File.Exists(model));
    }

    public void Dispose() => _directory.Dispose();
}
