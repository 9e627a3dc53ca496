using ExpertNetwork.Experts;
using ExpertNetwork.Storage;

namespace ExpertNetwork.Tests.Support;

/// <summary>A migrated SQLite store in its own temporary data directory.</summary>
public sealed class TestStore : IDisposable
{
    private readonly TempDirectory _directory = new();

    private TestStore()
    {
        Database = new Database(new StorageOptions { DataDirectory = _directory.Path });
        Store = new ExpertStore(Database, TimeProvider.System);
    }

    public Database Database { get; }

    public ExpertStore Store { get; }

    public string DataDirectory => _directory.Path;

    public string File(string name) => _directory.File(name);

    public static async Task<TestStore> CreateAsync()
    {
        var store = new TestStore();
        await new Migrator(store.Database, TimeProvider.System).MigrateAsync();
        return store;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
