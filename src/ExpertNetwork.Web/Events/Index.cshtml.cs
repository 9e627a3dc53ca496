using ExpertNetwork.Events;
using ExpertNetwork.Experts;
using ExpertNetwork.Web.Localisation;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExpertNetwork.Web.Events;

// Organisers' (and admins') own events; the store filters every query by owner.
[Authorize(Policy = Policies.Events)]
public sealed class IndexModel(EventStore events, ExpertStore store, Texts texts) : PageModel
{
    public IReadOnlyList<EventSummary> Events { get; private set; } = [];

    public EventFormView Form { get; private set; } = null!;

    public bool Invalid { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Events = await events.ListAsync(User.Id(), cancellationToken);
        Form = await EventForm.ShowAsync("new-event", "", texts["events.create"], new NewEvent(null, null, null, [], []), [], store, User, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var request = EventForm.Read(Request.Form);
        var problems = await EventRules.CheckAsync(request, store, cancellationToken);
        if (problems.Count > 0)
        {
            Invalid = true;
            Events = await events.ListAsync(User.Id(), cancellationToken);
            Form = await EventForm.ShowAsync("new-event", "", texts["events.create"], request, problems, store, User, cancellationToken);
            return Page();
        }

        var id = await events.CreateAsync(
            User.Id(), request.Name!, EventRules.NullIfEmpty(request.StartsOn), EventRules.NullIfEmpty(request.EndsOn),
            EventRules.Clean(request.Topics), EventRules.Clean(request.OrganiserIds), cancellationToken);
        return RedirectToPage("/Events/Detail", new { id });
    }
}
