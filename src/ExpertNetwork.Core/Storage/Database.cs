using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ExpertNetwork.Storage;

/// <summary>Opens connections to whichever store is configured: SQLite by default, SQL Server when a connection string is given.</summary>
public sealed class Database
{
    private readonly string _connectionString;

    public Database(IOptions<StorageOptions> options)
        : this(options.Value)
    {
    }

    public Database(StorageOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.SqlServerConnectionString))
        {
            Dialect = SqlDialect.SqlServer;
            _connectionString = options.SqlServerConnectionString;
            Description = "SQL Server";
            return;
        }

        Dialect = SqlDialect.Sqlite;
        if (!string.IsNullOrWhiteSpace(options.SqliteConnectionString))
        {
            _connectionString = options.SqliteConnectionString;
            Description = "SQLite (custom connection)";
            return;
        }

        Directory.CreateDirectory(options.DataDirectory);
        DataDirectory = Path.GetFullPath(options.DataDirectory);
        var file = Path.GetFullPath(Path.Combine(options.DataDirectory, "expertnet.db"));
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = file,
            ForeignKeys = true,
            Pooling = true,
        }.ToString();
        Description = $"SQLite {file}";
    }

    public SqlDialect Dialect { get; }

    /// <summary>The directory of the SQLite file when the store is the default one there; null otherwise.</summary>
    public string? DataDirectory { get; }

    public string Description { get; }

    public bool IsSqlServer => Dialect is SqlServerDialect;

    internal string ConnectionString => _connectionString;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = IsSqlServer
            ? new SqlConnection(_connectionString)
            : new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        if (!IsSqlServer)
        {
            await using var pragma = connection.CreateCommand();
            // WAL lets the web app read while an import writes; NORMAL sync is safe under WAL. The busy timeout comes
            // first: switching a new file to WAL needs a lock that another process starting at the same moment may hold.
            pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        return connection;
    }
}
