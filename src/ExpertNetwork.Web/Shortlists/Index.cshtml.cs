using ExpertNetwork.Experts;
using ExpertNetwork.Shortlists;
using ExpertNetwork.Web.Experts;
using ExpertNetwork.Web.Localisation;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExpertNetwork.Web.Shortlists;

// Recruiters' (and admins') own lists; the store filters every query by owner.
[Authorize(Policy = Policies.Shortlists)]
public sealed class IndexModel(ShortlistStore shortlists, ExpertStore store, Texts texts) : PageModel
{
    public IReadOnlyList<ShortlistSummary> Shortlists { get; private set; } = [];

    public List<string> Errors { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Shortlists = await shortlists.ListAsync(User.Id(), cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(string? name, string? need, CancellationToken cancellationToken)
    {
        if (ShortlistLimits.CheckName(name) is not null || ShortlistLimits.CheckNeed(need) is not null)
        {
            Errors.Add("shortlists.name");
            Shortlists = await shortlists.ListAsync(User.Id(), cancellationToken);
            return Page();
        }

        var created = await shortlists.CreateAsync(User.Id(), name!, need, cancellationToken);
        return RedirectToPage("/Shortlists/Detail", new { id = created.Id });
    }

    public async Task<IActionResult> OnPostAddAsync(string shortlistId, string expertId, string? returnUrl, CancellationToken cancellationToken)
    {
        if (await ProfileAccess.FindVisibleAsync(store, User, expertId, cancellationToken) is not { } expert)
        {
            return NotFound();
        }

        var outcome = await shortlists.AddOrKeepAsync(shortlistId, User.Id(), expertId, User.ChangedBy(), cancellationToken);
        if (outcome == ShortlistAddOutcome.NotFound)
        {
            return NotFound();
        }

        var list = (await shortlists.ListAsync(User.Id(), cancellationToken)).First(s => s.Id == shortlistId).Name;
        TempData["Flash"] = texts.Format(outcome == ShortlistAddOutcome.Added ? "shortlist.addedTo" : "shortlist.alreadyThere", expert.FullName, list);
        return LocalRedirect(LocalRedirects.Target(returnUrl, $"/shortlists/{Uri.EscapeDataString(shortlistId)}"));
    }
}
