using Dapper;
using ExpertNetwork.Storage;

namespace ExpertNetwork.Accounts;

public sealed record UserAccount(
    string Id,
    string Email,
    string? DisplayName,
    string Role,
    string PasswordHash,
    string SecurityStamp,
    DateTimeOffset CreatedAt)
{
    /// <summary>When an admin disabled the account; a disabled account cannot sign in and its sessions have ended.</summary>
    public DateTimeOffset? DisabledAt { get; init; }

    public bool IsDisabled => DisabledAt is not null;
}

public sealed class DuplicateEmailException(string email) : Exception($"An account for '{email}' already exists.");

/// <summary>
/// Accounts as stored. Password hashing belongs to the web app (ASP.NET Core's hasher); this class only
/// keeps the hash. The security stamp changes with every role or password change so old cookies stop working.
/// </summary>
public sealed class UserStore(Database database, TimeProvider clock)
{
    /// <summary>users.display_name on SQL Server, enforced on both engines.</summary>
    public const int MaxDisplayName = 200;

    public static string Normalise(string email) => email.Trim().ToUpperInvariant();

    public async Task<UserAccount> CreateAsync(string email, string? displayName, string role, string passwordHash, CancellationToken cancellationToken = default)
    {
        if (!Roles.IsKnown(role))
        {
            throw new ArgumentException($"Unknown role '{role}'.", nameof(role));
        }

        var now = clock.GetUtcNow();
        var user = new UserAccount(NewId(), email.Trim(), string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(), role, passwordHash, NewId(), now);
        StoredText.Check("email", user.Email, StoredText.EmailLength);
        StoredText.CheckOptional("display name", user.DisplayName, MaxDisplayName);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                InsertUserSql,
                new
                {
                    user.Id,
                    user.Email,
                    EmailNormalised = Normalise(user.Email),
                    user.DisplayName,
                    user.Role,
                    user.PasswordHash,
                    user.SecurityStamp,
                    Now = now.ToString("O"),
                },
                transaction,
                cancellationToken: cancellationToken));
        }
        catch (System.Data.Common.DbException e) when (StoreErrors.IsDuplicateKey(e))
        {
            // The unique key on email_normalised decides, also between two sign-ups racing each other.
            throw new DuplicateEmailException(user.Email);
        }

        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    public async Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            SelectUserSql + " WHERE email_normalised = @EmailNormalised", new { EmailNormalised = Normalise(email) }, cancellationToken: cancellationToken));
        return row?.ToAccount();
    }

    public async Task<UserAccount?> FindByIdAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            SelectUserByIdSql, new { Id = id }, cancellationToken: cancellationToken));
        return row?.ToAccount();
    }

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition(ListUsersSql, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToAccount()).ToList();
    }

    public async Task<long> CountInRoleAsync(string role, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountInRoleSql, new { Role = role }, cancellationToken: cancellationToken));
    }

    /// <summary>Changes the role and the security stamp, so the user's open sessions must sign in again to pick it up.</summary>
    public async Task<bool> ChangeRoleAsync(string id, string role, CancellationToken cancellationToken = default)
    {
        if (!Roles.IsKnown(role))
        {
            throw new ArgumentException($"Unknown role '{role}'.", nameof(role));
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            UpdateRoleSql, new { Id = id, Role = role, Stamp = NewId(), Now = clock.GetUtcNow().ToString("O") }, cancellationToken: cancellationToken));
        return changed > 0;
    }

    /// <summary>
    /// Disables or re-enables the account. Either way the security stamp changes, so every open session ends
    /// at its next request; false when there is no such account.
    /// </summary>
    public async Task<bool> SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToString("O");
        await using var connection = await database.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            SetDisabledSql, new { Id = id, DisabledAt = disabled ? now : null, Stamp = NewId(), Now = now }, cancellationToken: cancellationToken));
        return changed > 0;
    }

    /// <summary>
    /// The operator's way in (<c>expertnet users promote</c>): a new role and password at once, the account
    /// enabled again, and a new stamp, so every session opened with the old password ends.
    /// </summary>
    public async Task<bool> SetRoleAndPasswordAsync(string id, string role, string passwordHash, CancellationToken cancellationToken = default)
    {
        if (!Roles.IsKnown(role))
        {
            throw new ArgumentException($"Unknown role '{role}'.", nameof(role));
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            SetRoleAndPasswordSql,
            new { Id = id, Role = role, PasswordHash = passwordHash, Stamp = NewId(), Now = clock.GetUtcNow().ToString("O") },
            cancellationToken: cancellationToken));
        return changed > 0;
    }

    /// <summary>Stores a re-hash made with stronger settings; the stamp stays, so sessions are not affected.</summary>
    public async Task UpdatePasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            UpdatePasswordHashSql, new { Id = id, PasswordHash = passwordHash, Now = clock.GetUtcNow().ToString("O") }, cancellationToken: cancellationToken));
    }

    /// <summary>Removes the account; its shortlists, events and profile claim go with it (foreign keys cascade).</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteUserSql, new { Id = id }, cancellationToken: cancellationToken)) > 0;
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    private sealed class UserRow
    {
        public string Id { get; set; } = "";
        public string Email { get; set; } = "";
        public string? DisplayName { get; set; }
        public string Role { get; set; } = "";
        public string PasswordHash { get; set; } = "";
        public string SecurityStamp { get; set; } = "";
        public string CreatedAt { get; set; } = "";
        public string? DisabledAt { get; set; }

        public UserAccount ToAccount() => new(Id, Email, DisplayName, Role, PasswordHash, SecurityStamp, DateTimeOffset.Parse(CreatedAt))
        {
            DisabledAt = DisabledAt is null ? null : DateTimeOffset.Parse(DisabledAt),
        };
    }

    private const string SelectUserSql = """
        SELECT id AS Id, email AS Email, display_name AS DisplayName, role AS Role, password_hash AS PasswordHash,
               security_stamp AS SecurityStamp, created_at AS CreatedAt, disabled_at AS DisabledAt
        FROM users
        """;

    private const string SelectUserByIdSql = SelectUserSql + " WHERE id = @Id";
    private const string ListUsersSql = SelectUserSql + " ORDER BY email_normalised";
    private const string CountInRoleSql = "SELECT CAST(COUNT(*) AS BIGINT) FROM users WHERE role = @Role";

    private const string InsertUserSql = """
        INSERT INTO users (id, email, email_normalised, display_name, role, password_hash, security_stamp, created_at, updated_at)
        VALUES (@Id, @Email, @EmailNormalised, @DisplayName, @Role, @PasswordHash, @SecurityStamp, @Now, @Now)
        """;

    private const string UpdateRoleSql = "UPDATE users SET role = @Role, security_stamp = @Stamp, updated_at = @Now WHERE id = @Id";
    private const string SetDisabledSql = "UPDATE users SET disabled_at = @DisabledAt, security_stamp = @Stamp, updated_at = @Now WHERE id = @Id";
    private const string DeleteUserSql = "DELETE FROM users WHERE id = @Id";
    private const string SetRoleAndPasswordSql =
        "UPDATE users SET role = @Role, password_hash = @PasswordHash, disabled_at = NULL, security_stamp = @Stamp, updated_at = @Now WHERE id = @Id";
    private const string UpdatePasswordHashSql = "UPDATE users SET password_hash = @PasswordHash, updated_at = @Now WHERE id = @Id";
}
