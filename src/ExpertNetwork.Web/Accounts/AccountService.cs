using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using ExpertNetwork.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ExpertNetwork.Web.Accounts;

public enum AccountError
{
    InvalidEmail,
    PasswordTooShort,
    PasswordTooLong,
    EmailTaken,
    UnknownRole,
    UnknownAccount,
}

public sealed record AccountResult(UserAccount? User, AccountError? Error);

/// <summary>What an admin's disable, enable or delete did: refused for their own account and for the last active admin.</summary>
public enum AccountChangeResult
{
    Changed,
    NotFound,
    Self,
    LastAdmin,
}

public enum RoleChangeResult
{
    Changed,
    NotFound,
    UnknownRole,
    LastAdmin,
}

/// <summary>Passwords (ASP.NET Core's hasher: PBKDF2, salted, versioned) and the claims a signed-in user carries.</summary>
public sealed class AccountService(UserStore users, IPasswordHasher<UserAccount> hasher, IOptions<AccountsOptions> options)
{
    public const int MaxPasswordLength = 128;
    public const int MaxEmailLength = 320;

    // Verified against when the email is unknown, so a wrong email takes as long as a wrong password.
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<UserAccount>().HashPassword(new UserAccount("", "", null, Roles.Researcher, "", "", default), Guid.NewGuid().ToString()));

    public int MinimumPasswordLength => options.Value.MinimumPasswordLength;

    public async Task<UserAccount?> VerifyAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        if (password.Length > MaxPasswordLength || email.Length > MaxEmailLength)
        {
            return null;
        }

        var user = await users.FindByEmailAsync(email, cancellationToken);
        if (user is null)
        {
            hasher.VerifyHashedPassword(new UserAccount("", "", null, Roles.Researcher, "", "", default), DecoyHash.Value, password);
            return null;
        }

        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await users.UpdatePasswordHashAsync(user.Id, hasher.HashPassword(user, password), cancellationToken);
        }

        return result == PasswordVerificationResult.Failed ? null : user;
    }

    /// <summary>What is wrong with an email and password for a new account, or null; says nothing about whether the email is in use.</summary>
    public AccountError? Check(string email, string password)
    {
        email = email.Trim();
        if (email.Length > MaxEmailLength || !new EmailAddressAttribute().IsValid(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            return AccountError.InvalidEmail;
        }

        if (password.Length < MinimumPasswordLength)
        {
            return AccountError.PasswordTooShort;
        }

        return password.Length > MaxPasswordLength ? AccountError.PasswordTooLong : null;
    }

    public string Hash(string email, string password) => hasher.HashPassword(new UserAccount("", email.Trim(), null, Roles.Researcher, "", "", default), password);

    public async Task<AccountResult> CreateAsync(string email, string? displayName, string role, string password, CancellationToken cancellationToken = default)
    {
        email = email.Trim();
        if (Check(email, password) is { } invalid)
        {
            return new AccountResult(null, invalid);
        }

        if (!Roles.IsKnown(role))
        {
            return new AccountResult(null, AccountError.UnknownRole);
        }

        var hash = hasher.HashPassword(new UserAccount("", email, displayName, role, "", "", default), password);
        try
        {
            return new AccountResult(await users.CreateAsync(email, displayName?[..Math.Min(displayName.Length, 200)], role, hash, cancellationToken), null);
        }
        catch (DuplicateEmailException)
        {
            return new AccountResult(null, AccountError.EmailTaken);
        }
    }

    /// <summary>
    /// The operator's promotion of an existing account (<c>expertnet users promote</c>): admin, with the new
    /// password, enabled; the old password and every open session stop working.
    /// </summary>
    public async Task<AccountResult> PromoteAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        if (Check(email, password) is { } invalid)
        {
            return new AccountResult(null, invalid);
        }

        var user = await users.FindByEmailAsync(email, cancellationToken);
        if (user is null)
        {
            return new AccountResult(null, AccountError.UnknownAccount);
        }

        await users.SetRoleAndPasswordAsync(user.Id, Roles.Admin, Hash(user.Email, password), cancellationToken);
        return new AccountResult(await users.FindByIdAsync(user.Id, cancellationToken), null);
    }

    /// <summary>Refuses to demote the last admin, which would leave nobody able to manage accounts.</summary>
    public async Task<RoleChangeResult> ChangeRoleAsync(string id, string role, CancellationToken cancellationToken = default)
    {
        if (!Roles.IsKnown(role))
        {
            return RoleChangeResult.UnknownRole;
        }

        var user = await users.FindByIdAsync(id, cancellationToken);
        if (user is null)
        {
            return RoleChangeResult.NotFound;
        }

        if (user.Role == Roles.Admin && role != Roles.Admin && await users.CountInRoleAsync(Roles.Admin, cancellationToken) <= 1)
        {
            return RoleChangeResult.LastAdmin;
        }

        await users.ChangeRoleAsync(id, role, cancellationToken);
        return RoleChangeResult.Changed;
    }

    /// <summary>Disables or re-enables an account; its open sessions end either way (the security stamp changes).</summary>
    public async Task<AccountChangeResult> SetDisabledAsync(string id, bool disabled, string actingUserId, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(id, actingUserId, cancellationToken) is { } refused && (disabled || refused == AccountChangeResult.NotFound))
        {
            return refused;
        }

        return await users.SetDisabledAsync(id, disabled, cancellationToken) ? AccountChangeResult.Changed : AccountChangeResult.NotFound;
    }

    /// <summary>Deletes an account; its shortlists, events and profile claim go with it, the profile stays in the directory.</summary>
    public async Task<AccountChangeResult> DeleteAsync(string id, string actingUserId, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(id, actingUserId, cancellationToken) is { } refused)
        {
            return refused;
        }

        return await users.DeleteAsync(id, cancellationToken) ? AccountChangeResult.Changed : AccountChangeResult.NotFound;
    }

    /// <summary>An admin may not lock themselves out, and the last admin who can still sign in must stay.</summary>
    private async Task<AccountChangeResult?> RefuseAsync(string id, string actingUserId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id, cancellationToken);
        if (user is null)
        {
            return AccountChangeResult.NotFound;
        }

        if (user.Id == actingUserId)
        {
            return AccountChangeResult.Self;
        }

        if (user.Role == Roles.Admin && !user.IsDisabled
            && (await users.ListAsync(cancellationToken)).Count(u => u.Role == Roles.Admin && !u.IsDisabled) <= 1)
        {
            return AccountChangeResult.LastAdmin;
        }

        return null;
    }

    public static ClaimsPrincipal Principal(UserAccount user) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id),
            new Claim(ClaimTypes.Name, user.Email),
            new Claim(ClaimTypes.Email, user.Email),
            new Claim(ClaimTypes.Role, user.Role),
            new Claim(Security.CurrentUser.StampClaim, user.SecurityStamp),
        ],
        CookieAuthenticationDefaults.AuthenticationScheme));
}
