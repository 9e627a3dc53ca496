using ExpertNetwork.Events;
using ExpertNetwork.Experts;
using ExpertNetwork.Web.Localisation;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExpertNetwork.Web.Events;

// Another organiser's event id is a 404 because the store filters by owner; finding speakers and mailing invitations are rate limited like matching.
[Authorize(Policy = Policies.Events)]
[EnableRateLimiting(RateLimitPolicies.Match)]
public sealed class DetailModel(EventStore events, SpeakerFinder finder, InvitationMailer mailer, ExpertStore store, Texts texts) : PageModel
{
    public ConferenceEvent Event { get; private set; } = null!;

    public IReadOnlyList<OrganiserView> Organisers { get; private set; } = [];

    public EventFormView Form { get; private set; } = null!;

    /// <summary>Open the edit form when it was just refused, so the problems are in view.</summary>
    public bool Editing { get; private set; }

    public SpeakerList? Speakers { get; private set; }

    public string? Topic { get; private set; }

    public int Count { get; private set; } = 8;

    public int AbroadPercent { get; private set; } = 50;

    public int PerAffiliation { get; private set; } = 2;

    /// <summary>What the last invitation round did, shown above the speaker list, which stays as it was.</summary>
    public IReadOnlyList<string> InviteMessages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostEditAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var request = EventForm.Read(Request.Form);
        var problems = await EventRules.CheckAsync(request, store, cancellationToken);
        if (problems.Count > 0)
        {
            Editing = true;
            Form = await EventForm.ShowAsync("edit-event", "Edit", texts["events.save"], request, problems, store, User, cancellationToken);
            return Page();
        }

        await events.UpdateAsync(
            id, User.Id(), request.Name!, EventRules.NullIfEmpty(request.StartsOn), EventRules.NullIfEmpty(request.EndsOn),
            EventRules.Clean(request.Topics), EventRules.Clean(request.OrganiserIds), cancellationToken);
        TempData["Flash"] = texts["events.updated"];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostFindAsync(string id, string? topic, int? count, int? abroad, int? perAffiliation, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        return await FindAsync(topic, count, abroad, perAffiliation, cancellationToken) ? Page() : BadRequest();
    }

    /// <summary>Invites the ticked candidates at once, mails each, and shows the same speaker list again with what happened.</summary>
    public async Task<IActionResult> OnPostInviteAsync(
        string id, string? topic, int? count, int? abroad, int? perAffiliation, List<string> expertIds, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var chosen = EventRules.Clean(expertIds);
        if (chosen.Count is > 50)
        {
            return BadRequest();
        }

        var results = chosen.Count == 0 ? [] : await mailer.InviteAsync(Event, User, chosen, send: true, Request, cancellationToken);
        InviteMessages = Summarise(results);
        await LoadAsync(id, cancellationToken);
        return await FindAsync(topic, count, abroad, perAffiliation, cancellationToken) ? Page() : BadRequest();
    }

    public async Task<IActionResult> OnPostSendAsync(string id, string expertId, CancellationToken cancellationToken) =>
        await MailOneAsync(id, expertId, reminder: false, cancellationToken);

    public async Task<IActionResult> OnPostRemindAsync(string id, string expertId, CancellationToken cancellationToken) =>
        await MailOneAsync(id, expertId, reminder: true, cancellationToken);

    public async Task<IActionResult> OnPostUpdateAsync(string id, string expertId, string? status, string? note, CancellationToken cancellationToken)
    {
        if (status is null || !InvitationStatuses.All.Contains(status) || note is { Length: > EventRules.MaxNote })
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

    public async Task<IActionResult> OnPostDeleteAsync(string id, string? confirm, CancellationToken cancellationToken)
    {
        if (confirm != "on")
        {
            TempData["Flash"] = texts["events.delete.confirmNeeded"];
            return RedirectToPage(new { id });
        }

        if (!await events.DeleteAsync(id, User.Id(), cancellationToken))
        {
            return NotFound();
        }

        TempData["Flash"] = texts["events.deleted"];
        return RedirectToPage("/Events/Index");
    }

    public bool Invited(string expertId) => Event.Invitations.Any(i => i.ExpertId == expertId);

    private async Task<IActionResult> MailOneAsync(string id, string expertId, bool reminder, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !Invited(expertId))
        {
            return NotFound();
        }

        var outcome = await mailer.SendAsync(Event, User, expertId, reminder, Request, cancellationToken);
        TempData["Flash"] = texts[(reminder ? "events.remind." : "events.send.") + outcome];
        return RedirectToPage(new { id });
    }

    private IReadOnlyList<string> Summarise(IReadOnlyList<InviteResult> results)
    {
        var messages = new List<string>();
        foreach (var group in results.GroupBy(r => r.Outcome).OrderBy(g => g.Key))
        {
            messages.Add(texts.Format("events.invited." + group.Key, group.Count()));
        }

        return messages;
    }

    private async Task<bool> FindAsync(string? topic, int? count, int? abroad, int? perAffiliation, CancellationToken cancellationToken)
    {
        var request = new SpeakerRequest(topic, count, abroad / 100.0, perAffiliation);
        if (SpeakerLimits.Check(request).Count > 0)
        {
            return false;
        }

        (Topic, Count, AbroadPercent, PerAffiliation) = (topic, count ?? Count, abroad ?? 0, perAffiliation ?? PerAffiliation);
        Speakers = await finder.FindAsync(Event, request, cancellationToken);
        return true;
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var found = await events.GetAsync(id, User.Id(), cancellationToken);
        if (found is null)
        {
            return false;
        }

        Event = EventsApi.Redact(found, HttpContext);
        Organisers = await OrganiserViews.LoadAsync(store, User, found.OrganiserIds, cancellationToken);
        Form = await EventForm.ShowAsync(
            "edit-event", "Edit", texts["events.save"], new NewEvent(found.Name, found.StartsOn, found.EndsOn, found.Topics, found.OrganiserIds), [], store, User, cancellationToken);
        return true;
    }
}
