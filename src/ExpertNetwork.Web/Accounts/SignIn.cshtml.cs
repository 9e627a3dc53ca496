using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExpertNetwork.Web.Accounts;

// Open to everyone by nature; attempts are rate limited per client address against password guessing.
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public sealed class SignInModel(AccountService accounts) : PageModel
{
    public string? ReturnUrl { get; private set; }

    public string? Email { get; private set; }

    public bool Failed { get; private set; }

    public bool Disabled { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? email, string? password, string? returnUrl, CancellationToken cancellationToken)
    {
        ReturnUrl = returnUrl;
        Email = email;
        var user = await accounts.VerifyAsync(email ?? "", password ?? "", cancellationToken);
        if (user is null)
        {
            Failed = true;
            return Page();
        }

        // Said only once the password is right, so it tells nothing to someone guessing.
        if (user.IsDisabled)
        {
            Disabled = true;
            return Page();
        }

        await HttpContext.SignInAsync(AccountService.Principal(user));
        return LocalRedirect(LocalRedirects.Target(returnUrl));
    }
}
