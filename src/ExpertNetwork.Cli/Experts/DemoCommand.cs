using System.CommandLine;
using System.Text.Json;
using ExpertNetwork.Demo;
using ExpertNetwork.Experts;
using Microsoft.Extensions.DependencyInjection;

namespace ExpertNetwork.Cli.Experts;

public static class DemoCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "How many experts to generate", DefaultValueFactory = _ => 5000 };
        var seed = new Option<int>("--seed") { Description = "Generator seed; the same seed and count give the same directory", DefaultValueFactory = _ => DemoDirectory.DefaultSeed };
        var output = new Option<FileInfo?>("--out") { Description = "Write the directory to this experts.jsonl instead of storing it" };
        var command = new Command("demo", "Generate a deterministic demo directory of experts linked to Bình Định") { count, seed, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var n = parse.GetValue(count);
            if (n is < 1 or > 2_000_000)
            {
                throw new CliException($"--count must be between 1 and 2000000, got {n}");
            }

            var experts = DemoDirectory.Generate(n, parse.GetValue(seed));
            if (parse.GetValue(output) is { } file)
            {
                await using var stream = file.Create();
                await using var writer = new Utf8JsonWriter(stream, ExpertJson.WriterOptions);
                foreach (var expert in experts)
                {
                    ExpertJson.Write(writer, expert);
                    await writer.FlushAsync(cancellationToken);
                    writer.Reset();
                    stream.WriteByte((byte)'\n');
                }

                parse.InvocationConfiguration.Output.WriteLine($"{file.Name}: {n} demo experts written");
                return ExitCodes.Ok;
            }

            await using var services = await CliRunner.ServicesAsync(parse, cancellationToken);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var result = await ExpertCommands.WithProgressAsync(parse, "Storing demo directory",
                progress => services.GetRequiredService<ExpertDirectory>().StoreAsync(experts, "demo", progress, n, cancellationToken));
            parse.InvocationConfiguration.Output.WriteLine(
                $"demo: {result.Read} experts generated, {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged in {started.Elapsed.TotalSeconds:F1} s");
            return ExitCodes.Ok;
        });
        return command;
    }

}
