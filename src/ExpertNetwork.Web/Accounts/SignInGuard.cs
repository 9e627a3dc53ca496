using ExpertNetwork.Accounts;
using ExpertNetwork.Web.Security;
using Microsoft.Extensions.Options;

namespace ExpertNetwork.Web.Accounts;

public sealed record ThrottleRuleSet(ThrottleRule Account, ThrottleRule Address);

public enum SignInOutcome
{
    SignedIn,
    Failed,
    Disabled,
    Waiting,
}

public sealed record SignInAttempt(SignInOutcome Outcome, UserAccount? User = null, TimeSpan Wait = default);

/// <summary>
/// A password check behind two counts of failures kept in the store: per account, so guesses spread over many
/// addresses still wait, and per address, with a higher ceiling, so one office's typos do not lock its people out.
/// While either waits the password is not even checked, so the right one is refused too.
/// </summary>
public sealed class SignInGuard(AccountService accounts, SignInThrottle throttle, IOptions<SecurityOptions> options, TimeProvider clock)
{
    public async Task<SignInAttempt> AttemptAsync(string email, string password, HttpContext context, CancellationToken cancellationToken)
    {
        var rules = options.Value.SignInRules();
        var account = SignInThrottle.AccountKey(email);
        var address = SignInThrottle.AddressKey(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (await throttle.BlockedUntilAsync([account, address], cancellationToken) is { } until)
        {
            return new SignInAttempt(SignInOutcome.Waiting, Wait: until - clock.GetUtcNow());
        }

        var user = await accounts.VerifyAsync(email, password, cancellationToken);
        if (user is null)
        {
            await throttle.RecordFailureAsync(account, rules.Account, cancellationToken);
            await throttle.RecordFailureAsync(address, rules.Address, cancellationToken);
            return new SignInAttempt(SignInOutcome.Failed);
        }

        // The address count stays: a guesser with an account of their own must not clear it by signing in.
        await throttle.ResetAsync(account, cancellationToken);
        return new SignInAttempt(user.IsDisabled ? SignInOutcome.Disabled : SignInOutcome.SignedIn, user);
    }
}
