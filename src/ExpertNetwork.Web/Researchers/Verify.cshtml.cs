using ExpertNetwork.Researchers;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExpertNetwork.Web.Researchers;

// The emailed link: it only binds the profile for the signed-in researcher who asked for it.
[Authorize(Policy = Policies.Researcher)]
public sealed class VerifyModel(ResearcherProfiles profiles) : PageModel
{
    public ClaimOutcome Outcome { get; private set; }

    public async Task OnGetAsync(string? token, CancellationToken cancellationToken) =>
        Outcome = (await profiles.VerifyAsync(User, token ?? "", cancellationToken)).Outcome;
}
