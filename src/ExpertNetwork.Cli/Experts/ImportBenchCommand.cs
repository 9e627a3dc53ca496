using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using ExpertNetwork.Demo;
using ExpertNetwork.Experts;
using ExpertNetwork.Storage;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace ExpertNetwork.Cli.Experts;

/// <summary>
/// Times the store side of an import (no search index): a fresh import, the same file again (every
/// profile unchanged) and a file where every profile changed. Each round gets a new empty store: a
/// temporary SQLite directory, or a new database on the SQL Server given, dropped afterwards.
/// </summary>
public static class ImportBenchCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "Demo experts to import", DefaultValueFactory = _ => 20_000 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds, each on a new empty store", DefaultValueFactory = _ => 2 };
        var sqlServer = new Option<string?>("--sqlserver")
        {
            Description = "Time SQL Server instead: a connection string whose login may create and drop databases",
        };
        var command = new Command("import", "Time importing a demo directory into an empty store, re-importing it unchanged and with every profile changed")
        {
            count, rounds, sqlServer,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var n = parse.GetValue(count);
            using var scratch = new Scratch();
            var original = scratch.File("experts.jsonl");
            var changed = scratch.File("experts-changed.jsonl");
            var experts = DemoDirectory.Generate(n).ToList();
            await WriteAsync(original, experts, cancellationToken);
            await WriteAsync(changed, experts.Select(e => e with { Headline = (e.Headline ?? "") + " (cập nhật)" }), cancellationToken);
            output.WriteLine($"{n} demo experts, {new FileInfo(original).Length / 1_048_576.0:F1} MB of JSONL");

            for (var round = 1; round <= parse.GetValue(rounds); round++)
            {
                await using var target = await Target.CreateAsync(parse.GetValue(sqlServer), scratch.File($"round-{round}"), cancellationToken);
                await new Migrator(target.Database, TimeProvider.System).MigrateAsync(cancellationToken);
                var importer = new ExpertImporter(new ExpertStore(target.Database, TimeProvider.System));
                var line = $"round {round} ({target.Database.Description}):";
                foreach (var (name, file, expected) in new[] { ("fresh", original, "created"), ("unchanged", original, "unchanged"), ("changed", changed, "updated") })
                {
                    var watch = Stopwatch.StartNew();
                    var result = await importer.ImportAsync(file, new ImportOptions(), cancellationToken: cancellationToken);
                    var seconds = watch.Elapsed.TotalSeconds;
                    var done = expected switch { "created" => result.Created, "unchanged" => result.Unchanged, _ => result.Updated };
                    if (done != n)
                    {
                        throw new CliException($"{name} import: expected {n} {expected}, got {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged");
                    }

                    line += $" {name} {seconds:F1} s ({n / seconds:F0}/s);";
                }

                output.WriteLine(line.TrimEnd(';'));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task WriteAsync(string path, IEnumerable<Expert> experts, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(path);
        await using var writer = new Utf8JsonWriter(stream, ExpertJson.WriterOptions);
        foreach (var expert in experts)
        {
            ExpertJson.Write(writer, expert);
            await writer.FlushAsync(cancellationToken);
            writer.Reset();
            stream.WriteByte((byte)'\n');
        }
    }

    private sealed class Scratch : IDisposable
    {
        private readonly string _path = Directory.CreateTempSubdirectory("expertnet-bench-import-").FullName;

        public string File(string name) => Path.Combine(_path, name);

        public void Dispose()
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_path, recursive: true);
        }
    }

    private sealed class Target(Database database, string? master, string? name) : IAsyncDisposable
    {
        public Database Database => database;

        public static async Task<Target> CreateAsync(string? sqlServer, string directory, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(sqlServer))
            {
                return new Target(new Database(new StorageOptions { DataDirectory = directory }), null, null);
            }

            var name = "expertnet_bench_" + Guid.NewGuid().ToString("N")[..12];
            await ExecuteAsync(sqlServer, $"CREATE DATABASE [{name}]; ALTER DATABASE [{name}] SET READ_COMMITTED_SNAPSHOT ON;", cancellationToken);
            var builder = new SqlConnectionStringBuilder(sqlServer) { InitialCatalog = name };
            return new Target(new Database(new StorageOptions { SqlServerConnectionString = builder.ConnectionString }), sqlServer, name);
        }

        public async ValueTask DisposeAsync()
        {
            if (master is not null)
            {
                SqlConnection.ClearAllPools();
                await ExecuteAsync(master, $"ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}];", CancellationToken.None);
            }
        }

        private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
        {
            await using var connection = new SqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
