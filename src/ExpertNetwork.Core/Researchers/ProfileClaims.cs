using System.Security.Cryptography;
using System.Text;
using Dapper;
using ExpertNetwork.Storage;

namespace ExpertNetwork.Researchers;

public enum ClaimOutcome
{
    Claimed,
    InvalidToken,
    Expired,
    ProfileTaken,
    UserHasProfile,
    ProfileMissing,
}

public sealed record ClaimResult(ClaimOutcome Outcome, string? ExpertId = null);

public sealed record ProfileClaim(string UserId, string ExpertId, DateTimeOffset ClaimedAt, string ClaimedBy);

/// <summary>
/// Which user owns which profile: one profile per user and one user per profile (both are unique keys).
/// Verification tokens are stored only as SHA-256 hashes, so a leaked database cannot claim anything,
/// and each is bound to the user who asked for it, single-use and short-lived.
/// </summary>
public sealed class ProfileClaims(Database database, TimeProvider clock)
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(24);

    public async Task<ProfileClaim?> ForUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ClaimRow>(new CommandDefinition(SelectByUserSql, new { UserId = userId }, cancellationToken: cancellationToken));
        return row?.ToClaim();
    }

    public async Task<ProfileClaim?> ForProfileAsync(string expertId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ClaimRow>(new CommandDefinition(SelectByExpertSql, new { ExpertId = expertId }, cancellationToken: cancellationToken));
        return row?.ToClaim();
    }

    /// <summary>A new token for the link; only its hash is kept.</summary>
    public async Task<string> IssueTokenAsync(string userId, string expertId, CancellationToken cancellationToken = default)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(InsertTokenSql, new
        {
            TokenHash = Hash(token), UserId = userId, ExpertId = expertId, Now = now.ToString("O"), ExpiresAt = (now + TokenLifetime).ToString("O"),
        }, cancellationToken: cancellationToken));
        return token;
    }

    /// <summary>Uses up the token and binds its profile to the user; a token issued to someone else is just invalid.</summary>
    public async Task<ClaimResult> RedeemAsync(string userId, string token, string claimedBy, CancellationToken cancellationToken = default)
    {
        if (token.Length is 0 or > 128)
        {
            return new ClaimResult(ClaimOutcome.InvalidToken);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(
            SelectTokenSql, new { TokenHash = Hash(token), UserId = userId }, transaction, cancellationToken: cancellationToken));
        if (row is null || row.UsedAt is not null)
        {
            return new ClaimResult(ClaimOutcome.InvalidToken);
        }

        var now = clock.GetUtcNow();
        if (DateTimeOffset.Parse(row.ExpiresAt) <= now)
        {
            return new ClaimResult(ClaimOutcome.Expired);
        }

        // Used up by the write itself, so two requests racing with one token cannot both get past here.
        if (await connection.ExecuteAsync(new CommandDefinition(UseTokenSql, new { TokenHash = Hash(token), Now = now.ToString("O") }, transaction, cancellationToken: cancellationToken)) != 1)
        {
            return new ClaimResult(ClaimOutcome.InvalidToken);
        }

        var result = await BindAsync(connection, transaction, userId, row.ExpertId, claimedBy, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>An admin's direct link, for profiles without an email address.</summary>
    public async Task<ClaimResult> LinkAsync(string userId, string expertId, string claimedBy, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await BindAsync(connection, transaction, userId, expertId, claimedBy, clock.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static async Task<ClaimResult> BindAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string userId, string expertId, string claimedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        StoredText.Actor(claimedBy, "claimed by");
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountExpertSql, new { ExpertId = expertId }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return new ClaimResult(ClaimOutcome.ProfileMissing);
        }

        // The two unique keys decide, not a count before the insert: two claims racing would both pass a count.
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertClaimSql, new
            {
                UserId = userId, ExpertId = expertId, Now = now.ToString("O"), ClaimedBy = claimedBy,
            }, transaction, cancellationToken: cancellationToken));
        }
        catch (System.Data.Common.DbException e) when (StoreErrors.IsDuplicateKey(e))
        {
            var userHasProfile = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                CountByUserSql, new { UserId = userId }, transaction, cancellationToken: cancellationToken)) > 0;
            return new ClaimResult(userHasProfile ? ClaimOutcome.UserHasProfile : ClaimOutcome.ProfileTaken);
        }
        catch (System.Data.Common.DbException e) when (StoreErrors.IsMissingReference(e))
        {
            return new ClaimResult(ClaimOutcome.ProfileMissing);
        }

        return new ClaimResult(ClaimOutcome.Claimed, expertId);
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();

    private const string SelectClaimSql = "SELECT user_id AS UserId, expert_id AS ExpertId, claimed_at AS ClaimedAt, claimed_by AS ClaimedBy FROM profile_claims";
    private const string SelectByUserSql = SelectClaimSql + " WHERE user_id = @UserId";
    private const string SelectByExpertSql = SelectClaimSql + " WHERE expert_id = @ExpertId";
    private const string CountByUserSql = "SELECT CAST(COUNT(*) AS BIGINT) FROM profile_claims WHERE user_id = @UserId";
    private const string CountExpertSql = "SELECT CAST(COUNT(*) AS BIGINT) FROM experts WHERE id = @ExpertId";

    private const string InsertClaimSql = """
        INSERT INTO profile_claims (user_id, expert_id, claimed_at, claimed_by)
        VALUES (@UserId, @ExpertId, @Now, @ClaimedBy)
        """;

    private const string InsertTokenSql = """
        INSERT INTO claim_tokens (token_hash, user_id, expert_id, created_at, expires_at, used_at)
        VALUES (@TokenHash, @UserId, @ExpertId, @Now, @ExpiresAt, NULL)
        """;

    private const string SelectTokenSql = """
        SELECT expert_id AS ExpertId, expires_at AS ExpiresAt, used_at AS UsedAt
        FROM claim_tokens
        WHERE token_hash = @TokenHash AND user_id = @UserId
        """;

    private const string UseTokenSql = "UPDATE claim_tokens SET used_at = @Now WHERE token_hash = @TokenHash AND used_at IS NULL";

    private sealed class ClaimRow
    {
        public string UserId { get; set; } = "";
        public string ExpertId { get; set; } = "";
        public string ClaimedAt { get; set; } = "";
        public string ClaimedBy { get; set; } = "";

        public ProfileClaim ToClaim() => new(UserId, ExpertId, DateTimeOffset.Parse(ClaimedAt), ClaimedBy);
    }

    private sealed class TokenRow
    {
        public string ExpertId { get; set; } = "";
        public string ExpiresAt { get; set; } = "";
        public string? UsedAt { get; set; }
    }
}
