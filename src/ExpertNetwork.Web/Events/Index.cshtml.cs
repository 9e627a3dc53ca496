using ExpertNetwork.Events;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExpertNetwork.Web.Events;

// Organisers' (and admins') own events; the store filters every query by owner.
[Authorize(Policy = Policies.Events)]
public sealed class IndexModel(EventStore events) : PageModel
{
    public IReadOnlyList<EventSummary> Events { get; private set; } = [];

    public bool Invalid { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Events = await events.ListAsync(User.Id(), cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? name, string? startsOn, string? endsOn, string? topics, string? organisers, CancellationToken cancellationToken)
    {
        var request = new NewEvent(name, startsOn, endsOn, Lines(topics), Lines(organisers));
        if (EventLimits.Check(request).Count > 0)
        {
            Invalid = true;
            Events = await events.ListAsync(User.Id(), cancellationToken);
            return Page();
        }

        var id = await events.CreateAsync(User.Id(), name!, Blank(startsOn), Blank(endsOn), EventLimits.Clean(request.Topics), EventLimits.Clean(request.OrganiserIds), cancellationToken);
        return RedirectToPage("/Events/Detail", new { id });
    }

    private static IReadOnlyList<string> Lines(string? text) => (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
