using ExpertNetwork.Accounts;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExpertNetwork.Web.Accounts;

// Anyone may register, and only ever as a researcher; the sign-in limit also slows account farming.
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public sealed class RegisterModel(AccountService accounts) : PageModel
{
    public string? DisplayName { get; private set; }

    public string? Email { get; private set; }

    public List<string> Errors { get; } = [];

    public int MinimumPasswordLength => accounts.MinimumPasswordLength;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? displayName, string? email, string? password, string? confirm, CancellationToken cancellationToken)
    {
        DisplayName = displayName;
        Email = email;
        if (password != confirm)
        {
            Errors.Add("register.mismatch");
            return Page();
        }

        var result = await accounts.CreateAsync(email ?? "", displayName, Roles.Researcher, password ?? "", cancellationToken);
        if (result.Error is { } error)
        {
            Errors.Add("error." + error);
            return Page();
        }

        await HttpContext.SignInAsync(AccountService.Principal(result.User!));
        return LocalRedirect("/");
    }
}
