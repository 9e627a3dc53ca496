using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Analysis;
using ExpertNetwork.Search.Elasticsearch;
using ExpertNetwork.Text;

namespace ExpertNetwork.Tests.Search;

/// <summary>
/// Executes the analysis chains of <c>indexing/experts.index.json</c>: each ES analyzer is rebuilt, from the JSON itself,
/// with Lucene's own Java factories (Debian's liblucene8-java, Lucene 8.7) by a small Java program compiled at test
/// time, and the golden token table must come out as the Lucene.NET analyzers make it. Reported as skipped where
/// <c>javac</c>, <c>java</c> or the jars are missing. This proves the JSON and Lucene.NET agree on Lucene 8.7's classes;
/// Elasticsearch 9 runs Lucene 10, the remaining risk README names.
/// </summary>
public sealed class JavaAnalysisCheckTests : IDisposable
{
    private static readonly string[] Jars = ["/usr/share/java/lucene-core-8.7.0.jar", "/usr/share/java/lucene-analyzers-common-8.7.0.jar"];

    private readonly ExpertAnalyzers _analyzers = new();
    private readonly string _work = Path.Combine(Path.GetTempPath(), "es-java-" + Guid.NewGuid().ToString("N"));

    public JavaAnalysisCheckTests() => Directory.CreateDirectory(_work);

    public void Dispose()
    {
        _analyzers.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    private static JsonObject CommittedBody() => ElasticsearchIndexDefinition.CreateBody(new IndexMeta(SearchAnalysis.Hash, null));

    [SkippableFact]
    public void Every_analyzer_rebuilt_from_the_json_with_lucenes_java_classes_makes_the_golden_tokens_of_lucene_net()
    {
        var (differences, compared) = Compare(CommittedBody());

        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.Equal(9 * (GoldenTokenTable.Rows.Count() + GoldenTokenTable.MoreTexts.Count), compared);
    }

    [SkippableFact]
    public void The_java_chains_reproduce_each_golden_row_exactly()
    {
        var rows = GoldenTokenTable.Rows.Select(row => ((string)row[0], (string)row[1], (string)row[2])).ToArray();
        var java = RunJava(CommittedBody(), rows.Select(r => (r.Item1, r.Item2)).ToArray());

        Assert.Equal(rows.Select(r => r.Item3), java);
    }

    [SkippableTheory]
    [InlineData("vi_folded", "filter", """["lowercase"]""")]
    [InlineData("name_prefix_index", "filter", """["lowercase", "edge_1_15"]""")]
    [InlineData("vi_bio", "filter", """["lowercase"]""")]
    [InlineData("vi_exact", "char_filter", "[]")]
    public void A_changed_analyzer_in_the_json_fails_the_check(string analyzer, string key, string value)
    {
        var body = CommittedBody();
        body["settings"]!["analysis"]!["analyzer"]![analyzer]![key] = JsonNode.Parse(value);

        var (differences, _) = Compare(body);

        Assert.Contains(differences, d => d.StartsWith(analyzer + ":", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void A_changed_filter_parameter_in_the_json_fails_the_check()
    {
        var body = CommittedBody();
        body["settings"]!["analysis"]!["filter"]!["edge_1_15"]!["max_gram"] = 3;

        var (differences, _) = Compare(body);

        Assert.Contains(differences, d => d.StartsWith("name_prefix_index:", StringComparison.Ordinal) && d.Contains("Đặng Hà", StringComparison.Ordinal));
    }

    [Fact]
    public void A_filter_type_or_parameter_without_a_lucene_equivalent_is_refused_by_the_translation()
    {
        var body = CommittedBody();
        body["settings"]!["analysis"]!["filter"]!["trunc_15"]!["lenght"] = 15;

        var error = Assert.Throws<InvalidDataException>(() => JavaChains.Write(body, _work, []));
        Assert.Contains("trunc_15", error.Message, StringComparison.Ordinal);
        Assert.Contains("lenght", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Every text of the table through every analyzer, Java against Lucene.NET; returns the differences and how many were compared.</summary>
    private (List<string> Differences, int Compared) Compare(JsonObject body)
    {
        var texts = GoldenTokenTable.Rows.Select(row => (string)row[1]).Concat(GoldenTokenTable.MoreTexts).ToArray();
        var queries = _analyzers.Names.Order(StringComparer.Ordinal).SelectMany(name => texts.Select(text => (name, text))).ToArray();
        var java = RunJava(body, queries);
        var synonymAnalyzers = JavaChains.SynonymAnalyzers(body);
        var differences = new List<string>();
        for (var i = 0; i < queries.Length; i++)
        {
            var (name, text) = queries[i];
            var dotnet = string.Join(' ', ExpertAnalyzers.Terms(_analyzers[name], VietnameseText.Normalize(text)));
            // A synonym graph (Elasticsearch) and Lucene.NET's synonym filter stack the same terms in another order.
            var same = synonymAnalyzers.Contains(name)
                ? Sorted(dotnet) == Sorted(java[i])
                : dotnet == java[i];
            if (!same)
            {
                differences.Add($"{name}: \"{text}\": Lucene.NET [{dotnet}], Java Lucene 8.7 from the JSON [{java[i]}]");
            }
        }

        return (differences, queries.Length);

        static string Sorted(string terms) => string.Join(' ', terms.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    private IReadOnlyList<string> RunJava(JsonObject body, IReadOnlyList<(string Analyzer, string Text)> queries)
    {
        var classes = JavaProgram.Compiled.Value;
        Skip.If(classes is null, JavaProgram.Missing);
        var spec = JavaChains.Write(body, _work, queries.Select(q => (q.Analyzer, VietnameseText.Normalize(q.Text))).ToArray());
        var output = JavaProgram.Run("java", ["-cp", string.Join(':', [classes!, .. Jars]), "AnalysisCheck", spec]);
        var lines = output.Split('\n');
        Assert.True(lines.Length >= queries.Count, $"Java printed {lines.Length} lines for {queries.Count} queries:\n{output}");
        return lines.Take(queries.Count).ToArray();
    }

    /// <summary>Translates the JSON's analysis section into the Java program's spec, one Lucene factory per ES component.</summary>
    internal static class JavaChains
    {
        public static HashSet<string> SynonymAnalyzers(JsonObject body)
        {
            var analysis = body["settings"]!["analysis"]!;
            return analysis["analyzer"]!.AsObject()
                .Where(a => Names(a.Value!["filter"]).Any(f => analysis["filter"]?[f]?["type"]?.GetValue<string>() is "synonym_graph" or "synonym"))
                .Select(a => a.Key)
                .ToHashSet(StringComparer.Ordinal);
        }

        public static string Write(JsonObject body, string dir, IReadOnlyList<(string Analyzer, string Text)> queries)
        {
            var analysis = body["settings"]?["analysis"]?.AsObject() ?? throw new InvalidDataException("settings.analysis is missing");
            var spec = new StringBuilder();
            foreach (var (name, definition) in analysis["analyzer"]!.AsObject())
            {
                Expect(definition!, $"analyzer {name}", "type", "char_filter", "tokenizer", "filter");
                if (definition!["type"]?.GetValue<string>() != "custom")
                {
                    throw new InvalidDataException($"analyzer {name}: only custom analyzers can be rebuilt");
                }

                spec.Append("A\t").Append(name).Append('\n');
                foreach (var charFilter in Names(definition["char_filter"]))
                {
                    spec.Append(CharFilter(charFilter, analysis["char_filter"]?[charFilter], dir)).Append('\n');
                }

                spec.Append(Tokenizer(definition["tokenizer"]?.GetValue<string>(), analysis)).Append('\n');
                foreach (var filter in Names(definition["filter"]))
                {
                    spec.Append(Filter(filter, analysis["filter"]?[filter], dir)).Append('\n');
                }
            }

            foreach (var (analyzer, text) in queries)
            {
                if (text.Contains('\t') || text.Contains('\n'))
                {
                    throw new ArgumentException($"'{text}' holds a tab or a line break");
                }

                spec.Append("Q\t").Append(analyzer).Append('\t').Append(text).Append('\n');
            }

            var path = Path.Combine(dir, "spec.txt");
            File.WriteAllText(path, spec.ToString(), new UTF8Encoding(false));
            return path;
        }

        public static IEnumerable<string> Names(JsonNode? node) => node switch
        {
            null => [],
            JsonArray array => array.Select(n => n!.GetValue<string>()),
            _ => [node.GetValue<string>()],
        };

        private static string CharFilter(string name, JsonNode? definition, string dir)
        {
            if (definition is null)
            {
                throw new InvalidDataException($"char filter {name}: only custom mapping char filters are translated");
            }

            Expect(definition, $"char filter {name}", "type", "mappings");
            if (definition["type"]?.GetValue<string>() != "mapping")
            {
                throw new InvalidDataException($"char filter {name}: type {definition["type"]} has no translation");
            }

            var rules = definition["mappings"]!.AsArray().Select(rule =>
            {
                var text = rule!.GetValue<string>();
                var arrow = text.IndexOf("=>", StringComparison.Ordinal);
                return $"{Quote(text[..arrow].Trim())} => {Quote(text[(arrow + 2)..].Trim())}";
            });
            return $"C\tmapping\tmapping={WriteFile(dir, $"mapping-{name}.txt", rules)}";
        }

        private static string Tokenizer(string? name, JsonObject analysis)
        {
            if (name == "standard" && analysis["tokenizer"]?["standard"] is null)
            {
                return "T\tstandard";
            }

            throw new InvalidDataException($"tokenizer {name}: only the built-in standard tokenizer is translated");
        }

        private static string Filter(string name, JsonNode? definition, string dir)
        {
            if (definition is null)
            {
                return name switch
                {
                    "lowercase" => "F\tlowercase",
                    "asciifolding" => "F\tasciiFolding\tpreserveOriginal=false",
                    _ => throw new InvalidDataException($"filter {name}: built-in filter without a translation"),
                };
            }

            var type = definition["type"]?.GetValue<string>();
            var where = $"filter {name} ({type})";
            switch (type)
            {
                case "stop":
                    Expect(definition, where, "type", "stopwords", "ignore_case");
                    return $"F\tstop\twords={WriteFile(dir, $"stop-{name}.txt", Names(definition["stopwords"]))}\tignoreCase={Bool(definition["ignore_case"], false)}";
                case "synonym_graph":
                    Expect(definition, where, "type", "synonyms", "expand", "lenient");
                    if (Bool(definition["lenient"], false) != "false")
                    {
                        throw new InvalidDataException($"{where}: lenient synonyms have no translation");
                    }

                    return $"S\t{WriteFile(dir, $"synonyms-{name}.txt", Names(definition["synonyms"]))}\texpand={Bool(definition["expand"], true)}";
                case "edge_ngram":
                    Expect(definition, where, "type", "min_gram", "max_gram", "preserve_original");
                    return $"F\tedgeNGram\tminGramSize={Int(definition["min_gram"], 1)}\tmaxGramSize={Int(definition["max_gram"], 2)}\tpreserveOriginal={Bool(definition["preserve_original"], false)}";
                case "truncate":
                    Expect(definition, where, "type", "length");
                    return $"F\ttruncate\tprefixLength={Int(definition["length"], 10)}";
                case "limit":
                    Expect(definition, where, "type", "max_token_count", "consume_all_tokens");
                    return $"F\tlimitTokenCount\tmaxTokenCount={Int(definition["max_token_count"], 1)}\tconsumeAllTokens={Bool(definition["consume_all_tokens"], false)}";
                default:
                    throw new InvalidDataException($"{where}: no Lucene factory is known for this Elasticsearch filter type");
            }
        }

        private static void Expect(JsonNode definition, string where, params string[] keys)
        {
            var unknown = definition.AsObject().Select(p => p.Key).Where(k => !keys.Contains(k)).ToArray();
            if (unknown.Length > 0)
            {
                throw new InvalidDataException($"{where}: {string.Join(", ", unknown)} has no translation to Lucene");
            }
        }

        private static string Bool(JsonNode? node, bool fallback) => (node?.GetValue<bool>() ?? fallback) ? "true" : "false";

        private static string Int(JsonNode? node, int fallback) => (node?.GetValue<int>() ?? fallback).ToString(CultureInfo.InvariantCulture);

        private static string Quote(string text) =>
            "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

        private static string WriteFile(string dir, string name, IEnumerable<string> lines)
        {
            var path = Path.Combine(dir, name);
            File.WriteAllText(path, string.Join('\n', lines) + "\n", new UTF8Encoding(false));
            return path;
        }
    }

    /// <summary>AnalysisCheck.java, compiled once per test run beside the test binaries; null when the JDK or the jars are missing.</summary>
    private static class JavaProgram
    {
        public static readonly Lazy<string?> Compiled = new(Compile);

        public static string Missing =>
            "javac/java or the Lucene 8.7 jars (Debian liblucene8-java, default-jdk-headless) are not installed";

        private static string? Compile()
        {
            if (!Jars.All(File.Exists) || !OnPath("javac") || !OnPath("java"))
            {
                return null;
            }

            var source = FindSource();
            // Beside the test binaries, so each run overwrites its own classes instead of leaving a folder in /tmp.
            var output = Path.Combine(AppContext.BaseDirectory, "java-analysis-check");
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }

            Directory.CreateDirectory(output);
            Run("javac", ["-encoding", "UTF-8", "-cp", string.Join(':', Jars), "-d", output, source]);
            return output;
        }

        public static string Run(string program, IReadOnlyList<string> arguments)
        {
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {stderr.Result}");
            }

            return stdout;
        }

        private static bool OnPath(string program) =>
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, program)));

        private static string FindSource()
        {
            const string relative = "tests/ExpertNetwork.Tests/Search/Java/AnalysisCheck.java";
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}.");
        }
    }
}
