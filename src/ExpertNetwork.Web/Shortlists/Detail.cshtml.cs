using ExpertNetwork.Shortlists;
using ExpertNetwork.Web.Localisation;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExpertNetwork.Web.Shortlists;

// Recruiters' (and admins') own lists; another user's list id is a 404 because the store filters by owner.
[Authorize(Policy = Policies.Shortlists)]
public sealed class DetailModel(ShortlistStore shortlists, Texts texts) : PageModel
{
    public ShortlistView Shortlist { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var shortlist = await shortlists.GetAsync(id, User.Id(), cancellationToken);
        if (shortlist is null)
        {
            return NotFound();
        }

        Shortlist = ShortlistView.From(shortlist, User);
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(string id, string expertId, string? status, string? note, CancellationToken cancellationToken)
    {
        if (!ShortlistStatuses.TryParse(status, out var parsed) || ShortlistLimits.CheckNote(note) is not null)
        {
            return BadRequest();
        }

        if (!await shortlists.UpdateAsync(id, User.Id(), expertId, parsed, note ?? "", User.ChangedBy(), cancellationToken))
        {
            return NotFound();
        }

        TempData["Flash"] = texts["shortlist.saved"];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(string id, string expertId, CancellationToken cancellationToken)
    {
        if (!await shortlists.RemoveAsync(id, User.Id(), expertId, cancellationToken))
        {
            return NotFound();
        }

        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (!await shortlists.DeleteAsync(id, User.Id(), cancellationToken))
        {
            return NotFound();
        }

        return RedirectToPage("/Shortlists/Index");
    }
}
