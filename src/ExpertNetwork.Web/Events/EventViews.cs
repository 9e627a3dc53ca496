using System.Security.Claims;
using ExpertNetwork.Experts;
using ExpertNetwork.Web.Security;

namespace ExpertNetwork.Web.Events;

/// <summary>An organiser as the event page shows them: a listed profile by name, an unlisted one only to admins.</summary>
public sealed record OrganiserView(string Id, string? FullName, bool Listed, bool Exists);

/// <summary>The organiser picker: the organisers chosen so far, and ids typed by hand that did not check out.</summary>
public sealed record OrganiserPicker(string Id, IReadOnlyList<OrganiserView> Chosen, string TypedIds);

/// <summary>What the event form shows: the values as they stand, and the problems by field.</summary>
public sealed record EventFormView(
    string FormId, string Handler, string Submit, string? Name, string? StartsOn, string? EndsOn, string Topics, OrganiserPicker Organisers,
    ILookup<string, EventProblem> Problems);

internal static class OrganiserViews
{
    public static async Task<IReadOnlyList<OrganiserView>> LoadAsync(ExpertStore store, ClaimsPrincipal user, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var found = (await store.GetManyAsync(ids, cancellationToken)).ToDictionary(s => s.Expert.Id, s => s.Expert, StringComparer.Ordinal);
        return ids.Select(id => found.TryGetValue(id, out var expert)
            ? new OrganiserView(id, expert.Consent.Listed || user.IsAdmin() ? expert.FullName : null, expert.Consent.Listed, true)
            : new OrganiserView(id, null, false, false)).ToList();
    }
}
