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
        var command = new Command("match", "Rank the directory's experts for a need, with a fit score in [0, 1] and an explanation")
        {
            text, needFile, needsFile, kind, top, json, ExpertsFile, ModelFile, EmbeddingsFile, Threads,
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

            var embeddingsPath = EmbeddingsPath(parse, services);
            using var store = File.Exists(embeddingsPath) ? EmbeddingStore.Open(embeddingsPath) : null;
            using var embedder = new MiniLmEmbedder(parse.GetValue(Threads));
            var listed = experts.Where(e => e.Consent.Listed).ToList();
            var embedded = store is null ? 0 : listed.Count(e => e.Publications.All(p => store.Contains(TextKey.Of(ExpertEvidence.PublicationText(p)))));
            error.WriteLine($"embeddings: {embedded} of {listed.Count} listed experts fully embedded; the rest are matched on their other features");

            var matcher = new Matcher(model, TermStatistics.Build(listed), store, embedder, ReferenceYear);
            var candidates = Candidates(parse, services, listed, store, embedder);
            var n = Math.Max(1, parse.GetValue(top));
            foreach (var need in needs)
            {
                var results = await matcher.MatchAsync(need, candidates, n, cancellationToken);
                foreach (var result in results)
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
    /// For the stored directory, the directory-wide candidates (lexical, plus nearest by vector where the store has
    /// vectors); every listed expert for an --experts file.
    /// </summary>
    private static CandidateSource Candidates(ParseResult parse, ServiceProvider? services, IReadOnlyList<Expert> listed, EmbeddingStore? store, MiniLmEmbedder embedder)
    {
        if (services is null)
        {
            return MatchCandidates.FromList(listed);
        }

        var candidates = new DirectoryCandidates(CandidateIndex.Build(listed), store, embedder);
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
            lines.Add("     why: " + string.Join("; ", e.Factors.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Description} {(f.Contribution >= 0 ? "+" : "")}{f.Contribution:F2}"))));
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
