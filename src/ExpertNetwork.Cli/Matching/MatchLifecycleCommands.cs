using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using ExpertNetwork.Cli.Experts;
using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Shortlists;
using Microsoft.Extensions.DependencyInjection;

namespace ExpertNetwork.Cli.Matching;

public static partial class MatchCommands
{
    private static readonly Option<FileInfo[]> NeedsFiles = new("--needs") { Description = "needs.jsonl (repeat with --qrels for several labelled sets)" };
    private static readonly Option<FileInfo[]> QrelsFiles = new("--qrels") { Description = "qrels.tsv, one per --needs, in the same order" };
    private static readonly Option<FileInfo?> ModelFile = new("--model") { Description = $"Trained model (default: $EXPERTNET_MODEL, <data>/{MatchModels.DefaultFileName}, ml-models/{MatchModels.DefaultFileName})" };

    private static readonly Option<int> Seed = new("--seed") { Description = "Seed for training, folds and bootstrap", DefaultValueFactory = _ => TrainOptions.DefaultSeed };

    private static readonly Option<string> Objective = new("--objective")
    {
        Description = "regression (fits relevance; scores comparable across needs) or lambdarank (orders within a need)",
        DefaultValueFactory = _ => "regression",
    };

    private static readonly Option<string> TrainerName = new("--trainer")
    {
        Description = "lightgbm (default; falls back to fasttree when its native library is missing), fasttree, or linear",
        DefaultValueFactory = _ => "lightgbm",
    };

    private static readonly Option<string> CalibrationTarget = new("--calibration")
    {
        Description = "knows-well (default: fit = P(grade ≥ 4 of 5), fitted on held-out human-judged pairs) or relevance (the former target, relevance/4 of every set)",
        DefaultValueFactory = _ => "knows-well",
    };

    private static readonly Option<string> GeneratedUnits = new("--generated-units")
    {
        Description = "human (default: generated grades' residuals put into human-graded units before the trees learn them) or as-is (the former recipe: every set's 0–4 relevance taken as one scale)",
        DefaultValueFactory = _ => "human",
    };

    private static readonly Option<int?> CalibrationFolds = new("--calibration-folds")
    {
        Description = "Inner folds whose held-out scores fit the calibration (default 0: on the model's own training scores)",
    };

    private static readonly Option<int?> Leaves = new("--leaves") { Description = "Leaves per tree" };
    private static readonly Option<int?> Iterations = new("--iterations") { Description = "Boosting rounds" };
    private static readonly Option<int?> MinLeaf = new("--min-leaf") { Description = "Minimum examples per leaf" };
    private static readonly Option<double?> LearningRate = new("--learning-rate") { Description = "Boosting learning rate" };

    private static readonly Option<int> DemoExperts = new("--demo-experts") { Description = "Also use a generated demo directory of this many experts (with --demo-needs)", DefaultValueFactory = _ => 0 };
    private static readonly Option<int> DemoNeeds = new("--demo-needs") { Description = "Labelled demo needs (graded by construction) to add", DefaultValueFactory = _ => 0 };
    private static readonly Option<int> DemoSeed = new("--demo-seed") { Description = "Seed of the demo directory and needs", DefaultValueFactory = _ => Demo.DemoDirectory.DefaultSeed };

    private static readonly Option<double> DemoWeight = new("--demo-weight")
    {
        Description = "Total training weight of the generated demo set relative to each human-judged set",
        DefaultValueFactory = _ => 1.0,
    };

    private static readonly Option<bool> Feedback = new("--feedback")
    {
        Description = "Also learn from recruiters' shortlist outcomes in the store (hired 4, interested 3, contacted 2, new 1, declined 0)",
    };

    private static readonly Option<string[]> FeatureList = new("--features") { Description = "Train on these features only (comma-separated names)" };

    public static Command Train()
    {
        var output = new Option<FileInfo?>("--out") { Description = $"Model file to write (default: <data>/{MatchModels.DefaultFileName}); metrics go beside it" };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds by need for the metrics written beside the model (0: skip)", DefaultValueFactory = _ => 5 };
        var command = new Command("train", "Train the matching ranker (LightGBM; FastTree fallback) on labelled needs, seeded and reproducible")
        {
            NeedsFiles, QrelsFiles, ExpertsFile, Feedback, output, folds, Seed, Objective, TrainerName, Leaves, Iterations, MinLeaf, LearningRate, FeatureList, CalibrationTarget, GeneratedUnits, CalibrationFolds, DemoExperts, DemoNeeds, DemoSeed, DemoWeight, EmbeddingsFile, Threads, NoEmbed,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var started = Stopwatch.StartNew();
            await using var services = parse.GetValue(ExpertsFile) is null ? await CliRunner.ServicesAsync(parse, cancellationToken) : null;
            var workbench = await WorkbenchAsync(parse, services, cancellationToken);
            var options = Options(parse);
            // Trees need a few leaves' worth of examples; with fewer, LightGBM grows empty trees that ML.NET cannot load.
            var needed = 3 * options.MinimumExamplesPerLeaf;
            if (workbench.Pairs.Count < needed)
            {
                throw new CliException($"only {workbench.Pairs.Count} judged pairs: too few to train (at least {needed}); add labelled needs, e.g. --demo-experts 1500 --demo-needs 200");
            }

            var model = MatchTrainer.Train(workbench.Pairs, options, workbench.Fields, EmbeddingScale.Default, workbench.Sets.Select(s => s.Name).ToList());
            var path = parse.GetValue(output)?.FullName ?? Path.Combine(DataDirectory(parse, services), MatchModels.DefaultFileName);
            model.Save(path);
            var err = parse.InvocationConfiguration.Error;
            err.WriteLine($"trained {model.Description} in {started.Elapsed.TotalSeconds:F1} s; wrote {path}");

            var k = parse.GetValue(folds);
            if (k > 1)
            {
                var report = Report(workbench, MatchTrainer.CrossValidate(workbench.Pairs, k, options, EmbeddingScale.Default), $"{k}-fold CV by need, {model.Card.Trainer} {options.Objective}");
                var metricsPath = Path.ChangeExtension(path, null) + ".metrics.json";
                await File.WriteAllTextAsync(metricsPath, JsonSerializer.Serialize(new { model = model.Card, crossValidation = report }, MatchModels.JsonOptions), cancellationToken);
                Print(parse, report, json: false);
                err.WriteLine($"wrote {metricsPath}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Eval()
    {
        var groupBy = new Option<string>("--group-by") { Description = "need (default) or expert", DefaultValueFactory = _ => "need" };
        groupBy.AcceptOnlyFromAmong("need", "expert");
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds by need for the trainable model", DefaultValueFactory = _ => 5 };
        var scorer = new Option<string>("--scorer")
        {
            Description = "cv: train and test the ranker by need folds (default); blend: the unsupervised fallback; model: a saved model as it is; features: each feature alone",
            DefaultValueFactory = _ => "cv",
        };
        scorer.AcceptOnlyFromAmong("cv", "blend", "model", "features");
        var json = CliOptions.Json();
        var command = new Command("eval", "Pairwise loss, NDCG@10 and 95% bootstrap intervals on labelled needs")
        {
            NeedsFiles, QrelsFiles, ExpertsFile, Feedback, groupBy, folds, scorer, ModelFile, Seed, Objective, TrainerName, Leaves, Iterations, MinLeaf, LearningRate, FeatureList, CalibrationTarget, GeneratedUnits, CalibrationFolds, DemoExperts, DemoNeeds, DemoSeed, DemoWeight, EmbeddingsFile, Threads, NoEmbed, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = parse.GetValue(ExpertsFile) is null ? await CliRunner.ServicesAsync(parse, cancellationToken) : null;
            var workbench = await WorkbenchAsync(parse, services, cancellationToken);
            var options = Options(parse);
            var first = parse.GetValue(groupBy) == "expert" ? GroupBy.Expert : GroupBy.Need;
            switch (parse.GetValue(scorer))
            {
                case "features":
                    PrintSingleFeatures(parse, workbench);
                    return ExitCodes.Ok;
                case "blend":
                    Print(parse, Report(workbench, ScoreWith(workbench.Fallback, workbench.Pairs), "unsupervised blend", first), parse.GetValue(json));
                    return ExitCodes.Ok;
                case "model":
                    var path = ModelPath(parse, services) ?? throw new CliException("no trained model found; pass --model FILE");
                    var model = MatchModels.TryLoad(path)!;
                    Print(parse, Report(workbench, ScoreWith(model, workbench.Pairs), $"{model.Description} (as saved: in-sample if trained on this data)", first), parse.GetValue(json));
                    return ExitCodes.Ok;
                default:
                    var k = Math.Max(2, parse.GetValue(folds));
                    var scored = MatchTrainer.CrossValidate(workbench.Pairs, k, options, EmbeddingScale.Default);
                    Print(parse, Report(workbench, scored, $"{k}-fold CV by need, {options.Trainer} {options.Objective}", first), parse.GetValue(json));
                    return ExitCodes.Ok;
            }
        });
        return command;
    }

    internal static string? ModelPath(ParseResult parse, ServiceProvider? services)
    {
        var candidates = new[]
        {
            parse.GetValue(ModelFile)?.FullName,
            Environment.GetEnvironmentVariable("EXPERTNET_MODEL"),
            Path.Combine(DataDirectory(parse, services), MatchModels.DefaultFileName),
            Path.Combine("ml-models", MatchModels.DefaultFileName),
            Path.Combine(AppContext.BaseDirectory, "ml-models", MatchModels.DefaultFileName),
        };
        if (parse.GetValue(ModelFile) is { Exists: false } missing)
        {
            throw new CliException($"{missing.FullName}: no such model file");
        }

        return candidates.FirstOrDefault(p => !string.IsNullOrWhiteSpace(p) && File.Exists(p));
    }

    private static TrainOptions Options(ParseResult parse)
    {
        var defaults = new TrainOptions();
        var options = defaults with
        {
            Seed = parse.GetValue(Seed),
            Objective = parse.GetValue(Objective) ?? defaults.Objective,
            Trainer = parse.GetValue(TrainerName) ?? defaults.Trainer,
            Leaves = parse.GetValue(Leaves) ?? defaults.Leaves,
            Iterations = parse.GetValue(Iterations) ?? defaults.Iterations,
            MinimumExamplesPerLeaf = parse.GetValue(MinLeaf) ?? defaults.MinimumExamplesPerLeaf,
            LearningRate = parse.GetValue(LearningRate) ?? defaults.LearningRate,
            Calibration = parse.GetValue(CalibrationTarget) ?? defaults.Calibration,
            CalibrationFolds = parse.GetValue(CalibrationFolds) ?? defaults.CalibrationFolds,
            GeneratedUnits = parse.GetValue(GeneratedUnits) ?? defaults.GeneratedUnits,
        };
        var features = (parse.GetValue(FeatureList) ?? []).SelectMany(f => f.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var unknown = features.Where(f => PairFeatures.Index(f) < 0).ToList();
        if (unknown.Count > 0)
        {
            throw new CliException($"unknown features: {string.Join(", ", unknown)}; known: {string.Join(", ", PairFeatures.All)}");
        }

        return features.Count > 0 ? options with { Features = features } : options;
    }

    internal sealed record Workbench(
        IReadOnlyList<LabelledSet> Sets, List<TrainingPair> Pairs, FieldClassifier Fields, BlendModel Fallback, double EmbeddedShare);

    /// <summary>Reads the labelled sets and the experts, and computes every judged pair's features the way matching does.</summary>
    internal static async Task<Workbench> WorkbenchAsync(ParseResult parse, ServiceProvider? services, CancellationToken cancellationToken)
    {
        var needs = parse.GetValue(NeedsFiles) ?? [];
        var qrels = parse.GetValue(QrelsFiles) ?? [];
        if (needs.Length != qrels.Length)
        {
            throw new CliException("give one --qrels for each --needs, in the same order");
        }

        foreach (var file in needs.Concat(qrels).Where(f => !f.Exists))
        {
            throw new CliException($"{file.FullName}: no such file");
        }

        var sets = needs.Zip(qrels, (n, q) => MatchingData.Read(n.FullName, q.FullName)).ToList();
        if (parse.GetValue(Feedback))
        {
            if (services is null)
            {
                throw new CliException("--feedback reads shortlist outcomes from the store; it cannot be combined with --experts");
            }

            var judgments = services.GetRequiredService<ShortlistJudgments>();
            var outcomes = await judgments.ReadAsync(cancellationToken);
            parse.InvocationConfiguration.Error.WriteLine($"feedback: {outcomes.Count} shortlist outcomes recorded by recruiters");
            if (outcomes.Count > 0)
            {
                sets.Add(new LabelledSet("recruiter feedback", await judgments.NeedsAsync(cancellationToken), outcomes));
            }
        }

        var experts = sets.Count > 0 ? await LoadExpertsAsync(parse, services, cancellationToken) : [];
        if (DemoSet(parse) is { } demo)
        {
            experts.AddRange(demo.Experts);
            sets.Add(demo.Set);
        }

        if (sets.Count == 0)
        {
            throw new CliException("nothing to learn from: give --needs and --qrels, or --demo-experts and --demo-needs");
        }
        var byId = experts.GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var seed = parse.GetValue(Seed);
        var fields = FieldClassifier.Train(FieldClassifier.Examples(experts), seed);
        var fallback = new BlendModel(fields, EmbeddingScale.Default);
        var embeddingsPath = EmbeddingsPath(parse, services);
        var embed = !parse.GetValue(NoEmbed);
        using var store = embed || File.Exists(embeddingsPath) ? EmbeddingStore.Open(embeddingsPath) : null;
        using var embedder = new MiniLmEmbedder(parse.GetValue(Threads));
        if (embed)
        {
            // Only judged experts are scored, so only their texts (and the needs') are embedded.
            var judged = sets.SelectMany(s => s.Judgments).Select(j => j.ExpertId).ToHashSet(StringComparer.Ordinal);
            var texts = sets.SelectMany(s => s.Needs).SelectMany(EmbeddingBackfill.TextsOf)
                .Concat(byId.Values.Where(e => judged.Contains(e.Id)).SelectMany(EmbeddingBackfill.TextsOf));
            EmbedMissing(parse, store!, embedder, texts, cancellationToken);
        }

        var matcher = new Matcher(fallback, TermStatistics.Build(experts), store, embedder, ReferenceYear);
        // Each labelled set weighs the same in training (the demo set as --demo-weight says), so a
        // large generated set cannot drown a small human-judged one.
        var perSet = sets.Select(s => matcher.Pairs(s, byId)).ToList();
        var average = perSet.Average(p => (double)p.Count);
        var demoWeight = parse.GetValue(DemoWeight);
        var pairs = perSet.SelectMany((p, i) => p.Select(pair => pair with
        {
            Weight = (float)(average / p.Count * (sets[i].Name.StartsWith("demo(", StringComparison.Ordinal) ? demoWeight : 1)),
        })).ToList();

        var judgedExperts = pairs.Select(p => byId[p.ExpertId]).DistinctBy(e => e.Id).ToList();
        var publications = judgedExperts.SelectMany(e => e.Publications).ToList();
        var embedded = store is null ? 0 : publications.Count(p => store.Contains(TextKey.Of(ExpertEvidence.PublicationEmbeddingText(p))));
        var share = publications.Count == 0 ? 1 : (double)embedded / publications.Count;
        if (share < 0.99)
        {
            parse.InvocationConfiguration.Error.WriteLine(
                $"note: {embedded} of {publications.Count} judged experts' publications have stored embeddings ({embeddingsPath}); the rest were matched without vectors (run without --no-embed for the full model)");
        }

        var dropped = sets.Sum(s => s.Judgments.Count) - pairs.Count;
        if (dropped > 0)
        {
            parse.InvocationConfiguration.Error.WriteLine($"note: {dropped} judgments name needs or experts that are not loaded and were skipped");
        }

        return new Workbench(sets, pairs, fields, fallback, share);
    }

    /// <summary>A generated directory with needs graded by construction, when the command line asks for one.</summary>
    internal static (List<Expert> Experts, LabelledSet Set)? DemoSet(ParseResult parse)
    {
        var count = parse.GetValue(DemoExperts);
        var needs = parse.GetValue(DemoNeeds);
        if (count <= 0 || needs <= 0)
        {
            return null;
        }

        var seed = parse.GetValue(DemoSeed);
        var experts = Demo.DemoDirectory.Generate(count, seed).ToList();
        var (demoNeeds, judgments) = Demo.DemoDirectory.GenerateNeeds(experts, needs, seed);
        return (experts, new LabelledSet($"demo({count} experts, {needs} needs, seed {seed})", demoNeeds, judgments) { HumanJudged = false });
    }

    internal static int ReferenceYear => TimeProvider.System.GetUtcNow().Year;

    internal static List<ScoredJudgment> ScoreWith(IFitModel model, IReadOnlyList<TrainingPair> pairs)
    {
        var scores = model.Score(pairs.Select(p => p.Features).ToList());
        return pairs.Select((p, i) => new ScoredJudgment(p.NeedId, p.ExpertId, p.Grade, scores[i])).ToList();
    }

    internal sealed record EvalReport(
        string Scorer, int Needs, int Pairs, double EmbeddedShare, MetricReport LossByNeed, MetricReport LossByExpert, MetricReport Ndcg10, string Primary,
        IReadOnlyList<EvalReport> BySet)
    {
        /// <summary>Expected calibration error (10 bins) of the fit against grade ≥ 4 of 5, over human-judged pairs only; null without any.</summary>
        public MetricReport? CalibrationError { get; init; }

        /// <summary>Share of human-judged pairs graded 4–5, and the mean fit of those graded 4–5 and of the rest.</summary>
        public double? KnowsWellShare { get; init; }

        public double? MeanFitKnowsWell { get; init; }

        public double? MeanFitOthers { get; init; }
    }

    /// <summary>Metrics over everything, and per labelled set when there are several: a small real set must not hide behind a large generated one.</summary>
    private static EvalReport Report(Workbench workbench, IReadOnlyList<ScoredJudgment> scored, string scorer, GroupBy primary = GroupBy.Need)
    {
        var judged = workbench.Pairs.GroupBy(p => (p.NeedId, p.ExpertId)).ToDictionary(g => g.Key, g => g.First());
        EvalReport Of(IReadOnlyList<ScoredJudgment> part, string name, IReadOnlyList<EvalReport> bySet)
        {
            var human = part.Where(s => judged.TryGetValue((s.NeedId, s.ExpertId), out var p) && p.Human)
                .Select(s => (Group: s.NeedId, s.Score, Positive: judged[(s.NeedId, s.ExpertId)].KnowsWell)).ToList();
            return new EvalReport(
                name,
                part.Select(s => s.NeedId).Distinct().Count(),
                part.Count,
                Math.Round(workbench.EmbeddedShare, 4),
                RankingMetrics.PairwiseLossInterval(part, GroupBy.Need),
                RankingMetrics.PairwiseLossInterval(part, GroupBy.Expert),
                RankingMetrics.NdcgInterval(part, 10),
                primary == GroupBy.Need ? "need" : "expert",
                bySet)
            {
                CalibrationError = human.Count == 0 ? null : RankingMetrics.CalibrationErrorInterval(human),
                KnowsWellShare = human.Count == 0 ? null : Math.Round(human.Average(h => h.Positive ? 1.0 : 0), 4),
                MeanFitKnowsWell = human.Any(h => h.Positive) ? Math.Round(human.Where(h => h.Positive).Average(h => h.Score), 4) : null,
                MeanFitOthers = human.Any(h => !h.Positive) ? Math.Round(human.Where(h => !h.Positive).Average(h => h.Score), 4) : null,
            };
        }

        var bySet = new List<EvalReport>();
        if (workbench.Sets.Count > 1)
        {
            foreach (var set in workbench.Sets)
            {
                var needs = set.Needs.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
                bySet.Add(Of(scored.Where(s => needs.Contains(s.NeedId)).ToList(), $"{scorer}, on {set.Name} only", []));
            }
        }

        return Of(scored, scorer, bySet);
    }

    private static void Print(ParseResult parse, EvalReport report, bool json)
    {
        var output = parse.InvocationConfiguration.Output;
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(report, MatchModels.JsonOptions));
            return;
        }

        output.WriteLine($"{report.Scorer}: {report.Needs} needs, {report.Pairs} judged pairs");
        var byNeed = $"pairwise loss grouped by need:   {report.LossByNeed}  ({report.LossByNeed.Groups} groups, weight {report.LossByNeed.Weight:F1})";
        var byExpert = $"pairwise loss grouped by expert: {report.LossByExpert}  ({report.LossByExpert.Groups} groups, weight {report.LossByExpert.Weight:F1})";
        output.WriteLine(report.Primary == "need" ? byNeed : byExpert);
        output.WriteLine(report.Primary == "need" ? byExpert : byNeed);
        output.WriteLine($"NDCG@10 (by need):               {report.Ndcg10}");
        if (report.CalibrationError is { } ece)
        {
            output.WriteLine($"calibration error (ECE, 10 bins, fit vs grade ≥ 4 of 5, human-judged pairs): {ece}  ({ece.Groups} needs, {ece.Weight:F0} pairs)");
            output.WriteLine($"graded 4–5: {report.KnowsWellShare:P0} of human-judged pairs; mean fit {report.MeanFitKnowsWell:F3} for them, {report.MeanFitOthers:F3} for the rest");
        }

        output.WriteLine("intervals: 95% bootstrap over groups");
        foreach (var part in report.BySet)
        {
            output.WriteLine();
            Print(parse, part, json: false);
        }
    }

    private static void PrintSingleFeatures(ParseResult parse, Workbench workbench)
    {
        var output = parse.InvocationConfiguration.Output;
        output.WriteLine($"{"feature",-18} {"loss/need",10} {"loss/expert",12} {"present",8} {"mean",8} {"std",8}");
        foreach (var feature in PairFeatures.All)
        {
            var column = PairFeatures.Index(feature);
            var scored = workbench.Pairs.Select(p => new ScoredJudgment(p.NeedId, p.ExpertId, p.Grade, float.IsNaN(p.Features[column]) ? double.MinValue : p.Features[column])).ToList();
            var present = workbench.Pairs.Count(p => !float.IsNaN(p.Features[column]));
            var values = workbench.Pairs.Select(p => (double)p.Features[column]).Where(v => !double.IsNaN(v)).ToList();
            var mean = values.Count == 0 ? double.NaN : values.Average();
            var std = values.Count == 0 ? double.NaN : Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
            output.WriteLine($"{feature,-18} {RankingMetrics.PairwiseLoss(scored, GroupBy.Need),10:F3} {RankingMetrics.PairwiseLoss(scored, GroupBy.Expert),12:F3} {present,8} {mean,8:F3} {std,8:F3}");
        }
    }
}
