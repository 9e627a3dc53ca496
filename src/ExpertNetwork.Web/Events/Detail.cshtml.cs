using ExpertNetwork.Events;
using ExpertNetwork.Experts;
using ExpertNetwork.Web.Experts;
using ExpertNetwork.Web.Localisation;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExpertNetwork.Web.Events;

// Another organiser's event id is a 404 because the store filters by owner; finding speakers is rate limited like matching.
[Authorize(Policy = Policies.Events)]
[EnableRateLimiting(RateLimitPolicies.Match)]
public sealed class DetailModel(EventStore events, SpeakerFinder finder, ExpertStore store, Texts texts) : PageModel
{
    public ConferenceEvent Event { get; private set; } = null!;

    public SpeakerList? Speakers { get; private set; }

    public string? Topic { get; private set; }

    public int Count { get; private set; } = 8;

    public int AbroadPercent { get; private set; } = 50;

    public int PerAffiliation { get; private set; } = 2;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostFindAsync(string id, string? topic, int? count, int? abroad, int? perAffiliation, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var request = new SpeakerRequest(topic, count, abroad / 100.0, perAffiliation);
        if (SpeakerLimits.Check(request).Count > 0)
        {
            return BadRequest();
        }

        (Topic, Count, AbroadPercent, PerAffiliation) = (topic, count ?? Count, abroad ?? 0, perAffiliation ?? PerAffiliation);
        Speakers = await finder.FindAsync(Event, request, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostInviteAsync(string id, string expertId, CancellationToken cancellationToken)
    {
        if (await ProfileAccess.FindVisibleAsync(store, User, expertId, cancellationToken) is null
            || !await events.InviteAsync(id, User.Id(), expertId, cancellationToken))
        {
            return NotFound();
        }

        TempData["Flash"] = texts["events.saved"];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostUpdateAsync(string id, string expertId, string? status, string? note, CancellationToken cancellationToken)
    {
        if (status is null || !InvitationStatuses.All.Contains(status) || note is { Length: > EventLimits.MaxNote })
        {
            return BadRequest();
        }

        if (!await events.UpdateInvitationAsync(id, User.Id(), expertId, status, note ?? "", cancellationToken))
        {
            return NotFound();
        }

        TempData["Flash"] = texts["events.saved"];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(string id, string expertId, CancellationToken cancellationToken) =>
        await events.RemoveInvitationAsync(id, User.Id(), expertId, cancellationToken) ? RedirectToPage(new { id }) : NotFound();

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var found = await events.GetAsync(id, User.Id(), cancellationToken);
        if (found is null)
        {
            return false;
        }

        Event = EventsApi.Redact(found, HttpContext);
        return true;
    }
}
