using Dapper;
using ExpertNetwork.Storage;
using ExpertNetwork.Tests.Support;

namespace ExpertNetwork.Tests.Storage;

/// <summary>
/// App instances and CLI commands migrate the store when they start, so several may do it at the same moment:
/// real processes started together on one fresh store must each finish, and each script must run once.
/// </summary>
public sealed class MigrationProcessTests : IDisposable
{
    private const int Processes = 3;
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task ProcessesMigratingOneFreshSqliteDirectoryTogetherAllSucceedAndApplyEachScriptOnce()
    {
        for (var round = 0; round < 3; round++)
        {
            var data = _directory.File($"data-{round}");

            var results = await Task.WhenAll(Enumerable.Range(0, Processes).Select(_ =>
                CliProcess.RunAsync(new Dictionary<string, string?>(), "migrate", "--data", data)));

            Assert.All(results, r => Assert.True(r.Exit == 0, $"exit {r.Exit}: {r.Error}"));
            await AssertEachScriptAppliedOnceAsync(new Database(new StorageOptions { DataDirectory = data }));
        }
    }

    [SkippableFact]
    public async Task ProcessesMigratingOneFreshSqlServerDatabaseTogetherAllSucceedAndApplyEachScriptOnce()
    {
        var database = await SqlServerStoreTests.CreateTestDatabaseAsync();
        var connectionString = database.ConnectionString;

        var results = await Task.WhenAll(Enumerable.Range(0, Processes).Select(_ =>
            CliProcess.RunAsync(new Dictionary<string, string?> { ["EXPERTNET_SQLSERVER"] = connectionString }, "migrate", "--data", _directory.File("unused"))));

        Assert.All(results, r => Assert.True(r.Exit == 0, $"exit {r.Exit}: {r.Error}"));
        await AssertEachScriptAppliedOnceAsync(database);
        await using var connection = await database.OpenAsync();
        Assert.True(await connection.ExecuteScalarAsync<bool>(Migrator.ReadCommittedSnapshotSql), "READ_COMMITTED_SNAPSHOT is still off");
    }

    private static async Task AssertEachScriptAppliedOnceAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        var applied = (await connection.QueryAsync<int>("SELECT version FROM schema_versions ORDER BY version")).ToList();
        Assert.Equal(Migrator.Scripts(database.Dialect).Select(m => m.Version), applied);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
