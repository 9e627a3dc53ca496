using ExpertNetwork.Web.Localisation;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExpertNetwork.Web.Accounts;

// Anyone may register, and only ever as a researcher, and only through a link mailed to the address; the sign-in limit also slows account farming.
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public sealed class RegisterModel(SelfRegistration registration, AccountService accounts) : PageModel
{
    public string? DisplayName { get; private set; }

    public string? Email { get; private set; }

    public List<string> Errors { get; } = [];

    /// <summary>Where the link went, once it went; the same answer for an address with or without an account.</summary>
    public string? SentTo { get; private set; }

    public bool Open => registration.Open;

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

        var language = Texts.IsEnglish ? Texts.English : Texts.Vietnamese;
        var result = await registration.RegisterAsync(email ?? "", displayName, password ?? "", Request, language, cancellationToken);
        switch (result.Outcome)
        {
            case RegistrationOutcome.Sent:
                SentTo = email!.Trim();
                break;
            case RegistrationOutcome.Invalid:
                Errors.Add("error." + result.Error);
                break;
            default:
                Errors.Add("register." + result.Outcome);
                break;
        }

        return Page();
    }
}
