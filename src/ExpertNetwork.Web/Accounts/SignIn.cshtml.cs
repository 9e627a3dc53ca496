using System.Globalization;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExpertNetwork.Web.Accounts;

// Open to everyone by nature; failures make the account and the address wait (SignInGuard), the rate limit only guards against floods.
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public sealed class SignInModel(SignInGuard guard) : PageModel
{
    public string? ReturnUrl { get; private set; }

    public string? Email { get; private set; }

    public bool Failed { get; private set; }

    public bool Disabled { get; private set; }

    /// <summary>Whole minutes to wait before the next attempt, when too many failed.</summary>
    public int? WaitMinutes { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? email, string? password, string? returnUrl, CancellationToken cancellationToken)
    {
        ReturnUrl = returnUrl;
        Email = email;
        var attempt = await guard.AttemptAsync(email ?? "", password ?? "", HttpContext, cancellationToken);
        switch (attempt.Outcome)
        {
            case SignInOutcome.Waiting:
                var seconds = Math.Max(1, (int)Math.Ceiling(attempt.Wait.TotalSeconds));
                WaitMinutes = Math.Max(1, (seconds + 59) / 60);
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return Page();
            case SignInOutcome.Failed:
                Failed = true;
                return Page();
            case SignInOutcome.Disabled:
                // Said only once the password is right, so it tells nothing to someone guessing.
                Disabled = true;
                return Page();
        }

        await HttpContext.SignInAsync(AccountService.Principal(attempt.User!));
        return LocalRedirect(LocalRedirects.Target(returnUrl));
    }
}
