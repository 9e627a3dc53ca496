using System.CommandLine;
using System.Text.Json;
using ExpertNetwork.Experts;
using ExpertNetwork.Search;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ExpertNetwork.Cli.Search;

public static class SearchCommands
{
    public static Command Search()
    {
        var query = new Argument<string?>("query") { Description = "Free text: names, skills, topics (Vietnamese or English)", Arity = ArgumentArity.ZeroOrOne };
        var fields = new Option<string[]>("--field") { Description = "Only experts in this field (repeatable)", AllowMultipleArgumentsPerToken = false };
        var countries = new Option<string[]>("--country") { Description = "Only experts living in this country, ISO code (repeatable)" };
        var location = new Option<string[]>("--location") { Description = "province, vietnam (elsewhere in Vietnam) or abroad (repeatable)" };
        location.AcceptOnlyFromAmong("province", "vietnam", "abroad");
        var degree = new Option<string[]>("--degree") { Description = "Only these degrees (repeatable)" };
        var engagement = new Option<string[]>("--engagement") { Description = "Only experts open to this engagement (repeatable)" };
        var language = new Option<string[]>("--language") { Description = "Only experts speaking this language, ISO 639-1 (repeatable)" };
        var sort = new Option<SearchSort>("--sort") { Description = "relevance, name or hindex", DefaultValueFactory = _ => SearchSort.Relevance };
        var top = new Option<int>("--top") { Description = "How many hits", DefaultValueFactory = _ => 10 };
        var from = new Option<int>("--from") { Description = "Skip this many hits (paging)" };
        var json = CliOptions.Json();
        var command = new Command("search", "Search the directory")
        {
            query, fields, countries, location, degree, engagement, language, sort, top, from, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var size = parse.GetValue(top);
            if (size is < 1 or > 1000)
            {
                throw new CliException($"--top must be between 1 and 1000, got {size}");
            }

            await using var services = await CliRunner.ServicesAsync(parse, cancellationToken);
            var directory = services.GetRequiredService<ExpertDirectory>();
            await directory.SyncIndexAsync(cancellationToken: cancellationToken);
            var result = await directory.Index.SearchAsync(new SearchQuery
            {
                Text = parse.GetValue(query),
                Fields = parse.GetValue(fields) ?? [],
                Countries = (parse.GetValue(countries) ?? []).Select(c => c.ToUpperInvariant()).ToList(),
                Locations = (parse.GetValue(location) ?? []).Select(ParseLocation).ToList(),
                Degrees = parse.GetValue(degree) ?? [],
                Engagement = parse.GetValue(engagement) ?? [],
                Languages = parse.GetValue(language) ?? [],
                Sort = parse.GetValue(sort),
                From = Math.Max(0, parse.GetValue(from)),
                Size = size,
            }, cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    total = result.Total,
                    hits = result.Hits.Select(h => new { id = h.Id, fullName = h.FullName, score = h.Score, highlights = h.Highlights }),
                    facets = result.Facets,
                }, ExpertDiff.JsonOptions));
                return ExitCodes.Ok;
            }

            output.WriteLine($"{result.Total} experts match");
            foreach (var (hit, rank) in result.Hits.Select((h, i) => (h, i + 1 + parse.GetValue(from))))
            {
                output.WriteLine($"{rank,3}. {hit.FullName}  [{hit.Id}]  {hit.Score:F2}");
                foreach (var (field, snippets) in hit.Highlights)
                {
                    output.WriteLine($"       {field}: {string.Join(" … ", snippets)}");
                }
            }

            foreach (var (facet, counts) in result.Facets.Where(f => f.Value.Count > 0))
            {
                output.WriteLine($"{facet}: {string.Join(", ", counts.Take(8).Select(c => $"{c.Key} {c.Value}"))}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Index()
    {
        var rebuild = new Command("rebuild", "Rebuild the search index from the store beside the serving one, then swap it in");
        rebuild.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliRunner.ServicesAsync(parse, cancellationToken);
            var directory = services.GetRequiredService<ExpertDirectory>();
            var total = await directory.Store.CountAsync(cancellationToken);
            var started = System.Diagnostics.Stopwatch.StartNew();
            if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            {
                await directory.RebuildIndexAsync(cancellationToken: cancellationToken);
            }
            else
            {
                await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask("Rebuilding the search index", maxValue: Math.Max(1, total));
                        await directory.RebuildIndexAsync(new SynchronousProgress<int>(n => task.Value = n), cancellationToken);
                        task.Value = task.MaxValue;
                    });
            }

            parse.InvocationConfiguration.Output.WriteLine($"index: {total} profiles read from the store and indexed in {started.Elapsed.TotalSeconds:F1} s");
            return ExitCodes.Ok;
        });

        var status = new Command("status", "Say whether the index is current, stale, missing or built with other analysis files");
        status.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliRunner.ServicesAsync(parse, cancellationToken);
            var directory = services.GetRequiredService<ExpertDirectory>();
            var stamp = await directory.Store.StampAsync(cancellationToken);
            var state = await directory.Index.EnsureCreatedAsync(stamp, cancellationToken);
            parse.InvocationConfiguration.Output.WriteLine($"index: {state} (store stamp {stamp}, index stamp {await directory.Index.GetStoreStampAsync(cancellationToken) ?? "none"})");
            return ExitCodes.Ok;
        });

        return new Command("index", "Manage the search index") { rebuild, status };
    }

    public static Command BenchSearch()
    {
        var corpus = new Option<FileInfo>("--corpus") { Description = "experts.jsonl to index (e.g. from ../shared/bench/gen_corpus.py)", Required = true };
        var queries = new Option<FileInfo>("--queries") { Description = "One query per line", Required = true };
        var passes = new Option<int>("--passes") { Description = "Timed passes over the queries after a warm-up pass", DefaultValueFactory = _ => 3 };
        var indexDir = new Option<DirectoryInfo?>("--index") { Description = "Scratch directory for the benchmark index (deleted first; default: a temp folder)" };
        var search = new Command("search", "Index a corpus and report profiles/s and query latency with and without facets, and suggestion latency")
        {
            corpus, queries, passes, indexDir,
        };
        search.SetAction(async (parse, cancellationToken) =>
        {
            var corpusFile = parse.GetValue(corpus)!;
            var queryFile = parse.GetValue(queries)!;
            foreach (var file in new[] { corpusFile, queryFile }.Where(f => !f.Exists))
            {
                throw new CliException($"{file.Name}: no such file");
            }

            var scratch = parse.GetValue(indexDir)?.FullName ?? Path.Combine(Path.GetTempPath(), "expertnet-bench-" + Environment.ProcessId);
            var output = parse.InvocationConfiguration.Output;
            try
            {
                var report = await SearchBenchmark.RunLuceneAsync(corpusFile.FullName, queryFile.FullName, scratch, parse.GetValue(passes),
                    new SynchronousProgress<string>(line => output.WriteLine(line)), cancellationToken);
                output.WriteLine(report.ToString());
            }
            finally
            {
                if (parse.GetValue(indexDir) is null && Directory.Exists(scratch))
                {
                    Directory.Delete(scratch, recursive: true);
                }
            }

            return ExitCodes.Ok;
        });
        return search;
    }

    private static LocationClass ParseLocation(string value) => value switch
    {
        "province" => LocationClass.Province,
        "vietnam" => LocationClass.Vietnam,
        _ => LocationClass.Abroad,
    };
}
