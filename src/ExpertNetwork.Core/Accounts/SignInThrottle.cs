using Dapper;
using ExpertNetwork.Storage;

namespace ExpertNetwork.Accounts;

/// <summary>
/// How many failures pass before a wait, the first wait (doubling with each further failure), the longest one,
/// and how long after the last failure the count starts again.
/// </summary>
public sealed record ThrottleRule(int FreeFailures, TimeSpan FirstWait, TimeSpan LongestWait, TimeSpan ForgetAfter)
{
    public TimeSpan WaitAfter(long failures) =>
        failures < FreeFailures
            ? TimeSpan.Zero
            : TimeSpan.FromSeconds(Math.Min(LongestWait.TotalSeconds, FirstWait.TotalSeconds * Math.Pow(2, Math.Min(30, failures - FreeFailures))));
}

/// <summary>
/// Failed sign-ins, counted in the store so every app process on the directory sees the same count: per
/// account (by normalised email, whether or not an account has it, so a wait tells nothing about who exists)
/// and per client address.
/// </summary>
public sealed class SignInThrottle(Database database, TimeProvider clock)
{
    public const int MaxKeyLength = 400;

    public static string AccountKey(string email)
    {
        var key = "account:" + UserStore.Normalise(email);
        return key.Length <= MaxKeyLength ? key : key[..MaxKeyLength];
    }

    public static string AddressKey(string address) => "address:" + (address.Length <= 100 ? address : address[..100]);

    /// <summary>Until when the latest-ending wait of these keys lasts, or null when none is waiting.</summary>
    public async Task<DateTimeOffset?> BlockedUntilAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var until = await connection.QueryAsync<string?>(new CommandDefinition(
            BlockedSql, new { Keys = keys, Now = now.ToString("O") }, cancellationToken: cancellationToken));
        var latest = until.Where(u => u is not null).Select(u => DateTimeOffset.Parse(u!)).DefaultIfEmpty().Max();
        return latest > now ? latest : null;
    }

    /// <summary>Counts a failure; once past the rule's free failures the key waits, twice as long each time.</summary>
    public async Task RecordFailureAsync(string key, ThrottleRule rule, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var stamp = now.ToString("O");
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            ForgetSql, new { Key = key, Before = (now - rule.ForgetAfter).ToString("O") }, cancellationToken: cancellationToken));
        // One increment in the store, so failures from several processes at once are all counted.
        await Upsert.RunAsync(
            () => connection.ExecuteAsync(new CommandDefinition(IncrementSql, new { Key = key, Now = stamp }, cancellationToken: cancellationToken)),
            () => connection.ExecuteAsync(new CommandDefinition(InsertSql, new { Key = key, Now = stamp }, cancellationToken: cancellationToken)));
        var failures = await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountSql, new { Key = key }, cancellationToken: cancellationToken));
        var wait = rule.WaitAfter(failures);
        if (wait > TimeSpan.Zero)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                BlockSql, new { Key = key, Until = (now + wait).ToString("O") }, cancellationToken: cancellationToken));
        }
    }

    public async Task ResetAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ResetSql, new { Key = key }, cancellationToken: cancellationToken));
    }

    private const string BlockedSql = "SELECT blocked_until FROM sign_in_failures WHERE throttle_key IN @Keys AND blocked_until > @Now";
    private const string ForgetSql = "DELETE FROM sign_in_failures WHERE throttle_key = @Key AND last_failed_at < @Before";
    private const string IncrementSql = "UPDATE sign_in_failures SET failures = failures + 1, last_failed_at = @Now WHERE throttle_key = @Key";
    private const string InsertSql = "INSERT INTO sign_in_failures (throttle_key, failures, last_failed_at, blocked_until) VALUES (@Key, 1, @Now, NULL)";
    private const string CountSql = "SELECT CAST(failures AS BIGINT) FROM sign_in_failures WHERE throttle_key = @Key";
    private const string BlockSql = "UPDATE sign_in_failures SET blocked_until = @Until WHERE throttle_key = @Key";
    private const string ResetSql = "DELETE FROM sign_in_failures WHERE throttle_key = @Key";
}
