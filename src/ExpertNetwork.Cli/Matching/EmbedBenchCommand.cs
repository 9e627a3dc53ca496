using System.CommandLine;
using System.Diagnostics;
using ExpertNetwork.Demo;
using ExpertNetwork.Matching;

namespace ExpertNetwork.Cli.Matching;

public static partial class MatchCommands
{
    /// <summary>
    /// Embedding throughput on the demo directory's own texts (publications and profiles, in directory order)
    /// into a scratch in-memory store: texts/s, the figure the web app's first start waits on.
    /// </summary>
    public static Command BenchEmbed()
    {
        var texts = new Option<int>("--texts") { Description = "How many distinct demo texts to embed", DefaultValueFactory = _ => 1000 };
        var workers = new Option<int>("--workers") { Description = "Embedding threads, each with its own model session (default: one per core)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("embed", "Embedding throughput (texts/s) on demo profiles' texts") { texts, workers };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var wanted = Math.Max(1, parse.GetValue(texts));
            var seen = new HashSet<TextKey>();
            var sample = DemoDirectory.Generate(DemoDirectory.MaxCount).SelectMany(EmbeddingBackfill.TextsOf)
                .Where(t => seen.Add(TextKey.Of(t))).Take(wanted).ToList();
            var words = sample.Sum(t => t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length);
            using var embedder = new MiniLmEmbedder(1);
            embedder.Embed("warm-up");
            var store = EmbeddingStore.InMemory();
            var watch = Stopwatch.StartNew();
            var count = new EmbeddingBackfill(embedder, store, workers: parse.GetValue(workers)).Embed(sample);
            var seconds = watch.Elapsed.TotalSeconds;
            output.WriteLine($"{count} texts ({words / Math.Max(1, sample.Count)} words on average) embedded by {parse.GetValue(workers)} worker(s) " +
                             $"in {seconds:F1} s: {count / seconds:F1} texts/s; CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F0} s in all" +
                             (File.Exists("/proc/loadavg") ? $"; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} (other processes share the machine)" : ""));
            return ExitCodes.Ok;
        });
        return command;
    }
}
