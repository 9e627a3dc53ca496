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

/// <summary>Several experts to invite at once; with <see cref="Send"/> each gets the invitation mail straight away.</summary>
public sealed record InvitationBatch(IReadOnlyList<string>? ExpertIds, bool Send = true);

public sealed record InvitationSent(string ExpertId, string Outcome);

/// <summary>A broken rule on an event: the field, a text key for the pages, its arguments, and the English the API answers with.</summary>
public sealed record EventProblem(string Field, string Key, string English, params string[] Arguments);

/// <summary>
/// The rules for an event: a name, real dates with the end not before the start, topics, and organisers that are
/// profiles in the directory. Organisers decide whose colleagues and co-authors cannot speak, so an id that names
/// nobody must be refused, not stored.
/// </summary>
internal static class EventRules
{
    public const int MaxName = 200;
    public const int MaxNote = 2000;
    public const int MaxTopics = 2000;
    public const int MaxOrganisers = 20;

    private static readonly char[] IdSeparators = [',', ';', ' ', '\t', '\r', '\n'];

    public static async Task<IReadOnlyList<EventProblem>> CheckAsync(NewEvent request, ExpertStore store, CancellationToken cancellationToken)
    {
        var problems = new List<EventProblem>();
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            problems.Add(new EventProblem("name", "events.error.nameRequired", "required"));
        }
        else if (request.Name.Trim().Length > MaxName)
        {
            problems.Add(new EventProblem("name", "events.error.nameTooLong", $"at most {MaxName} characters", MaxName.ToString(CultureInfo.InvariantCulture)));
        }

        var starts = Date(request.StartsOn, "startsOn", problems);
        var ends = Date(request.EndsOn, "endsOn", problems);
        if (starts is { } s && ends is { } e && e < s)
        {
            problems.Add(new EventProblem("endsOn", "events.error.endsBeforeStart", "must not be before startsOn"));
        }

        if (string.Join('\n', request.Topics ?? []).Length > MaxTopics || request.Topics?.Any(t => t.Contains('\n')) == true)
        {
            problems.Add(new EventProblem("topics", "events.error.topics", $"at most {MaxTopics} characters, one topic per item", MaxTopics.ToString(CultureInfo.InvariantCulture)));
        }

        var ids = Clean(request.OrganiserIds);
        if (ids.Count > MaxOrganisers || ids.Any(i => i.Length > 64))
        {
            problems.Add(new EventProblem("organiserIds", "events.error.organisersTooMany", $"at most {MaxOrganisers} expert ids", MaxOrganisers.ToString(CultureInfo.InvariantCulture)));
        }
        else if (ids.Count > 0)
        {
            var known = (await store.GetManyAsync(ids, cancellationToken)).Select(x => x.Expert.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var unknown in ids.Where(i => !known.Contains(i)))
            {
                problems.Add(new EventProblem("organiserIds", "events.error.organiserUnknown", $"no profile has the id '{unknown}'", unknown));
            }
        }

        return problems;
    }

    /// <summary>Organiser ids however they were typed: one per line, or separated by commas, semicolons or spaces.</summary>
    public static IReadOnlyList<string> SplitIds(IEnumerable<string?> values) =>
        Clean(values.SelectMany(v => (v ?? "").Split(IdSeparators, StringSplitOptions.RemoveEmptyEntries)).ToList());

    public static IReadOnlyList<string> Clean(IReadOnlyList<string>? items) =>
        (items ?? []).Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    public static Dictionary<string, string[]> ToValidation(IReadOnlyList<EventProblem> problems) =>
        problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.English).ToArray());

    public static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateOnly? Date(string? value, string field, List<EventProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add(new EventProblem(field, "events.error.date", "yyyy-MM-dd", value.Trim()));
        return null;
    }
}

internal static class EventsApi
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder routes)
    {
        // Organisers' (and admins') own events; every query names the owner, so another organiser's event id is a 404.
        var group = routes.MapGroup("/api/events").WithTags("Events").RequireAuthorization(Policies.Events).RequireAntiforgeryHeader();
        group.MapGet("/", ListAsync).WithSummary("The caller's events");
        group.MapPost("/", CreateAsync).WithSummary("Creates an event: name, dates (yyyy-MM-dd, the end not before the start), topics, organisers (ids of profiles in the directory)");
        group.MapGet("/{id}", GetAsync).WithSummary("One of the caller's events with its invitations");
        group.MapPut("/{id}", EditAsync).WithSummary("Replaces the event's name, dates, topics and organisers, with the same rules as creating it; invitations stay");
        group.MapDelete("/{id}", DeleteAsync).WithSummary("Deletes an event and its invitations");
        group.MapPost("/{id}/speakers", FindAsync).RequireRateLimiting(RateLimitPolicies.Match)
            .WithSummary("Speaker finder: ranked listed experts for a topic, conflicts of interest with the organisers excluded, at most N per affiliation, a minimum share from abroad");
        group.MapPost("/{id}/invitations", InviteManyAsync).RequireRateLimiting(RateLimitPolicies.Match)
            .WithSummary("Invites several experts at once; with send (the default) each gets a mail with a single-use link to accept or decline, or is marked unmailable (no contact consent or no address)");
        group.MapPost("/{id}/invitations/{expertId}/reminder", RemindAsync).RequireRateLimiting(RateLimitPolicies.Match)
            .WithSummary("Sends the one reminder for a mailed invitation still waiting for an answer; 409 when none may be sent");
        group.MapPut("/{id}/invitations/{expertId}", InviteAsync).WithSummary("Adds a draft invitation without mailing it (no change if already there)");
        group.MapPatch("/{id}/invitations/{expertId}", UpdateAsync).WithSummary("Sets the status (draft, invited, accepted, declined) and/or the note");
        group.MapDelete("/{id}/invitations/{expertId}", RemoveAsync).WithSummary("Removes an invitation");
        group.MapGet("/{id}/invitations.csv", ExportAsync).WithSummary("The invitations as CSV, safe to open in a spreadsheet");
        return routes;
    }

    private static async Task<Ok<IReadOnlyList<EventSummary>>> ListAsync(HttpContext context, EventStore events, CancellationToken cancellationToken) =>
        TypedResults.Ok(await events.ListAsync(context.User.Id(), cancellationToken));

    private static async Task<Results<Created<ConferenceEvent>, ValidationProblem>> CreateAsync(
        NewEvent request, HttpContext context, EventStore events, ExpertStore store, CancellationToken cancellationToken)
    {
        var problems = await EventRules.CheckAsync(request, store, cancellationToken);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(EventRules.ToValidation(problems));
        }

        var id = await events.CreateAsync(
            context.User.Id(), request.Name!, EventRules.NullIfEmpty(request.StartsOn), EventRules.NullIfEmpty(request.EndsOn),
            EventRules.Clean(request.Topics), EventRules.Clean(request.OrganiserIds), cancellationToken);
        return TypedResults.Created($"/api/events/{id}", await events.GetAsync(id, context.User.Id(), cancellationToken));
    }

    private static async Task<Results<Ok<ConferenceEvent>, NotFound, ValidationProblem>> EditAsync(
        string id, NewEvent request, HttpContext context, EventStore events, ExpertStore store, CancellationToken cancellationToken)
    {
        if (await events.GetAsync(id, context.User.Id(), cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var problems = await EventRules.CheckAsync(request, store, cancellationToken);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(EventRules.ToValidation(problems));
        }

        await events.UpdateAsync(
            id, context.User.Id(), request.Name!, EventRules.NullIfEmpty(request.StartsOn), EventRules.NullIfEmpty(request.EndsOn),
            EventRules.Clean(request.Topics), EventRules.Clean(request.OrganiserIds), cancellationToken);
        return TypedResults.Ok(Redact((await events.GetAsync(id, context.User.Id(), cancellationToken))!, context));
    }

    private static async Task<Results<Ok<IReadOnlyList<InvitationSent>>, NotFound, ValidationProblem>> InviteManyAsync(
        string id, InvitationBatch request, HttpContext context, EventStore events, InvitationMailer mailer, CancellationToken cancellationToken)
    {
        var ids = EventRules.Clean(request.ExpertIds);
        if (ids.Count is 0 or > 50)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["expertIds"] = ["between 1 and 50 expert ids"] });
        }

        var conference = await events.GetAsync(id, context.User.Id(), cancellationToken);
        if (conference is null)
        {
            return TypedResults.NotFound();
        }

        var outcomes = await mailer.InviteAsync(conference, context.User, ids, request.Send, context.Request, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<InvitationSent>>([.. outcomes.Select(o => new InvitationSent(o.ExpertId, o.Outcome.ToString()))]);
    }

    private static async Task<Results<NoContent, NotFound, Conflict<InvitationSent>>> RemindAsync(
        string id, string expertId, HttpContext context, EventStore events, InvitationMailer mailer, CancellationToken cancellationToken)
    {
        var conference = await events.GetAsync(id, context.User.Id(), cancellationToken);
        if (conference?.Invitations.FirstOrDefault(i => i.ExpertId == expertId) is null)
        {
            return TypedResults.NotFound();
        }

        var outcome = await mailer.SendAsync(conference, context.User, expertId, reminder: true, context.Request, cancellationToken);
        return outcome == InviteOutcome.Sent ? TypedResults.NoContent() : TypedResults.Conflict(new InvitationSent(expertId, outcome.ToString()));
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

        if (request.Note is { Length: > EventRules.MaxNote })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = [$"at most {EventRules.MaxNote} characters"] });
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
        var lines = new List<string> { "expert_id,full_name,affiliation,country,status,note,mail,sent_at,reminded_at,answered_at,answer_note" };
        lines.AddRange(conference.Invitations.Select(i => string.Join(',', new[]
        {
            i.ExpertId, i.FullName, i.Affiliation, i.Country, i.Status, i.Note, i.MailState, Stamp(i.SentAt), Stamp(i.RemindedAt), Stamp(i.AnsweredAt), i.AnswerNote,
        }.Select(Csv.Escape))));
        return string.Join("\r\n", lines) + "\r\n";
    }

    private static string? Stamp(DateTimeOffset? time) => time?.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    /// <summary>An invited expert who has since unlisted keeps the place, but only admins still see who it is.</summary>
    public static ConferenceEvent Redact(ConferenceEvent conference, HttpContext context) => context.User.IsAdmin()
        ? conference
        : conference with { Invitations = conference.Invitations.Select(i => i.Listed ? i : i with { FullName = "", Affiliation = null, Country = null, AnswerNote = null }).ToList() };

}
