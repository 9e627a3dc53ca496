namespace ExpertNetwork.Storage;

/// <summary>The few places where SQLite and T-SQL differ; everything else is shared SQL.</summary>
public abstract class SqlDialect
{
    public abstract string Name { get; }

    public abstract string CreateVersionTableSql { get; }

    /// <summary>Appended after an ORDER BY clause; binds @Skip and @Take.</summary>
    public abstract string PageClause { get; }

    /// <summary>
    /// Follows a table name in a read that precedes a write of the same row. SQLite's writers already take
    /// the database's write lock at BEGIN; SQL Server's READ COMMITTED needs the row (or the gap where it
    /// would be) locked until commit, or two sessions both read "absent" or the same row version.
    /// </summary>
    public abstract string UpdateLockHint { get; }

    public static readonly SqlDialect Sqlite = new SqliteDialect();
    public static readonly SqlDialect SqlServer = new SqlServerDialect();
}

public sealed class SqliteDialect : SqlDialect
{
    public override string Name => "sqlite";

    public override string CreateVersionTableSql => CreateVersionTableSqliteSql;

    public override string PageClause => " LIMIT @Take OFFSET @Skip";

    public override string UpdateLockHint => "";

    /// <summary>Set on the migrating connection: a second process waits this long for the first one's migrations.</summary>
    internal const string WaitForMigrationLockSql = "PRAGMA busy_timeout = 600000";

    private const string CreateVersionTableSqliteSql = """
        CREATE TABLE IF NOT EXISTS schema_versions (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at TEXT    NOT NULL
        )
        """;
}

public sealed class SqlServerDialect : SqlDialect
{
    public override string Name => "sqlserver";

    public override string CreateVersionTableSql => CreateVersionTableTSql;

    public override string PageClause => PageClauseTsqlFragment;

    public override string UpdateLockHint => UpdateLockHintTsqlFragment;

    internal const string UpdateLockHintTsqlFragment = " WITH (UPDLOCK, HOLDLOCK)";

    internal const string PageClauseTsqlFragment = " OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY";

    internal const string CreateVersionTableTSql = """
        IF OBJECT_ID(N'schema_versions', N'U') IS NULL
        CREATE TABLE schema_versions (
            version    INT           NOT NULL PRIMARY KEY,
            name       NVARCHAR(200) NOT NULL,
            applied_at VARCHAR(40)   NOT NULL
        )
        """;
}
