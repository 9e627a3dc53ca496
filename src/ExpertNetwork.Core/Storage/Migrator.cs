using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace ExpertNetwork.Storage;

/// <summary>Applies the numbered scripts of the configured dialect that the schema_versions table has not seen yet.</summary>
public sealed partial class Migrator(Database database, TimeProvider clock)
{
    public sealed record Migration(int Version, string Name, string Sql);

    public static IReadOnlyList<Migration> Scripts(SqlDialect dialect)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"Migrations/{dialect.Name}/";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => ReadScript(assembly, n, n[prefix.Length..]))
            .OrderBy(m => m.Version)
            .ToList();
    }

    /// <summary>
    /// Every process migrates before its first use of the store, so two may start at once: one at a time migrates
    /// (a lock file beside the SQLite file), and each script's transaction checks again that nobody applied it meanwhile.
    /// </summary>
    public async Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        using var exclusive = database.DataDirectory is { } directory
            ? await new CrossProcessLock(Path.Combine(directory, "migrate.lock")).AcquireAsync(TimeSpan.FromMinutes(10), cancellationToken)
            : null;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(database.Dialect.CreateVersionTableSql, cancellationToken: cancellationToken));
        var applied = (await connection.QueryAsync<int>(new CommandDefinition(AppliedVersionsSql, cancellationToken: cancellationToken))).ToHashSet();
        var done = new List<Migration>();
        foreach (var migration in Scripts(database.Dialect).Where(m => !applied.Contains(m.Version)))
        {
            if (await ApplyAsync(connection, migration, cancellationToken))
            {
                done.Add(migration);
            }
        }

        return done;
    }

    private async Task<bool> ApplyAsync(DbConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(IsAppliedSql, new { migration.Version }, transaction, cancellationToken: cancellationToken)) > 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            RecordVersionSql,
            new { migration.Version, migration.Name, AppliedAt = clock.GetUtcNow().ToString("O") },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static Migration ReadScript(Assembly assembly, string resource, string fileName)
    {
        var match = ScriptName().Match(fileName);
        if (!match.Success)
        {
            throw new InvalidOperationException($"Migration '{fileName}' must be named NNNN_description.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new Migration(int.Parse(match.Groups[1].Value), fileName, reader.ReadToEnd());
    }

    [GeneratedRegex(@"^(\d{4})_[a-z0-9_]+\.sql$")]
    private static partial Regex ScriptName();

    private const string AppliedVersionsSql = "SELECT version FROM schema_versions";

    private const string IsAppliedSql = "SELECT CAST(COUNT(*) AS BIGINT) FROM schema_versions WHERE version = @Version";

    private const string RecordVersionSql = "INSERT INTO schema_versions (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)";
}
