using System.Security.Cryptography;
using System.Text;
using Dapper;
using ExpertNetwork.Storage;

namespace ExpertNetwork.Accounts;

public sealed record PendingRegistration(string Email, string? DisplayName, string PasswordHash);

/// <summary>
/// Self-registrations waiting for their emailed link. Nothing here is an account: only following the link
/// turns one into an account, so nobody can hold an address they cannot read mail at. Several may wait for one
/// address, each with its own password, so a stranger's registration cannot change what the owner's link makes.
/// Tokens are stored only as SHA-256 hashes.
/// </summary>
public sealed class Registrations(Database database, TimeProvider clock)
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(24);

    public async Task<string> IssueAsync(string email, string? displayName, string passwordHash, CancellationToken cancellationToken = default)
    {
        email = email.Trim();
        StoredText.Check("email", email, StoredText.EmailLength);
        displayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
        StoredText.CheckOptional("display name", displayName, UserStore.MaxDisplayName);
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(DeleteExpiredSql, new { Now = now.ToString("O") }, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            TokenHash = Hash(token),
            Email = email,
            EmailNormalised = UserStore.Normalise(email),
            DisplayName = displayName,
            PasswordHash = passwordHash,
            Now = now.ToString("O"),
            ExpiresAt = (now + TokenLifetime).ToString("O"),
        }, cancellationToken: cancellationToken));
        return token;
    }

    /// <summary>Uses up the token: the registration it names, or null when it is unknown, used or expired.</summary>
    public async Task<PendingRegistration?> RedeemAsync(string token, CancellationToken cancellationToken = default)
    {
        if (token.Length is 0 or > 128)
        {
            return null;
        }

        var now = clock.GetUtcNow().ToString("O");
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            SelectSql, new { TokenHash = Hash(token), Now = now }, transaction, cancellationToken: cancellationToken));
        // Deleted by the same transaction, so two requests racing with one link cannot both get past here.
        if (row is null || await connection.ExecuteAsync(new CommandDefinition(
                DeleteSql, new { TokenHash = Hash(token) }, transaction, cancellationToken: cancellationToken)) != 1)
        {
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        return new PendingRegistration(row.Email, row.DisplayName, row.PasswordHash);
    }

    /// <summary>Once the address has an account, its other waiting registrations are of no use.</summary>
    public async Task ForgetAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            DeleteByEmailSql, new { EmailNormalised = UserStore.Normalise(email) }, cancellationToken: cancellationToken));
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();

    private sealed class Row
    {
        public string Email { get; set; } = "";
        public string? DisplayName { get; set; }
        public string PasswordHash { get; set; } = "";
    }

    private const string InsertSql = """
        INSERT INTO registrations (token_hash, email, email_normalised, display_name, password_hash, created_at, expires_at)
        VALUES (@TokenHash, @Email, @EmailNormalised, @DisplayName, @PasswordHash, @Now, @ExpiresAt)
        """;

    private const string SelectSql = """
        SELECT email AS Email, display_name AS DisplayName, password_hash AS PasswordHash
        FROM registrations
        WHERE token_hash = @TokenHash AND expires_at > @Now
        """;

    private const string DeleteSql = "DELETE FROM registrations WHERE token_hash = @TokenHash";
    private const string DeleteExpiredSql = "DELETE FROM registrations WHERE expires_at <= @Now";
    private const string DeleteByEmailSql = "DELETE FROM registrations WHERE email_normalised = @EmailNormalised";
}
