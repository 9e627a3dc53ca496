using System.Security.Claims;
using ExpertNetwork.Experts;

namespace ExpertNetwork.Web.Events;

/// <summary>The event form as posted: organisers ticked in the picker plus any ids typed by hand, however separated.</summary>
internal static class EventForm
{
    public static NewEvent Read(IFormCollection form) => new(
        form["name"].ToString(),
        form["startsOn"].ToString(),
        form["endsOn"].ToString(),
        form["topics"].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        EventRules.SplitIds([.. form["organisers"], .. form["organiserIds"]]));

    /// <summary>The form shown again after a refusal: organisers that exist stay ticked, ids that name nobody go back to the text box.</summary>
    public static async Task<EventFormView> ShowAsync(
        string formId, string handler, string submit, NewEvent input, IReadOnlyList<EventProblem> problems, ExpertStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var organisers = await OrganiserViews.LoadAsync(store, user, input.OrganiserIds ?? [], cancellationToken);
        return new EventFormView(
            formId, handler, submit, input.Name, input.StartsOn, input.EndsOn, string.Join('\n', input.Topics ?? []),
            new OrganiserPicker(formId + "-organisers", [.. organisers.Where(o => o.Exists)], string.Join(", ", organisers.Where(o => !o.Exists).Select(o => o.Id))),
            problems.ToLookup(p => p.Field));
    }
}
