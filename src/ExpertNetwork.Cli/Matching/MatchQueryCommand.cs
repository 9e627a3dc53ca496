using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Needs;
using Microsoft.Extensions.DependencyInjection;

namespace ExpertNetwork.Cli.Matching;

public static partial class MatchCommands
{
    public static Command Match()
    {
        var text = new Option<string?>("--text") { Description = "The need as free text (Vietnamese or English)" };
        var needFile = new Option<FileInfo?>("--need") { Description = "One need as a JSON object (needs.jsonl format)" };
        var needsFile = new Option<FileInfo?>("--needs") { Description = "needs.jsonl: match every need in it" };
        var kind = new Option<string?>("--kind") { Description = "project, talent or speaker (overrides the need's own)" };
        kind.AcceptOnlyFromAmong([.. Vocabulary.NeedKinds]);
        var top = new Option<int>("--top") { Description = "How many experts per need", DefaultValueFactory = _ => 10 };
        var json = CliOptions.Json();
        var command = new Command("match", "Rank the directory's experts for a need, with a fit score in [0, 1] and an explanation; embeds missing texts first")
        {
            text, needFile, needsFile, kind, top, json, ExpertsFile, ModelFile, EmbeddingsFile, Threads, NoEmbed,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var needs = ReadQueryNeeds(parse.GetValue(text), parse.GetValue(needFile), parse.GetValue(needsFile), parse.GetValue(kind));
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            await using var services = parse.GetValue(ExpertsFile) is null ? await CliRunner.ServicesAsync(parse, cancellationToken) : null;
            var experts = await LoadExpertsAsync(parse, services, cancellationToken);

            IFitModel model;
            var modelPath = ModelPath(parse, services);
            if (modelPath is not null && MatchModels.TryLoad(modelPath) is { } trained)
            {
                model = trained;
                error.WriteLine($"model: {trained.Description} ({modelPath})");
            }
            else
            {
                model = MatchModels.Fallback(experts);
                error.WriteLine("model: no trained model found; using the unsupervised blend (train one with 'expertnet train')");
            }

            var listed = experts.Where(e => e.Consent.Listed).ToList();
            // The same engine the web app matches with; it owns the store and the embedder from here on.
            using var engine = new MatchingEngine(model, EmbeddingStore.Open(EmbeddingsPath(parse, services)), new MiniLmEmbedder(parse.GetValue(Threads)), ReferenceYear);
            var statistics = TermStatistics.Build(listed);
            if (!parse.GetValue(NoEmbed))
            {
                EmbedMissing(parse, engine.Store, engine.Embedder, listed.SelectMany(EmbeddingBackfill.TextsOf).Concat(needs.SelectMany(n => EmbeddingBackfill.TextsOf(Misspellings.Corrected(n, statistics, out _), statistics))), cancellationToken);
            }

            engine.DirectoryAnalysed(statistics);
            var backfill = new EmbeddingBackfill(engine.Embedder, engine.Store);
            var withoutVectors = listed.Count(e => backfill.Missing(EmbeddingBackfill.TextsOf(e)).Count > 0);
            error.WriteLine(withoutVectors == 0
                ? $"embeddings: all {listed.Count} listed experts have vectors"
                : $"embeddings: {withoutVectors} of {listed.Count} listed experts matched without vectors (on their other features only); run without --no-embed or 'expertnet embed' for the full model");

            var candidates = Candidates(parse, services, listed, engine.Store);
            var n = Math.Max(1, parse.GetValue(top));
            foreach (var need in needs)
            {
                var outcome = await engine.MatchAsync(need, candidates, n, cancellationToken);
                if (!parse.GetValue(json))
                {
                    output.WriteLine(Headline(need, outcome));
                }

                foreach (var result in outcome.Results)
                {
                    output.WriteLine(parse.GetValue(json) ? MatchLine(need.Id, result) : Human(result));
                }

                if (!parse.GetValue(json) && needs.Count > 1)
                {
                    output.WriteLine();
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// What the page says above the list, in both languages: how many match, or that none is strong; which mistyped words
    /// were read as which; and whether the order is provisional.
    /// </summary>
    internal static string Headline(Need need, MatchOutcome outcome)
    {
        var name = need.Id == "text" ? "" : $"[{need.Id}] ";
        var best = outcome.Results.Count == 0 ? 0 : outcome.Results.Max(r => r.Score);
        var line = outcome.Results.Count == 0
            ? $"{name}no matching experts / không tìm thấy chuyên gia phù hợp"
            : outcome.StrongMatch
                ? $"{name}{outcome.Results.Count} matching {(outcome.Results.Count == 1 ? "expert" : "experts")} / {outcome.Results.Count} chuyên gia phù hợp"
                : string.Create(CultureInfo.InvariantCulture,
                    $"{name}no strong match found (best fit {best:F2}); the closest people: / không tìm thấy chuyên gia thực sự phù hợp (mức phù hợp cao nhất {best:F2}); những người gần nhất:");
        if (outcome.ReadAs.Count > 0)
        {
            var readAs = string.Join(", ", outcome.ReadAs.Select(c => $"\"{c.Typed}\" as \"{c.Meant}\""));
            var hieuLa = string.Join(", ", outcome.ReadAs.Select(c => $"\"{c.Typed}\" là \"{c.Meant}\""));
            line += $"{Environment.NewLine}read {readAs} / đã hiểu {hieuLa}";
        }

        if (outcome.CandidatesWithoutVectors > 0)
        {
            line += $"{Environment.NewLine}provisional ranking: {outcome.CandidatesWithoutVectors} of {outcome.Candidates} candidates have no vectors yet / xếp hạng tạm thời: {outcome.CandidatesWithoutVectors} trong {outcome.Candidates} ứng viên chưa có vectơ";
        }

        return line;
    }

    /// <summary>
    /// For the stored directory, the directory-wide candidates (lexical, plus nearest by vector where the store has
    /// vectors); every listed expert for an --experts file.
    /// </summary>
    private static CandidateSource Candidates(ParseResult parse, ServiceProvider? services, IReadOnlyList<Expert> listed, EmbeddingStore? store)
    {
        if (services is null)
        {
            return MatchCandidates.FromList(listed);
        }

        var candidates = new DirectoryCandidates(CandidateIndex.Build(listed), store);
        candidates.RefreshVectors(listed);
        parse.InvocationConfiguration.Error.WriteLine(
            $"candidates: the directory's best {Matcher.DefaultCandidates} by words" +
            (candidates.Vectors.Count == 0 ? "" : $", joined by the nearest {Math.Ceiling(Matcher.DefaultCandidates * DirectoryCandidates.VectorShare)} by meaning ({candidates.Vectors.Count} experts with vectors)"));
        return candidates.Source(listed.ToDictionary(e => e.Id, StringComparer.Ordinal));
    }

    /// <summary>A matches.jsonl line of the shared format plus the explanation object.</summary>
    public static string MatchLine(string needId, MatchResult result) => JsonSerializer.Serialize(new
    {
        needId,
        expertId = result.ExpertId,
        rank = result.Rank,
        score = Math.Round(result.Score, 4),
        explanation = new
        {
            factors = result.Explanation.Factors.Select(f => new
            {
                feature = f.Feature,
                description = f.Description,
                value = double.IsFinite(f.Value) ? Math.Round(f.Value, 4) : (double?)null,
                contribution = Math.Round(f.Contribution, 4),
            }),
            matchedSkills = result.Explanation.MatchedSkills,
            publications = result.Explanation.Publications.Select(p => new { title = p.Title, year = p.Year, venue = p.Venue, similarity = p.Similarity }),
            fields = result.Explanation.Fields,
            fieldsInferred = result.Explanation.FieldsInferred,
            baseline = Math.Round(result.Explanation.Baseline, 4),
            others = Math.Round(result.Explanation.Others, 4),
            embedded = result.Explanation.Embedded,
        },
    }, ExpertDiff.JsonOptions);

    internal static List<Need> ReadQueryNeeds(string? text, FileInfo? needFile, FileInfo? needsFile, string? kind)
    {
        var given = new object?[] { text, needFile, needsFile }.Count(o => o is not null);
        if (given != 1)
        {
            throw new CliException("give exactly one of --text, --need FILE.json or --needs FILE.jsonl");
        }

        List<Need> needs;
        if (text is not null)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new CliException("--text is empty");
            }

            needs = [new Need { Id = "text", Description = text }];
        }
        else if (needFile is not null)
        {
            if (!needFile.Exists)
            {
                throw new CliException($"{needFile.Name}: no such file");
            }

            var errors = new List<FieldError>();
            var need = NeedJson.Parse(File.ReadAllText(needFile.FullName), errors)
                       ?? throw new CliException($"{needFile.Name}: {errors[0].Field}: {errors[0].Message}");
            needs = [need];
        }
        else
        {
            if (!needsFile!.Exists)
            {
                throw new CliException($"{needsFile.Name}: no such file");
            }

            try
            {
                needs = MatchingData.ReadNeeds(needsFile.FullName);
            }
            catch (InvalidDataException e)
            {
                throw new CliException(e.Message);
            }
        }

        return kind is null ? needs : needs.Select(n => n with { Kind = kind }).ToList();
    }

    private static string Human(MatchResult result)
    {
        var e = result.Explanation;
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{result.Rank,3}. {result.FullName} [{result.ExpertId}]  fit {result.Score:F3}"),
        };
        if (e.Factors.Count > 0)
        {
            // On the logit scale: start + the factors + the rest = logit(fit).
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"     why (logit scale, adds up): start {e.Baseline:+0.00;-0.00}; ")
                      + string.Join("; ", e.Factors.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Description} {f.Contribution:+0.00;-0.00}")))
                      + string.Create(CultureInfo.InvariantCulture, $"; other factors {e.Others:+0.00;-0.00;0.00}"));
        }

        if (e.MatchedSkills.Count > 0)
        {
            lines.Add("     skills: " + string.Join(", ", e.MatchedSkills));
        }

        foreach (var p in e.Publications)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"     paper: {p.Title}{(p.Year is null ? "" : $" ({p.Year})")}  similarity {p.Similarity:F2}"));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
