using System.Data.Common;
using Dapper;
using ExpertNetwork.Accounts;
using ExpertNetwork.Events;
using ExpertNetwork.Experts;
using ExpertNetwork.Needs;
using ExpertNetwork.Researchers;
using ExpertNetwork.Shortlists;
using ExpertNetwork.Storage;
using ExpertNetwork.Tests.Support;

namespace ExpertNetwork.Tests.Storage;

/// <summary>
/// What two sessions writing at once get, the same on every SQL dialect: SQLite serialises its writers,
/// SQL Server does not, so these run against SQL Server too when <see cref="SqlServerStoreTests.Variable"/> is set.
/// </summary>
public abstract class StoreConcurrencyTests
{
    private const int Rounds = 8;
    private const int Racers = 6;

    protected abstract Task<Database> CreateDatabaseAsync();

    private async Task<Database> MigratedAsync()
    {
        var database = await CreateDatabaseAsync();
        await new Migrator(database, TimeProvider.System).MigrateAsync();
        return database;
    }

    /// <summary>Starts every call at once, as far as the thread pool allows, and collects each outcome or exception.</summary>
    private static async Task<List<(T? Value, Exception? Error)>> RaceAsync<T>(int count, Func<int, Task<T>> call)
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                return ((T?)await call(i), (Exception?)null);
            }
            catch (Exception e)
            {
                return (default(T), e);
            }
        })).ToList();
        start.Set();
        return (await Task.WhenAll(tasks)).ToList();
    }

    [SkippableFact]
    public async Task TwoSaversOnOneRowVersionLeaveOneWinnerAndOneConflict()
    {
        var database = await MigratedAsync();
        var store = new ExpertStore(database, TimeProvider.System);
        for (var round = 0; round < Rounds; round++)
        {
            var expert = ExpertBuilder.Full($"race-{round}");
            await store.SaveAsync(expert, "setup");

            var results = await RaceAsync(2, i => store.SaveAsync(expert with { Headline = $"editor {i}" }, $"user:editor{i}@example.org", expectedRowVersion: 1));

            var winner = Assert.Single(results, r => r.Error is null);
            var loser = Assert.Single(results, r => r.Error is not null);
            Assert.IsType<ConcurrencyConflictException>(loser.Error);
            var stored = (await store.GetAsync(expert.Id))!;
            Assert.Equal(2, stored.RowVersion);
            Assert.Equal(winner.Value!.Expert.Headline, stored.Expert.Headline);
            Assert.Equal(["create", "update"], (await store.AuditAsync(expert.Id)).Select(a => a.Action));
            Assert.Equal(expert.Publications.Count, stored.Expert.Publications.Count);
        }
    }

    [SkippableFact]
    public async Task SaversWithoutARowVersionTakeTurnsAndAuditEachChangeAgainstTheOneBefore()
    {
        var database = await MigratedAsync();
        var store = new ExpertStore(database, TimeProvider.System);
        var expert = ExpertBuilder.Full("turns-1");
        await store.SaveAsync(expert, "setup");

        var results = await RaceAsync(Racers, i => store.SaveAsync(expert with { HIndex = 100 + i }, $"import:{i}.jsonl"));

        Assert.All(results, r => Assert.Null(r.Error));
        var stored = (await store.GetAsync(expert.Id))!;
        Assert.Equal(1 + Racers, stored.RowVersion);
        var audit = await store.AuditAsync(expert.Id);
        Assert.Equal(1 + Racers, audit.Count);
        Assert.All(audit.Skip(1), a => Assert.Contains("\"hIndex\"", a.Changes));
    }

    [SkippableFact]
    public async Task CreatingOneNewProfileTwiceAtOnceGivesOneCreationAndOneConflict()
    {
        var database = await MigratedAsync();
        var store = new ExpertStore(database, TimeProvider.System);
        for (var round = 0; round < Rounds; round++)
        {
            var expert = ExpertBuilder.Full($"new-{round}");

            var results = await RaceAsync(2, i => store.SaveAsync(expert with { Headline = $"creator {i}" }, "a", expectedRowVersion: 0));

            Assert.Single(results, r => r.Error is null);
            Assert.IsType<ConcurrencyConflictException>(Assert.Single(results, r => r.Error is not null).Error);
            Assert.Equal(1, (await store.GetAsync(expert.Id))!.RowVersion);
        }
    }

    [SkippableFact]
    public async Task RacingShortlistAddsAndInvitationsStoreOneRowAndAllSucceed()
    {
        var database = await MigratedAsync();
        var users = new UserStore(database, TimeProvider.System);
        var shortlists = new ShortlistStore(database, TimeProvider.System);
        var events = new EventStore(database, TimeProvider.System);
        var store = new ExpertStore(database, TimeProvider.System);
        var owner = await users.CreateAsync("recruiter@example.org", null, Roles.Recruiter, "hash");
        await store.SaveAsync(ExpertBuilder.Full("listed-1"), "setup");
        for (var round = 0; round < Rounds; round++)
        {
            var list = await shortlists.CreateAsync(owner.Id, $"list {round}", null);
            var eventId = await events.CreateAsync(owner.Id, $"event {round}", null, null, [], []);

            var adds = await RaceAsync(Racers, _ => shortlists.AddAsync(list.Id, owner.Id, "listed-1", "user:recruiter@example.org"));
            var invites = await RaceAsync(Racers, _ => events.InviteAsync(eventId, owner.Id, "listed-1"));

            Assert.All(adds.Concat(invites), r => Assert.True(r.Error is null && r.Value, r.Error?.ToString()));
            var item = Assert.Single((await shortlists.GetAsync(list.Id, owner.Id))!.Items);
            Assert.Equal(ShortlistStatus.New, item.Status);
            Assert.Single((await events.GetAsync(eventId, owner.Id))!.Invitations);
        }
    }

    [SkippableFact]
    public async Task RacingSignUpsWithOneEmailCreateOneAccount()
    {
        var database = await MigratedAsync();
        var users = new UserStore(database, TimeProvider.System);
        for (var round = 0; round < Rounds; round++)
        {
            var results = await RaceAsync(Racers, i => users.CreateAsync(i % 2 == 0 ? $"same{round}@example.org" : $"SAME{round}@Example.org ", null, Roles.Recruiter, "hash"));

            Assert.Single(results, r => r.Error is null);
            Assert.All(results.Where(r => r.Error is not null), r => Assert.IsType<DuplicateEmailException>(r.Error));
        }

        Assert.Equal(Rounds, (await users.ListAsync()).Count);
    }

    [SkippableFact]
    public async Task RacingClaimsOfOneProfileBindItOnce()
    {
        var database = await MigratedAsync();
        var users = new UserStore(database, TimeProvider.System);
        var claims = new ProfileClaims(database, TimeProvider.System);
        var store = new ExpertStore(database, TimeProvider.System);
        for (var round = 0; round < Rounds; round++)
        {
            var expertId = $"claimed-{round}";
            await store.SaveAsync(ExpertBuilder.Minimal(expertId), "setup");
            var claimants = new List<UserAccount>();
            for (var i = 0; i < Racers; i++)
            {
                claimants.Add(await users.CreateAsync($"researcher{round}-{i}@example.org", null, Roles.Researcher, "hash"));
            }

            var results = await RaceAsync(Racers, i => claims.LinkAsync(claimants[i].Id, expertId, "user:admin@example.org"));

            Assert.All(results, r => Assert.Null(r.Error));
            Assert.Single(results, r => r.Value!.Outcome == ClaimOutcome.Claimed);
            Assert.Equal(Racers - 1, results.Count(r => r.Value!.Outcome == ClaimOutcome.ProfileTaken));
        }
    }

    [SkippableFact]
    public async Task OneTokenRedeemedTwiceAtOnceIsUsedOnce()
    {
        var database = await MigratedAsync();
        var users = new UserStore(database, TimeProvider.System);
        var claims = new ProfileClaims(database, TimeProvider.System);
        await new ExpertStore(database, TimeProvider.System).SaveAsync(ExpertBuilder.Minimal("token-1"), "setup");
        var user = await users.CreateAsync("owner@example.org", null, Roles.Researcher, "hash");
        var token = await claims.IssueTokenAsync(user.Id, "token-1");

        var results = await RaceAsync(2, _ => claims.RedeemAsync(user.Id, token, "user:owner@example.org"));

        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Single(results, r => r.Value!.Outcome == ClaimOutcome.Claimed);
        Assert.Single(results, r => r.Value!.Outcome == ClaimOutcome.InvalidToken);
    }

    [SkippableFact]
    public async Task RacingSavesOfOneNewNeedStoreItOnce()
    {
        var database = await MigratedAsync();
        var needs = new NeedStore(database, TimeProvider.System);

        var results = await RaceAsync(Racers, i => needs.SaveAsync([new Need { Id = "need-race", Title = $"title {i}", Keywords = [$"k{i}"] }], "test").ContinueWith(t => t.IsCompletedSuccessfully ? true : throw t.Exception!.InnerException!));

        Assert.All(results, r => Assert.Null(r.Error));
        var need = Assert.Single(await needs.AllAsync());
        Assert.Single(need.Keywords);
    }

    /// <summary>
    /// The path a lost race takes, made to happen on purpose: the update finds nothing (as if the row were not
    /// there yet), the insert then meets the key the other session committed, and the update runs again.
    /// </summary>
    [SkippableFact]
    public async Task AnUpsertWhoseInsertMeetsTheKeyUpdatesInstead()
    {
        var database = await MigratedAsync();
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO needs (id, kind, title, description, location, created_at, updated_at, changed_by) VALUES ('n-1', NULL, 'old', NULL, NULL, 'x', 'x', 'a')");
        var updates = 0;

        var inserted = await Upsert.RunAsync(
            () => ++updates == 1 ? Task.FromResult(0) : connection.ExecuteAsync("UPDATE needs SET title = 'new' WHERE id = 'n-1'"),
            () => connection.ExecuteAsync("INSERT INTO needs (id, kind, title, description, location, created_at, updated_at, changed_by) VALUES ('n-1', NULL, 'new', NULL, NULL, 'y', 'y', 'b')"));

        Assert.False(inserted);
        Assert.Equal(2, updates);
        Assert.Equal("new", await connection.ExecuteScalarAsync<string>("SELECT title FROM needs WHERE id = 'n-1'"));
    }

    [SkippableFact]
    public async Task DuplicateKeysAndMissingReferencesAreRecognisedFromTheEnginesOwnErrors()
    {
        var database = await MigratedAsync();
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("INSERT INTO users (id, email, email_normalised, display_name, role, password_hash, security_stamp, created_at, updated_at) VALUES ('u1', 'a@b.c', 'A@B.C', NULL, 'admin', 'h', 's', 'x', 'x')");

        var samePrimaryKey = await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(
            "INSERT INTO users (id, email, email_normalised, display_name, role, password_hash, security_stamp, created_at, updated_at) VALUES ('u1', 'x@b.c', 'X@B.C', NULL, 'admin', 'h', 's', 'x', 'x')"));
        var sameUniqueKey = await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(
            "INSERT INTO users (id, email, email_normalised, display_name, role, password_hash, security_stamp, created_at, updated_at) VALUES ('u2', 'a@b.c', 'A@B.C', NULL, 'admin', 'h', 's', 'x', 'x')"));
        var missingReference = await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(
            "INSERT INTO profile_claims (user_id, expert_id, claimed_at, claimed_by) VALUES ('u1', 'nobody', 'x', 'a')"));

        Assert.True(StoreErrors.IsDuplicateKey(samePrimaryKey), samePrimaryKey.Message);
        Assert.True(StoreErrors.IsDuplicateKey(sameUniqueKey), sameUniqueKey.Message);
        Assert.False(StoreErrors.IsDuplicateKey(missingReference), missingReference.Message);
        Assert.True(StoreErrors.IsMissingReference(missingReference), missingReference.Message);
    }
}

public sealed class SqliteStoreConcurrencyTests : StoreConcurrencyTests, IDisposable
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
public sealed class SqlServerStoreConcurrencyTests : StoreConcurrencyTests
{
    protected override Task<Database> CreateDatabaseAsync() => SqlServerStoreTests.CreateTestDatabaseAsync();
}
