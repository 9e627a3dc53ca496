using ExpertNetwork.Accounts;
using ExpertNetwork.Web.Localisation;
using ExpertNetwork.Web.Researchers;
using ExpertNetwork.Web.Security;

namespace ExpertNetwork.Web.Accounts;

public enum RegistrationOutcome
{
    /// <summary>A mail went to the address; the same answer whether or not it already has an account.</summary>
    Sent,
    Invalid,
    LinksUnavailable,
    MailFailed,
}

public sealed record RegistrationResult(RegistrationOutcome Outcome, AccountError? Error = null);

public enum ActivationOutcome
{
    Activated,
    InvalidLink,
    AlreadyActive,
}

/// <summary>
/// Self-registration as a researcher. The page answers alike for a new and a known address and both get a mail:
/// a new one a link that creates the account, a known one a note that it already has one. So the page tells
/// nobody which addresses have accounts, and nobody gets an account for an address whose mail they cannot read.
/// </summary>
public sealed class SelfRegistration(
    AccountService accounts, Registrations registrations, UserStore users, IMailSender mail, PublicLinks links, ILogger<SelfRegistration> logger)
{
    public bool Open => links.CanMailLinks;

    public async Task<RegistrationResult> RegisterAsync(string email, string? displayName, string password, HttpRequest request, string language, CancellationToken cancellationToken)
    {
        email = email.Trim();
        if (accounts.Check(email, password) is { } error)
        {
            return new RegistrationResult(RegistrationOutcome.Invalid, error);
        }

        if (links.BaseUrl(request) is not { } baseUrl)
        {
            return new RegistrationResult(RegistrationOutcome.LinksUnavailable);
        }

        displayName = displayName?.Trim() is { Length: > 0 } name ? name[..Math.Min(name.Length, UserStore.MaxDisplayName)] : null;
        // Hashed either way, so a known address takes as long to answer as a new one.
        var hash = accounts.Hash(email, password);
        string subject, body;
        if (await users.FindByEmailAsync(email, cancellationToken) is not null)
        {
            subject = Texts.In(language, "registerMail.subject");
            body = Texts.In(language, "registerMail.existing", email, $"{baseUrl}/account/sign-in");
        }
        else
        {
            var token = await registrations.IssueAsync(email, displayName, hash, cancellationToken);
            subject = Texts.In(language, "registerMail.subject");
            body = Texts.In(language, "registerMail.activate", email, $"{baseUrl}/account/activate?token={token}&lang={language}");
        }

        try
        {
            await mail.SendAsync(email, subject, body, cancellationToken);
            return new RegistrationResult(RegistrationOutcome.Sent);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Registration mail to {Email} could not be sent", email);
            return new RegistrationResult(RegistrationOutcome.MailFailed);
        }
    }

    /// <summary>Follows the emailed link: the account is made now, a researcher with the password given when registering.</summary>
    public async Task<ActivationOutcome> ActivateAsync(string token, CancellationToken cancellationToken)
    {
        if (await registrations.RedeemAsync(token, cancellationToken) is not { } pending)
        {
            return ActivationOutcome.InvalidLink;
        }

        try
        {
            await users.CreateAsync(pending.Email, pending.DisplayName, Roles.Researcher, pending.PasswordHash, cancellationToken);
        }
        catch (DuplicateEmailException)
        {
            return ActivationOutcome.AlreadyActive;
        }

        await registrations.ForgetAsync(pending.Email, cancellationToken);
        return ActivationOutcome.Activated;
    }
}
