using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExpertNetwork.Web.Accounts;

// Opened from the registration mail, before there is an account to sign in with.
[AllowAnonymous]
public sealed class ActivateModel(SelfRegistration registration) : PageModel
{
    public ActivationOutcome Outcome { get; private set; }

    public async Task OnGetAsync(string? token, CancellationToken cancellationToken) =>
        Outcome = await registration.ActivateAsync(token ?? "", cancellationToken);
}
