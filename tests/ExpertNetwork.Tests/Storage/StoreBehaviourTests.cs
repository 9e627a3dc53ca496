using ExpertNetwork.Experts;
using ExpertNetwork.Needs;
using ExpertNetwork.Storage;
using ExpertNetwork.Tests.Support;

namespace ExpertNetwork.Tests.Storage;

/// <summary>The store's behaviour, the same on every SQL dialect; each engine is a subclass.</summary>
public abstract class StoreBehaviourTests
{
    protected abstract Task<Database> CreateDatabaseAsync();

    private async Task<(ExpertStore Store, Database Database)> CreateStoreAsync()
    {
        var database = await CreateDatabaseAsync();
        await new Migrator(database, TimeProvider.System).MigrateAsync();
        return (new ExpertStore(database, TimeProvider.System), database);
    }

    [SkippableFact]
    public async Task SavedProfileComesBackWithEveryField()
    {
        var (store, _) = await CreateStoreAsync();
        var expert = ExpertBuilder.Full();

        await store.SaveAsync(expert, "test");
        var stored = await store.GetAsync(expert.Id);

        Assert.NotNull(stored);
        Assert.True(expert.Equivalent(stored.Expert), "stored profile differs from the saved one");
        Assert.Equal(1, stored.RowVersion);
        Assert.Equal("test", stored.ChangedBy);
    }

    [SkippableFact]
    public async Task MigrationsAreIdempotent()
    {
        var database = await CreateDatabaseAsync();
        var first = await new Migrator(database, TimeProvider.System).MigrateAsync();
        var second = await new Migrator(database, TimeProvider.System).MigrateAsync();

        Assert.NotEmpty(first);
        Assert.Empty(second);
    }

    [SkippableFact]
    public async Task UpdateBumpsRowVersionAndAuditsTheChangedFields()
    {
        var (store, _) = await CreateStoreAsync();
        var expert = ExpertBuilder.Full();
        await store.SaveAsync(expert, "import:a.jsonl");

        await store.SaveAsync(expert with { Headline = "Professor", Keywords = ["FinFET"] }, "user:duc", expectedRowVersion: 1);
        var stored = (await store.GetAsync(expert.Id))!;
        var audit = await store.AuditAsync(expert.Id);

        Assert.Equal(2, stored.RowVersion);
        Assert.Equal("user:duc", stored.ChangedBy);
        Assert.Equal(["create", "update"], audit.Select(a => a.Action));
        Assert.Equal("user:duc", audit[1].ChangedBy);
        Assert.Contains("\"headline\"", audit[1].Changes);
        Assert.Contains("Professor", audit[1].Changes);
        Assert.Contains("\"keywords\"", audit[1].Changes);
        Assert.DoesNotContain("\"bio\"", audit[1].Changes);
    }

    [SkippableFact]
    public async Task StaleRowVersionIsRejectedAndKeepsTheNewerChange()
    {
        var (store, _) = await CreateStoreAsync();
        var expert = ExpertBuilder.Full();
        await store.SaveAsync(expert, "a");
        await store.SaveAsync(expert with { Headline = "first editor" }, "a", expectedRowVersion: 1);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            store.SaveAsync(expert with { Headline = "second editor" }, "b", expectedRowVersion: 1));

        Assert.Equal("first editor", (await store.GetAsync(expert.Id))!.Expert.Headline);
    }

    [SkippableFact]
    public async Task SavingAnUnchangedProfileWritesNothing()
    {
        var (store, _) = await CreateStoreAsync();
        var expert = ExpertBuilder.Full();
        await store.SaveAsync(expert, "a");

        await using var session = await store.BeginWriteAsync("b");
        var outcome = await session.SaveAsync(expert);
        await session.CommitAsync();

        Assert.Equal(SaveOutcome.Unchanged, outcome);
        Assert.Equal(1, (await store.GetAsync(expert.Id))!.RowVersion);
        Assert.Single(await store.AuditAsync(expert.Id));
    }

    [SkippableFact]
    public async Task UncommittedSessionLeavesNothingBehind()
    {
        var (store, _) = await CreateStoreAsync();
        await store.SaveAsync(ExpertBuilder.Full("keep-1"), "a");

        await using (var session = await store.BeginWriteAsync("b"))
        {
            await session.SaveAsync(ExpertBuilder.Full("new-1"));
            await session.SaveAsync(ExpertBuilder.Full("keep-1") with { Headline = "changed" });
        }

        Assert.Null(await store.GetAsync("new-1"));
        Assert.Equal(ExpertBuilder.Full().Headline, (await store.GetAsync("keep-1"))!.Expert.Headline);
        Assert.Equal(1, await store.CountAsync());
    }

    [SkippableFact]
    public async Task DeleteRemovesProfileAndChildrenAndIsAudited()
    {
        var (store, _) = await CreateStoreAsync();
        await store.SaveAsync(ExpertBuilder.Full("gone-1"), "a");

        Assert.True(await store.DeleteAsync("gone-1", "admin"));
        Assert.False(await store.DeleteAsync("gone-1", "admin"));

        Assert.Null(await store.GetAsync("gone-1"));
        var stats = await DirectoryStats.ComputeAsync(store);
        Assert.Equal(0, stats.Publications);
        Assert.Empty(stats.ByField);
        Assert.Equal("delete", (await store.AuditAsync("gone-1"))[^1].Action);
    }

    [SkippableFact]
    public async Task StreamReturnsEveryProfileInIdOrderAcrossPages()
    {
        var (store, _) = await CreateStoreAsync();
        await using (var session = await store.BeginWriteAsync("a"))
        {
            foreach (var i in Enumerable.Range(0, 25).Reverse())
            {
                await session.SaveAsync(ExpertBuilder.Full($"p-{i:D3}"));
            }

            await session.CommitAsync();
        }

        var ids = new List<string>();
        await foreach (var stored in store.StreamAsync(pageSize: 7))
        {
            ids.Add(stored.Expert.Id);
            Assert.Equal(2, stored.Expert.Publications.Count);
        }

        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"p-{i:D3}"), ids);
    }

    [SkippableFact]
    public async Task StampChangesOnEveryWrite()
    {
        var (store, _) = await CreateStoreAsync();
        var empty = await store.StampAsync();
        await store.SaveAsync(ExpertBuilder.Full("s-1"), "a");
        var one = await store.StampAsync();
        await store.SaveAsync(ExpertBuilder.Full("s-1") with { Headline = "x" }, "a");
        var updated = await store.StampAsync();
        await store.DeleteAsync("s-1", "a");
        var deleted = await store.StampAsync();

        Assert.Equal(4, new[] { empty, one, updated, deleted }.Distinct().Count());
    }

    [SkippableFact]
    public async Task StatsCountByFieldCountryLocationAndEngagement()
    {
        var (store, _) = await CreateStoreAsync();
        await store.SaveAsync(ExpertBuilder.Full("abroad-1"), "a");
        await store.SaveAsync(ExpertBuilder.Minimal("home-1") with { Country = "VN", City = "Quy Nhơn", Fields = ["ai"], Engagement = ["teaching"] }, "a");
        await store.SaveAsync(ExpertBuilder.Minimal("hanoi-1") with { Country = "VN", City = "Hà Nội", Consent = new Consent(Listed: false) }, "a");

        var stats = await DirectoryStats.ComputeAsync(store);

        Assert.Equal(3, stats.Experts);
        Assert.Equal(2, stats.Listed);
        Assert.Equal(2, stats.ByField["ai"]);
        Assert.Equal(1, stats.ByField["semiconductor"]);
        Assert.Equal(2, stats.ByCountry["VN"]);
        Assert.Equal(1, stats.ByLocation["province"]);
        Assert.Equal(1, stats.ByLocation["vietnam"]);
        Assert.Equal(1, stats.ByLocation["abroad"]);
        Assert.Equal(1, stats.ByEngagement["teaching"]);
    }

    [SkippableFact]
    public async Task IdsDifferingOnlyInCaseAreTwoProfilesWithTheirOwnChildren()
    {
        var (store, database) = await CreateStoreAsync();
        var upper = ExpertBuilder.Full("BD-1", "Nguyễn Văn Đức");
        var lower = ExpertBuilder.Full("bd-1", "Trần Thị Bình") with { Keywords = ["lower only"], Publications = [] };

        await store.SaveAsync(upper, "a");
        await store.SaveAsync(lower, "a");
        var ids = new List<string>();
        await foreach (var stored in store.StreamAsync(pageSize: 1))
        {
            ids.Add(stored.Expert.Id);
        }

        Assert.Equal(2, await store.CountAsync());
        Assert.Equal(["BD-1", "bd-1"], ids);
        Assert.True(upper.Equivalent((await store.GetAsync("BD-1"))!.Expert), "BD-1 came back with other rows");
        Assert.True(lower.Equivalent((await store.GetAsync("bd-1"))!.Expert), "bd-1 came back with other rows");
        Assert.Null(await store.GetAsync("Bd-1"));
        Assert.Equal(2, (await store.GetManyAsync(["BD-1", "bd-1", "bD-1"])).Count);
        Assert.Single(await store.AuditAsync("bd-1"));

        var shortlists = new ExpertNetwork.Shortlists.ShortlistStore(database, TimeProvider.System);
        var owner = await new ExpertNetwork.Accounts.UserStore(database, TimeProvider.System).CreateAsync("r@example.org", null, ExpertNetwork.Accounts.Roles.Recruiter, "hash");
        var list = await shortlists.CreateAsync(owner.Id, "case", null);
        Assert.True(await shortlists.AddAsync(list.Id, owner.Id, "BD-1", "user:r@example.org"));
        Assert.True(await shortlists.AddAsync(list.Id, owner.Id, "bd-1", "user:r@example.org"));
        Assert.Equal(["BD-1", "bd-1"], (await shortlists.GetAsync(list.Id, owner.Id))!.Items.Select(i => i.ExpertId).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task WhoChangedAProfileIsKeptInFullUpToFourHundredCharactersAndRefusedBeyond()
    {
        var (store, _) = await CreateStoreAsync();
        var longestEmail = new string('a', 64) + "@" + new string('b', 251) + ".org";
        var actor = "user:" + longestEmail;

        await store.SaveAsync(ExpertBuilder.Full("actor-1"), actor);
        var tooLong = new string('x', StoredText.ActorLength + 1);
        var error = await Assert.ThrowsAsync<StoredTextTooLongException>(() => store.SaveAsync(ExpertBuilder.Full("actor-2"), tooLong));

        Assert.Equal(325, actor.Length);
        Assert.Equal(actor, (await store.GetAsync("actor-1"))!.ChangedBy);
        Assert.Equal(actor, (await store.AuditAsync("actor-1"))[0].ChangedBy);
        Assert.Contains("401", error.Message);
        Assert.Null(await store.GetAsync("actor-2"));
    }

    [SkippableFact]
    public async Task OverLongValuesAreRefusedBeforeEitherEngineSeesThem()
    {
        var (store, database) = await CreateStoreAsync();
        var needs = new NeedStore(database, TimeProvider.System);
        var users = new ExpertNetwork.Accounts.UserStore(database, TimeProvider.System);

        await Assert.ThrowsAsync<StoredTextTooLongException>(() => store.SaveAsync(ExpertBuilder.Minimal("long-1", new string('n', 201)), "a"));
        await Assert.ThrowsAsync<StoredTextTooLongException>(() => needs.SaveAsync([new Need { Id = "need-long", Title = new string('t', 1001) }], "a"));
        await Assert.ThrowsAsync<StoredTextTooLongException>(() => users.CreateAsync(new string('e', 312) + "@example.org", null, ExpertNetwork.Accounts.Roles.Admin, "hash"));
        await needs.SaveAsync([new Need { Id = "need-ok", Title = new string('t', 1000) }], "a");

        Assert.Null(await store.GetAsync("long-1"));
        Assert.Equal("need-ok", Assert.Single(await needs.AllAsync()).Id);
        Assert.Empty(await users.ListAsync());
    }

    /// <summary>On SQL Server an import is written a batch at a time through staging tables; the outcome is the profile-by-profile one.</summary>
    [SkippableFact]
    public async Task ImportsOfSeveralBatchesCreateUpdateAndSkipLikeSingleSaves()
    {
        var (store, _) = await CreateStoreAsync();
        var importer = new ExpertImporter(store);
        var count = ExpertImporter.BatchSize * 2 + 7;
        var experts = Enumerable.Range(0, count).Select(i => ExpertBuilder.Full($"batch-{i:D5}") with { HIndex = i }).ToList();

        var fresh = await importer.StoreAsync(experts, "import:a.jsonl");
        var again = await importer.StoreAsync(experts.Select((e, i) => i % 3 == 0 ? e with { Headline = "changed", Keywords = ["mới"] } : e), "import:b.jsonl");

        Assert.Equal((count, 0, 0), (fresh.Created, fresh.Updated, fresh.Unchanged));
        Assert.Equal((0, (count + 2) / 3, count - (count + 2) / 3), (again.Created, again.Updated, again.Unchanged));
        Assert.Equal(count, await store.CountAsync());
        var changed = (await store.GetAsync("batch-01500"))!;
        var kept = (await store.GetAsync("batch-01501"))!;
        Assert.True((experts[1500] with { Headline = "changed", Keywords = ["mới"] }).Equivalent(changed.Expert), "updated profile differs");
        Assert.True(experts[1501].Equivalent(kept.Expert), "unchanged profile differs");
        Assert.Equal((2L, "import:b.jsonl", 1L, "import:a.jsonl"), (changed.RowVersion, changed.ChangedBy, kept.RowVersion, kept.ChangedBy));
        Assert.True(changed.UpdatedAt > changed.CreatedAt, "the update moved created_at");
        Assert.Equal(kept.CreatedAt, kept.UpdatedAt);
        var audit = await store.AuditAsync("batch-01500");
        Assert.Equal(["create", "update"], audit.Select(a => a.Action));
        Assert.Contains("\"keywords\"", audit[1].Changes);
        Assert.DoesNotContain("\"bio\"", audit[1].Changes);
        Assert.Equal(experts.Select(e => e.Id), fresh.ChangedIds);
    }

    [SkippableFact]
    public async Task NeedsRoundTripWithTheirTerms()
    {
        var database = await CreateDatabaseAsync();
        await new Migrator(database, TimeProvider.System).MigrateAsync();
        var needs = new NeedStore(database, TimeProvider.System);
        var need = new Need
        {
            Id = "need-042", Kind = "project", Title = "Edge-AI camera chip", Description = "Thiết kế chip AI biên",
            Fields = ["semiconductor", "ai"], Keywords = ["edge AI", "SoC"], Location = "any", Languages = ["vi"],
            Engagement = ["advisory", "returning"],
        };

        await needs.SaveAsync([need], "test");
        await needs.SaveAsync([need with { Keywords = ["SoC"] }], "test");
        var stored = Assert.Single(await needs.AllAsync());

        Assert.Equal(["SoC"], stored.Keywords);
        Assert.Equal(need.Fields, stored.Fields);
        Assert.Equal(need.Engagement, stored.Engagement);
        Assert.Equal(need.Description, stored.Description);
    }
}

public sealed class SqliteStoreTests : StoreBehaviourTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    protected override Task<Database> CreateDatabaseAsync() =>
        Task.FromResult(new Database(new StorageOptions { DataDirectory = _directory.Path }));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}

/// <summary>Runs when EXPERTNET_TEST_SQLSERVER holds a connection string; each test gets its own database.</summary>
public sealed class SqlServerStoreTests : StoreBehaviourTests
{
    public const string Variable = "EXPERTNET_TEST_SQLSERVER";

    protected override Task<Database> CreateDatabaseAsync() => CreateTestDatabaseAsync();

    /// <summary>A new, empty database on the server named by <see cref="Variable"/>, with the server's default settings (RCSI off).</summary>
    public static async Task<Database> CreateTestDatabaseAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(Variable);
        Skip.If(string.IsNullOrWhiteSpace(connectionString), $"{Variable} is not set: no SQL Server to test against");
        var builder = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(connectionString);
        var name = "expertnet_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var master = new Microsoft.Data.SqlClient.SqlConnection(connectionString))
        {
            await master.OpenAsync();
            await using var create = master.CreateCommand();
            create.CommandText = $"CREATE DATABASE [{name}]";
            await create.ExecuteNonQueryAsync();
        }

        builder.InitialCatalog = name;
        return new Database(new StorageOptions { SqlServerConnectionString = builder.ConnectionString });
    }
}
