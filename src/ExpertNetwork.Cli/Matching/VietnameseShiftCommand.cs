using System.CommandLine;
using System.Diagnostics;
using ExpertNetwork.Demo;
using ExpertNetwork.Matching;

namespace ExpertNetwork.Cli.Matching;

public static partial class MatchCommands
{
    /// <summary>
    /// Fits <see cref="VietnameseShift"/> on the demo directory's texts, which write every field in both languages, and
    /// writes the file the app embeds (ml-models/minilm-vietnamese-shift.txt). Deterministic: same experts, same vectors.
    /// </summary>
    public static Command FitVietnameseShift()
    {
        var experts = new Option<int>("--experts") { Description = "How many demo experts' texts to fit on (the directory's first ones)", DefaultValueFactory = _ => 1200 };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the offset", Required = true };
        var workers = new Option<int>("--workers") { Description = "Embedding threads", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("fit-vietnamese-shift", "Measure where MiniLM puts Vietnamese texts against English ones, for ml-models/minilm-vietnamese-shift.txt") { experts, output, workers };
        command.SetAction(parse =>
        {
            var console = parse.InvocationConfiguration.Output;
            var count = parse.GetValue(experts);
            if (count < 10)
            {
                throw new CliException($"--experts: {count} is too few to fit on; give at least 10.");
            }

            var texts = DemoDirectory.Generate(count).SelectMany(EmbeddingBackfill.TextsOf).Distinct(StringComparer.Ordinal).ToArray();
            var vectors = new float[texts.Length][];
            var watch = Stopwatch.StartNew();
            var lanes = Math.Max(1, parse.GetValue(workers));
            Parallel.For(0, lanes, new ParallelOptions { MaxDegreeOfParallelism = lanes }, lane =>
            {
                using var embedder = new MiniLmEmbedder(1, shiftVietnamese: false);
                for (var i = lane; i < texts.Length; i += lanes)
                {
                    vectors[i] = embedder.Embed(texts[i]);
                }
            });

            var weighted = texts.Select((t, i) => (vectors[i], VietnameseShift.Weight(t))).ToList();
            var offset = VietnameseShift.Fit(weighted);
            var vietnamese = weighted.Count(t => t.Item2 >= 1);
            var english = weighted.Count(t => t.Item2 <= 0);
            var path = parse.GetValue(output)!.FullName;
            using (var writer = new StreamWriter(path))
            {
                VietnameseShift.Write(writer, offset,
                [
                    $"What {MiniLmEmbedder.UnshiftedModelTag} adds to a wholly Vietnamese text's vector (see Matching/VietnameseShift.cs).",
                    $"Written by `expertnet fit-vietnamese-shift --experts {count}`: {texts.Length} distinct demo texts, {vietnamese} wholly Vietnamese, {english} English.",
                ]);
            }

            var length = Math.Sqrt(offset.Sum(v => (double)v * v));
            console.WriteLine($"{texts.Length} texts ({vietnamese} wholly Vietnamese, {english} English) embedded in {watch.Elapsed.TotalSeconds:F0} s; offset length {length:F3}; written to {path}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
