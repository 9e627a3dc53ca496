using System.Globalization;
using System.Text;
using ExpertNetwork.Events;
using ExpertNetwork.Experts;
using ExpertNetwork.Web.Experts;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExpertNetwork.Web.Events;

public sealed record NewEvent(string? Name, string? StartsOn, string? EndsOn, IReadOnlyList<string>? Topics, IReadOnlyList<string>? OrganiserIds);

public sealed record InvitationChange(string? Status, string? Note);

internal static class EventLimits
{
    public const int MaxName = 200;
    public const int MaxNote = 2000;

    public static Dictionary<string, string[]> Check(NewEvent request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > MaxName)
        {
            errors["name"] = [$"required, at most {MaxName} characters"];
        }

        foreach (var (key, value) in new[] { ("startsOn", request.StartsOn), ("endsOn", request.EndsOn) })
        {
            if (!string.IsNullOrEmpty(value) && !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                errors[key] = ["yyyy-MM-dd"];
            }
        }

        if (string.Join('\n', request.Topics ?? []).Length > 2000 || request.Topics?.Any(t => t.Contains('\n')) == true)
        {
            errors["topics"] = ["at most 2000 characters, one topic per item"];
        }

        if ((request.OrganiserIds ?? []).Count > 20 || request.OrganiserIds?.Any(i => i.Length is 0 or > 64 || i.Contains('\n')) == true)
        {
            errors["organiserIds"] = ["at most 20 expert ids"];
        }

        return errors;
    }

    public static IReadOnlyList<string> Clean(IReadOnlyList<string>? items) =>
        (items ?? []).Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToList();
}

internal static class EventsApi
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder routes)
    {
        // Organisers' (and admins') own events; every query names the owner, so another organiser's event id is a 404.
        var group = routes.MapGroup("/api/events").WithTags("Events").RequireAuthorization(Policies.Events).RequireAntiforgeryHeader();
        group.MapGet("/", ListAsync).WithSummary("The caller's events");
        group.MapPost("/", CreateAsync).WithSummary("Creates an event: name, dates (yyyy-MM-dd), topics, organisers (expert ids)");
        group.MapGet("/{id}", GetAsync).WithSummary("One of the caller's events with its invitations");
        group.MapDelete("/{id}", DeleteAsync).WithSummary("Deletes an event and its invitations");
        group.MapPost("/{id}/speakers", FindAsync).RequireRateLimiting(RateLimitPolicies.Match)
            .WithSummary("Speaker finder: ranked listed experts for a topic, conflicts of interest with the organisers excluded, at most N per affiliation, a minimum share from abroad");
        group.MapPut("/{id}/invitations/{expertId}", InviteAsync).WithSummary("Adds a draft invitation (no change if already there)");
        group.MapPatch("/{id}/invitations/{expertId}", UpdateAsync).WithSummary("Sets the status (draft, invited, accepted, declined) and/or the note");
        group.MapDelete("/{id}/invitations/{expertId}", RemoveAsync).WithSummary("Removes an invitation");
        group.MapGet("/{id}/invitations.csv", ExportAsync).WithSummary("The invitations as CSV, safe to open in a spreadsheet");
        return routes;
    }

    private static async Task<Ok<IReadOnlyList<EventSummary>>> ListAsync(HttpContext context, EventStore events, CancellationToken cancellationToken) =>
        TypedResults.Ok(await events.ListAsync(context.User.Id(), cancellationToken));

    private static async Task<Results<Created<ConferenceEvent>, ValidationProblem>> CreateAsync(NewEvent request, HttpContext context, EventStore events, CancellationToken cancellationToken)
    {
        var errors = EventLimits.Check(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var id = await events.CreateAsync(
            context.User.Id(), request.Name!, NullIfEmpty(request.StartsOn), NullIfEmpty(request.EndsOn), EventLimits.Clean(request.Topics), EventLimits.Clean(request.OrganiserIds), cancellationToken);
        return TypedResults.Created($"/api/events/{id}", await events.GetAsync(id, context.User.Id(), cancellationToken));
    }

    private static async Task<Results<Ok<ConferenceEvent>, NotFound>> GetAsync(string id, HttpContext context, EventStore events, CancellationToken cancellationToken) =>
        await events.GetAsync(id, context.User.Id(), cancellationToken) is { } found ? TypedResults.Ok(Redact(found, context)) : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(string id, HttpContext context, EventStore events, CancellationToken cancellationToken) =>
        await events.DeleteAsync(id, context.User.Id(), cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<SpeakerList>, NotFound, ValidationProblem>> FindAsync(
        string id, SpeakerRequest request, HttpContext context, EventStore events, SpeakerFinder finder, CancellationToken cancellationToken)
    {
        var conference = await events.GetAsync(id, context.User.Id(), cancellationToken);
        if (conference is null)
        {
            return TypedResults.NotFound();
        }

        var errors = SpeakerLimits.Check(request);
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(await finder.FindAsync(conference, request, cancellationToken));
    }

    private static async Task<Results<NoContent, NotFound>> InviteAsync(string id, string expertId, HttpContext context, EventStore events, ExpertStore store, CancellationToken cancellationToken)
    {
        // An expert the caller may not see cannot be invited: that would confirm the hidden profile exists.
        if (await ProfileAccess.FindVisibleAsync(store, context.User, expertId, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        return await events.InviteAsync(id, context.User.Id(), expertId, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> UpdateAsync(
        string id, string expertId, InvitationChange request, HttpContext context, EventStore events, CancellationToken cancellationToken)
    {
        if (request.Status is not null && !InvitationStatuses.All.Contains(request.Status))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [string.Join(", ", InvitationStatuses.All)] });
        }

        if (request.Note is { Length: > EventLimits.MaxNote })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = [$"at most {EventLimits.MaxNote} characters"] });
        }

        return await events.UpdateInvitationAsync(id, context.User.Id(), expertId, request.Status, request.Note, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static async Task<Results<NoContent, NotFound>> RemoveAsync(string id, string expertId, HttpContext context, EventStore events, CancellationToken cancellationToken) =>
        await events.RemoveInvitationAsync(id, context.User.Id(), expertId, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<FileContentHttpResult, NotFound>> ExportAsync(string id, HttpContext context, EventStore events, CancellationToken cancellationToken)
    {
        var conference = await events.GetAsync(id, context.User.Id(), cancellationToken);
        if (conference is null)
        {
            return TypedResults.NotFound();
        }

        var csv = InvitationCsv(Redact(conference, context));
        // A byte-order mark so Excel opens Vietnamese text as UTF-8.
        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", "invitations.csv");
    }

    public static string InvitationCsv(ConferenceEvent conference)
    {
        var lines = new List<string> { "expert_id,full_name,affiliation,country,status,note" };
        lines.AddRange(conference.Invitations.Select(i => string.Join(',', new[] { i.ExpertId, i.FullName, i.Affiliation, i.Country, i.Status, i.Note }.Select(Csv.Escape))));
        return string.Join("\r\n", lines) + "\r\n";
    }

    /// <summary>An invited expert who has since unlisted keeps the place, but only admins still see who it is.</summary>
    public static ConferenceEvent Redact(ConferenceEvent conference, HttpContext context) => context.User.IsAdmin()
        ? conference
        : conference with { Invitations = conference.Invitations.Select(i => i.Listed ? i : i with { FullName = "", Affiliation = null, Country = null }).ToList() };

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
