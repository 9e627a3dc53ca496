using System.CommandLine;
using System.Diagnostics;
using ExpertNetwork.Cli.Experts;
using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace ExpertNetwork.Cli.Matching;

public static partial class MatchCommands
{
    private static readonly Option<FileInfo?> ExpertsFile = new("--experts")
    {
        Description = "experts.jsonl to match against instead of the stored directory (e.g. LR-bench)",
    };

    private static readonly Option<FileInfo?> EmbeddingsFile = new("--embeddings")
    {
        Description = $"Embedding store (default: <data>/{EmbeddingStore.FileName})",
    };

    private static readonly Option<int> Threads = new("--threads")
    {
        Description = "Embedding threads: for a backlog of missing texts, workers with a model session each (default: one per core); for a single need's text, ONNX Runtime threads (default 1)",
        DefaultValueFactory = _ => 1,
    };

    private static readonly Option<bool> NoEmbed = new("--no-embed")
    {
        Description = "Do not embed missing publication and profile texts first; those experts are then matched on their other features only",
    };

    public static Command Embed()
    {
        var needs = new Option<FileInfo[]>("--needs") { Description = "needs.jsonl whose texts to embed as well", AllowMultipleArgumentsPerToken = false };
        var command = new Command("embed", "Embed publications, profiles (and needs) that have no stored vector yet, with progress")
        {
            ExpertsFile, needs, DemoExperts, DemoNeeds, DemoSeed, EmbeddingsFile, Threads,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var texts = new List<string>();
            var demo = DemoSet(parse);
            await using var services = parse.GetValue(ExpertsFile) is null && demo is null ? await CliRunner.ServicesAsync(parse, cancellationToken) : null;
            if (demo is null || parse.GetValue(ExpertsFile) is not null)
            {
                var experts = await LoadExpertsAsync(parse, services, cancellationToken);
                texts.AddRange(experts.Where(e => e.Consent.Listed).SelectMany(EmbeddingBackfill.TextsOf));
            }

            if (demo is { } d)
            {
                // Only the judged experts matter for training; the rest of a demo directory would cost minutes for nothing.
                var judged = d.Set.Judgments.Select(j => j.ExpertId).ToHashSet();
                texts.AddRange(d.Set.Needs.SelectMany(EmbeddingBackfill.TextsOf));
                texts.AddRange(d.Experts.Where(e => judged.Contains(e.Id)).SelectMany(EmbeddingBackfill.TextsOf));
            }
            foreach (var file in parse.GetValue(needs) ?? [])
            {
                texts.AddRange(MatchingData.ReadNeeds(file.FullName).SelectMany(EmbeddingBackfill.TextsOf));
            }

            using var store = EmbeddingStore.Open(EmbeddingsPath(parse));
            using var embedder = new MiniLmEmbedder(parse.GetValue(Threads));
            var started = Stopwatch.StartNew();
            var count = EmbedMissing(parse, store, embedder, texts, cancellationToken);
            output.WriteLine($"{count} texts embedded in {started.Elapsed.TotalSeconds:F0} s; the store holds {store.Count} vectors");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Embeds the texts the store lacks: a progress bar on a terminal, a line every 10 s otherwise
    /// (logs stay readable). Returns how many texts were embedded.
    /// </summary>
    internal static int EmbedMissing(
        ParseResult parse, EmbeddingStore store, MiniLmEmbedder embedder, IEnumerable<string> texts, CancellationToken cancellationToken, bool optOut = true)
    {
        // One worker per core (each a model session of its own) unless --threads says how many.
        var backfill = new EmbeddingBackfill(embedder, store, workers: parse.GetResult(Threads) is { Implicit: false } ? parse.GetValue(Threads) : Environment.ProcessorCount);
        var missing = backfill.Missing(texts);
        if (missing.Count == 0)
        {
            return 0;
        }

        var error = parse.InvocationConfiguration.Error;
        var started = Stopwatch.StartNew();
        string Rate(EmbeddingProgress p) => $"{p.Done / Math.Max(0.001, started.Elapsed.TotalSeconds):F1} texts/s";
        if (Console.IsErrorRedirected || Console.IsOutputRedirected || parse.GetValue(CliOptions.Verbose) || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            error.WriteLine($"embedding {missing.Count} texts that have no stored vector yet{(optOut ? " ('--no-embed' skips this)" : "")}");
            var lastReport = TimeSpan.Zero;
            return backfill.Embed(missing, new SynchronousProgress<EmbeddingProgress>(p =>
            {
                if (p.Done == p.Total || started.Elapsed - lastReport > TimeSpan.FromSeconds(10))
                {
                    lastReport = started.Elapsed;
                    error.WriteLine($"embedded {p.Done}/{p.Total} ({p.Fraction:P0}), {Rate(p)}");
                }
            }), cancellationToken);
        }

        return AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask($"Embedding {missing.Count:N0} texts", maxValue: missing.Count);
                return backfill.Embed(missing, new SynchronousProgress<EmbeddingProgress>(p =>
                {
                    task.Value = p.Done;
                    task.Description = $"Embedding {p.Done:N0}/{p.Total:N0} texts, {Rate(p)}";
                }), cancellationToken);
            });
    }

    internal static string DataDirectory(ParseResult parse, ServiceProvider? services) =>
        services?.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory
        ?? parse.GetValue(CliOptions.Data)
        ?? Environment.GetEnvironmentVariable("EXPERTNET_DATA")
        ?? "data";

    internal static string EmbeddingsPath(ParseResult parse, ServiceProvider? services = null) =>
        parse.GetValue(EmbeddingsFile)?.FullName ?? Path.Combine(DataDirectory(parse, services), EmbeddingStore.FileName);

    internal static async Task<List<Expert>> LoadExpertsAsync(ParseResult parse, ServiceProvider? services, CancellationToken cancellationToken)
    {
        if (parse.GetValue(ExpertsFile) is { } file)
        {
            if (!file.Exists)
            {
                throw new CliException($"{file.Name}: no such file");
            }

            return MatchingData.ReadExperts(file.FullName);
        }

        var experts = new List<Expert>();
        await foreach (var stored in services!.GetRequiredService<ExpertStore>().StreamAsync(cancellationToken: cancellationToken))
        {
            experts.Add(stored.Expert);
        }

        return experts;
    }
}
