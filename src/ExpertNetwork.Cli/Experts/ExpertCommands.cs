using System.CommandLine;
using System.Text.Json;
using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Needs;
using ExpertNetwork.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ExpertNetwork.Cli.Experts;

public static class ExpertCommands
{
    private const int MaxErrorsShown = 50;

    public static Command Import()
    {
        var file = new Argument<FileInfo>("file") { Description = "experts.jsonl, experts.csv or needs.jsonl" };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Store the valid records and list the invalid ones" };
        var publications = new Option<FileInfo?>("--publications") { Description = "CSV of publications (expertId, title, abstract, year, venue, doi, authors) for a CSV import" };
        var type = new Option<string>("--type") { Description = "experts or needs (default: needs when the file name contains 'need')" };
        type.AcceptOnlyFromAmong("experts", "needs");
        var embed = new Option<bool>("--embed") { Description = "After importing experts, embed every listed profile's texts that have no stored vector yet, so matching is fully informed" };
        var json = CliOptions.Json();
        var command = new Command("import", "Import experts (JSONL or CSV) or needs (JSONL) into the directory") { file, skipInvalid, publications, type, embed, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliException($"{path.Name}: no such file");
            }

            await using var services = await CliRunner.ServicesAsync(parse, cancellationToken);
            var isNeeds = parse.GetValue(type) is { } t ? t == "needs" : path.Name.Contains("need", StringComparison.OrdinalIgnoreCase);
            if (isNeeds)
            {
                return await ImportNeedsAsync(parse, services, path, parse.GetValue(skipInvalid), parse.GetValue(json), cancellationToken);
            }

            var directory = services.GetRequiredService<ExpertDirectory>();
            var options = new ImportOptions { SkipInvalid = parse.GetValue(skipInvalid), PublicationsPath = parse.GetValue(publications)?.FullName };
            var started = System.Diagnostics.Stopwatch.StartNew();
            var result = await WithProgressAsync(parse, $"Importing {path.Name}", progress => directory.ImportAsync(path.FullName, options, progress, cancellationToken));
            var seconds = started.Elapsed.TotalSeconds;
            await ReportErrorsAsync(parse, result.Errors);
            if (parse.GetValue(json))
            {
                parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new
                {
                    read = result.Read, created = result.Created, updated = result.Updated, unchanged = result.Unchanged,
                    invalid = result.Invalid, stored = result.Errors.Count == 0 || options.SkipInvalid, seconds,
                    errors = result.Errors.Select(e => e.ToString()),
                }, ExpertDiff.JsonOptions));
            }
            else if (result.Errors.Count > 0 && !options.SkipInvalid)
            {
                parse.InvocationConfiguration.Error.WriteLine($"{path.Name}: {result.Invalid} invalid of {result.Read} records; nothing was stored (use --skip-invalid to store the valid ones)");
            }
            else
            {
                parse.InvocationConfiguration.Output.WriteLine(
                    $"{path.Name}: {result.Read} records read, {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged, {result.Invalid} invalid skipped in {seconds:F1} s");
            }

            var stored = result.Errors.Count == 0 || options.SkipInvalid;
            if (parse.GetValue(embed) && stored)
            {
                var texts = new List<string>();
                await foreach (var expert in services.GetRequiredService<ExpertStore>().StreamAsync(cancellationToken: cancellationToken))
                {
                    if (expert.Expert.Consent.Listed)
                    {
                        texts.AddRange(EmbeddingBackfill.TextsOf(expert.Expert));
                    }
                }

                var data = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.DataDirectory;
                using var store = EmbeddingStore.Open(Path.Combine(data, EmbeddingStore.FileName));
                using var embedder = new MiniLmEmbedder(1);
                var count = Matching.MatchCommands.EmbedMissing(parse, store, embedder, texts, cancellationToken);
                parse.InvocationConfiguration.Error.WriteLine($"embedded {count} new texts; the store holds {store.Count} vectors");
            }

            return result.Errors.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }

    public static Command Export()
    {
        var file = new Argument<FileInfo>("file") { Description = "experts.jsonl (shared format) or experts.csv (plus experts.publications.csv beside it)" };
        var command = new Command("export", "Export the whole directory") { file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliRunner.ServicesAsync(parse, cancellationToken);
            var path = parse.GetValue(file)!.FullName;
            var count = await services.GetRequiredService<ExpertExporter>().ExportAsync(path, cancellationToken);
            parse.InvocationConfiguration.Output.WriteLine($"{Path.GetFileName(path)}: {count} experts exported");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Show()
    {
        var id = new Argument<string>("id") { Description = "Expert id, e.g. bd-000123" };
        var json = CliOptions.Json();
        var command = new Command("show", "Show one expert's profile") { id, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliRunner.ServicesAsync(parse, cancellationToken);
            var stored = await services.GetRequiredService<ExpertStore>().GetAsync(parse.GetValue(id)!, cancellationToken)
                         ?? throw new CliException($"no expert with id '{parse.GetValue(id)}'");
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(ExpertJson.Serialize(stored.Expert));
                return ExitCodes.Ok;
            }

            var e = stored.Expert;
            output.WriteLine($"{e.FullName}  [{e.Id}]{(e.Consent.Listed ? "" : "  (unlisted)")}");
            Line(output, "Also known as", string.Join("; ", e.OtherNames));
            Line(output, "Headline", e.Headline);
            Line(output, "Affiliation", e.Affiliation);
            Line(output, "Lives in", string.Join(", ", new[] { e.City, e.Country }.Where(s => !string.IsNullOrEmpty(s))) + $" ({Geography.Classify(e).Name()})");
            Line(output, "Hometown", e.Hometown);
            Line(output, "Fields", string.Join(", ", e.Fields));
            Line(output, "Keywords", string.Join("; ", e.Keywords));
            Line(output, "Languages", string.Join(", ", e.Languages));
            Line(output, "Degree", e.Degree);
            Line(output, "h-index", e.HIndex?.ToString());
            Line(output, "Engagement", string.Join(", ", e.Engagement));
            Line(output, "Email", e.Email is null ? null : e.Email + (e.Consent.Contact ? "" : " (not shown to others)"));
            Line(output, "ORCID", e.Orcid);
            Line(output, "Bio", e.Bio);
            foreach (var p in e.Publications)
            {
                output.WriteLine($"  - {p.Title} ({p.Venue}{(p.Year is null ? "" : ", " + p.Year)})");
            }

            output.WriteLine($"  Updated {stored.UpdatedAt:yyyy-MM-dd HH:mm} by {stored.ChangedBy}, version {stored.RowVersion}");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Stats()
    {
        var json = CliOptions.Json();
        var command = new Command("stats", "Counts by field, country, location and engagement") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliRunner.ServicesAsync(parse, cancellationToken);
            var stats = await DirectoryStats.ComputeAsync(services.GetRequiredService<ExpertStore>(), cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    experts = stats.Experts, listed = stats.Listed, publications = stats.Publications,
                    byField = stats.ByField, byCountry = stats.ByCountry, byLocation = stats.ByLocation, byEngagement = stats.ByEngagement,
                    store = services.GetRequiredService<Database>().Description,
                    matching = services.GetRequiredService<MatchingEngine>().Status,
                }));
                return ExitCodes.Ok;
            }

            output.WriteLine($"Store: {services.GetRequiredService<Database>().Description}");
            output.WriteLine(services.GetRequiredService<MatchingEngine>().Status.ToString());
            output.WriteLine($"Experts: {stats.Experts} ({stats.Listed} listed), publications: {stats.Publications}");
            Counts(output, "By field", stats.ByField);
            Counts(output, "By location (province / elsewhere in Vietnam / abroad)", stats.ByLocation);
            Counts(output, "By country", stats.ByCountry);
            Counts(output, "By engagement", stats.ByEngagement);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Migrate()
    {
        var command = new Command("migrate", "Apply pending schema migrations (also done automatically by every command)");
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliRunner.ServicesAsync(parse, cancellationToken);
            var database = services.GetRequiredService<Database>();
            var versions = Migrator.Scripts(database.Dialect);
            parse.InvocationConfiguration.Output.WriteLine($"{database.Description}: schema at version {versions.Max(v => v.Version)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<int> ImportNeedsAsync(ParseResult parse, ServiceProvider services, FileInfo path, bool skipInvalid, bool json, CancellationToken cancellationToken)
    {
        var needs = new List<Need>();
        var errors = new List<ImportError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, need, fieldErrors) in NeedJson.ReadFile(path.FullName))
        {
            if (need is null)
            {
                errors.AddRange(fieldErrors.Select(e => new ImportError(path.Name, line, e.Field, e.Message)));
            }
            else if (!seen.Add(need.Id))
            {
                errors.Add(new ImportError(path.Name, line, "id", $"'{need.Id}' appears more than once"));
            }
            else
            {
                needs.Add(need);
            }
        }

        await ReportErrorsAsync(parse, errors);
        if (errors.Count > 0 && !skipInvalid)
        {
            parse.InvocationConfiguration.Error.WriteLine($"{path.Name}: {errors.Count} errors; nothing was stored (use --skip-invalid to store the valid needs)");
            return ExitCodes.Failure;
        }

        await services.GetRequiredService<NeedStore>().SaveAsync(needs, $"import:{path.Name}", cancellationToken);
        parse.InvocationConfiguration.Output.WriteLine(json ? JsonSerializer.Serialize(new { needs = needs.Count, errors = errors.Count }) : $"{path.Name}: {needs.Count} needs stored");
        return errors.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }

    internal static async Task<T> WithProgressAsync<T>(ParseResult parse, string title, Func<IProgress<ImportProgress>, Task<T>> work)
    {
        if (Console.IsOutputRedirected || Console.IsErrorRedirected || parse.GetValue(CliOptions.Verbose) || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await work(new Progress<ImportProgress>(_ => { }));
        }

        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(title, maxValue: 1);
                var result = await work(new SynchronousProgress<ImportProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.TotalBytes);
                    task.Value = p.BytesRead;
                    task.Description = $"{title} ({p.Records:N0})";
                }));
                task.Value = task.MaxValue;
                return result;
            });
    }

    private static async Task ReportErrorsAsync(ParseResult parse, IReadOnlyList<ImportError> errors)
    {
        var error = parse.InvocationConfiguration.Error;
        foreach (var e in errors.Take(MaxErrorsShown))
        {
            await error.WriteLineAsync(e.ToString());
        }

        if (errors.Count > MaxErrorsShown)
        {
            await error.WriteLineAsync($"… and {errors.Count - MaxErrorsShown} more errors");
        }
    }

    private static void Line(TextWriter output, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            output.WriteLine($"  {label,-14} {value}");
        }
    }

    private static void Counts(TextWriter output, string title, IReadOnlyDictionary<string, long> counts)
    {
        output.WriteLine(title + ":");
        foreach (var (key, count) in counts)
        {
            output.WriteLine($"  {key,-16} {count,8}");
        }
    }
}
