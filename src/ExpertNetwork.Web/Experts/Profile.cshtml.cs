using ExpertNetwork.Experts;
using ExpertNetwork.Shortlists;
using ExpertNetwork.Web.Localisation;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExpertNetwork.Web.Experts;

// Profiles are personal data: only the staff roles read them.
[Authorize(Policy = Policies.Directory)]
public sealed class ProfileModel(ExpertStore store, ExpertDirectory directory, ShortlistStore shortlists, Texts texts) : PageModel
{
    public Expert Expert { get; private set; } = null!;

    public IReadOnlyList<ShortlistSummary> Shortlists { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var expert = await ProfileAccess.FindVisibleAsync(store, User, id, cancellationToken);
        if (expert is null)
        {
            return NotFound();
        }

        Expert = expert;
        if (User.MayUseShortlists())
        {
            Shortlists = await shortlists.ListAsync(User.Id(), cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostUnlistAsync(string id, CancellationToken cancellationToken)
    {
        if (!User.IsAdmin())
        {
            return Forbid();
        }

        if (!await Unlisting.UnlistAsync(directory, User, id, cancellationToken))
        {
            return NotFound();
        }

        TempData["Flash"] = texts["profile.listingChanged"];
        return RedirectToPage(new { id });
    }
}
