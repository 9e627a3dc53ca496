using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.SqlClient;

namespace ExpertNetwork.Storage;

/// <summary>
/// Applies the numbered scripts of the configured dialect that the schema_versions table has not seen yet.
/// Several processes may start at once (app instances, a CLI command beside the web app): each reads the
/// applied versions only while it holds the store's migration lock, so a script is never applied twice.
/// </summary>
public sealed partial class Migrator(Database database, TimeProvider clock)
{
    public sealed record Migration(int Version, string Name, string Sql);

    /// <summary>How long a process waits for another one's migrations before giving up.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(10);

    internal const string LockResource = "expertnet:schema-migrations";

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

    public async Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<Migration> done;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            if (!database.IsSqlServer)
            {
                return await MigrateSqliteAsync(connection, cancellationToken);
            }

            done = await MigrateSqlServerAsync(connection, cancellationToken);
            SqlConnection.ClearPool((SqlConnection)connection);
        }

        await EnsureReadCommittedSnapshotAsync(cancellationToken);
        return done;
    }

    /// <summary>
    /// One IMMEDIATE transaction holds SQLite's write lock from reading the applied versions to the last
    /// script: a second process waits at BEGIN and then finds everything applied. SQLite's DDL is transactional,
    /// so a failing script leaves the schema as it was.
    /// </summary>
    private async Task<IReadOnlyList<Migration>> MigrateSqliteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(SqliteDialect.WaitForMigrationLockSql, cancellationToken: cancellationToken));
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var done = await ApplyPendingAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return done;
    }

    /// <summary>
    /// An exclusive application lock (sp_getapplock, owned by this session) serialises the instances; each
    /// script then runs in its own transaction, so a failure keeps the scripts before it.
    /// </summary>
    private async Task<IReadOnlyList<Migration>> MigrateSqlServerAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var waitMilliseconds = (int)LockTimeout.TotalMilliseconds;
        var granted = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            GetMigrationLockSql,
            new { Resource = LockResource, TimeoutMs = waitMilliseconds },
            commandTimeout: (int)LockTimeout.TotalSeconds + 30,
            cancellationToken: cancellationToken));
        if (granted < 0)
        {
            throw new InvalidOperationException(
                $"Another process has held the schema migration lock ('{LockResource}') for {LockTimeout.TotalMinutes:F0} minutes (sp_getapplock returned {granted}). " +
                "Wait for its migrations to finish, or find the session holding it in sys.dm_tran_locks (resource_type APPLICATION).");
        }

        try
        {
            return await ApplyPendingAsync(connection, null, cancellationToken);
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition(ReleaseMigrationLockSql, new { Resource = LockResource }, cancellationToken: CancellationToken.None));
        }
    }

    private async Task<IReadOnlyList<Migration>> ApplyPendingAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(database.Dialect.CreateVersionTableSql, transaction: transaction, cancellationToken: cancellationToken));
        var applied = (await connection.QueryAsync<int>(new CommandDefinition(AppliedVersionsSql, transaction: transaction, cancellationToken: cancellationToken))).ToHashSet();
        var done = new List<Migration>();
        foreach (var migration in Scripts(database.Dialect).Where(m => !applied.Contains(m.Version)))
        {
            if (transaction is null)
            {
                await using var own = await connection.BeginTransactionAsync(cancellationToken);
                await ApplyAsync(connection, own, migration, cancellationToken);
                await own.CommitAsync(cancellationToken);
            }
            else
            {
                await ApplyAsync(connection, transaction, migration, cancellationToken);
            }

            done.Add(migration);
        }

        return done;
    }

    private async Task ApplyAsync(DbConnection connection, DbTransaction transaction, Migration migration, CancellationToken cancellationToken)
    {
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));
        }
        catch (DbException e)
        {
            throw new InvalidOperationException($"Migration {migration.Name} failed and was rolled back: {e.Message}", e);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            RecordVersionSql,
            new { migration.Version, migration.Name, AppliedAt = clock.GetUtcNow().ToString("O") },
            transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Under READ COMMITTED with locking, readers wait for a long import's locks (escalated to the table);
    /// with row versioning they read the last committed rows. Turning it on needs the database to itself.
    /// Instances starting together are all connected at first, so each tries a few times, holding no
    /// connection in between; one of them finds a quiet moment and the others then find it on. When none
    /// can (other instances are running, or the login may not alter the database) start-up says what to do.
    /// </summary>
    private async Task EnsureReadCommittedSnapshotAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using (var connection = (SqlConnection)await database.OpenAsync(cancellationToken))
            {
                if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(ReadCommittedSnapshotSql, cancellationToken: cancellationToken)))
                {
                    return;
                }

                try
                {
                    await connection.ExecuteAsync(new CommandDefinition(SetReadCommittedSnapshotSql, cancellationToken: cancellationToken));
                    return;
                }
                catch (SqlException e) when (attempt >= ReadCommittedSnapshotAttempts)
                {
                    var name = await connection.ExecuteScalarAsync<string>(new CommandDefinition(DatabaseNameSql, cancellationToken: cancellationToken));
                    throw new InvalidOperationException(
                        $"SQL Server database '{name}' has READ_COMMITTED_SNAPSHOT off, and turning it on failed ({e.Message}). " +
                        "Without it, searches and page loads wait behind imports. Stop the app instances and run, as a login with ALTER on the database: " +
                        $"ALTER DATABASE [{name}] SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE; then start the app again.", e);
                }
                catch (SqlException)
                {
                    // Another session is in the database; it may have gone at the next attempt.
                }
                finally
                {
                    SqlConnection.ClearPool(connection);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(200, 1200)), cancellationToken);
        }
    }

    private const int ReadCommittedSnapshotAttempts = 15;

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

    private const string RecordVersionSql = "INSERT INTO schema_versions (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)";

    internal const string GetMigrationLockSql = """
        DECLARE @granted INT;
        EXEC @granted = sys.sp_getapplock @Resource = @Resource, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = @TimeoutMs;
        SELECT @granted;
        """;

    internal const string ReleaseMigrationLockSql = "EXEC sys.sp_releaseapplock @Resource = @Resource, @LockOwner = 'Session'";

    internal const string ReadCommittedSnapshotSql = "SELECT is_read_committed_snapshot_on FROM sys.databases WHERE database_id = DB_ID()";

    // NO_WAIT fails at once instead of waiting for (or rolling back) other sessions in the database.
    internal const string SetReadCommittedSnapshotSql = "ALTER DATABASE CURRENT SET READ_COMMITTED_SNAPSHOT ON WITH NO_WAIT";

    private const string DatabaseNameSql = "SELECT DB_NAME()";
}
