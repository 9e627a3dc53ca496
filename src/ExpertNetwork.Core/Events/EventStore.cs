using System.Security.Cryptography;
using System.Text;
using Dapper;
using ExpertNetwork.Storage;

namespace ExpertNetwork.Events;

public static class InvitationStatuses
{
    public const string Draft = "draft";
    public const string Invited = "invited";
    public const string Accepted = "accepted";
    public const string Declined = "declined";

    public static readonly IReadOnlyList<string> All = [Draft, Invited, Accepted, Declined];
}

/// <summary>What happened to an invitation's mail: sent with a link, not possible (no consent or no address), or failed to send.</summary>
public static class InvitationMail
{
    public const string Sent = "sent";
    public const string Unmailable = "unmailable";
    public const string Failed = "failed";
}

public sealed record EventSummary(string Id, string Name, string? StartsOn, string? EndsOn, int Invitations);

public sealed record Invitation(string ExpertId, string FullName, string? Affiliation, string? Country, bool Listed, string Status, string? Note, DateTimeOffset AddedAt)
{
    /// <summary>One of <see cref="InvitationMail"/>, or null while nothing was tried.</summary>
    public string? MailState { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public DateTimeOffset? RemindedAt { get; init; }

    /// <summary>When the speaker answered through the emailed link.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    public string? AnswerNote { get; init; }

    public bool MayRemind => MailState == InvitationMail.Sent && RemindedAt is null && AnsweredAt is null && Status == InvitationStatuses.Invited;
}

/// <summary>An invitation as its emailed link sees it: the event, the invited expert and the answer so far.</summary>
public sealed record InvitationTicket(
    string EventId, string EventName, string? StartsOn, string? EndsOn, IReadOnlyList<string> Topics,
    string ExpertId, string ExpertName, string Status, string? Language, DateTimeOffset? SentAt, DateTimeOffset? AnsweredAt, string? AnswerNote);

/// <summary>An ICISE event; topics and organisers (expert ids from the directory) are short lists kept one per line.</summary>
public sealed record ConferenceEvent(
    string Id,
    string OwnerId,
    string Name,
    string? StartsOn,
    string? EndsOn,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> OrganiserIds,
    IReadOnlyList<Invitation> Invitations);

/// <summary>
/// Organisers' events and their invitations. Like shortlists, every read and write names the owner, so
/// another organiser's event is indistinguishable from a missing one.
/// </summary>
public sealed class EventStore(Database database, TimeProvider clock)
{
    public async Task<string> CreateAsync(
        string ownerId, string name, string? startsOn, string? endsOn, IReadOnlyList<string> topics, IReadOnlyList<string> organiserIds,
        CancellationToken cancellationToken = default)
    {
        var id = Guid.NewGuid().ToString("N");
        var (trimmedName, topicLines, organiserLines) = (name.Trim(), string.Join('\n', topics), string.Join('\n', organiserIds));
        StoredText.Check("event name", trimmedName, MaxName);
        StoredText.Check("event topics", topicLines, MaxLines);
        StoredText.Check("event organisers", organiserLines, MaxLines);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(InsertEventSql, new
        {
            Id = id, OwnerId = ownerId, Name = trimmedName, StartsOn = startsOn, EndsOn = endsOn,
            Topics = topicLines, OrganiserIds = organiserLines, Now = clock.GetUtcNow().ToString("O"),
        }, cancellationToken: cancellationToken));
        return id;
    }

    /// <summary>Replaces the event's details; invitations stay. False when the event is not the owner's.</summary>
    public async Task<bool> UpdateAsync(
        string id, string ownerId, string name, string? startsOn, string? endsOn, IReadOnlyList<string> topics, IReadOnlyList<string> organiserIds,
        CancellationToken cancellationToken = default)
    {
        var (trimmedName, topicLines, organiserLines) = (name.Trim(), string.Join('\n', topics), string.Join('\n', organiserIds));
        StoredText.Check("event name", trimmedName, MaxName);
        StoredText.Check("event topics", topicLines, MaxLines);
        StoredText.Check("event organisers", organiserLines, MaxLines);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(UpdateEventSql, new
        {
            Id = id, OwnerId = ownerId, Name = trimmedName, StartsOn = startsOn, EndsOn = endsOn,
            Topics = topicLines, OrganiserIds = organiserLines, Now = clock.GetUtcNow().ToString("O"),
        }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<IReadOnlyList<EventSummary>> ListAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SummaryRow>(new CommandDefinition(ListEventsSql, new { OwnerId = ownerId }, cancellationToken: cancellationToken));
        return rows.Select(r => new EventSummary(r.Id, r.Name, r.StartsOn, r.EndsOn, (int)r.Invitations)).ToList();
    }

    public async Task<ConferenceEvent?> GetAsync(string id, string ownerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var head = await connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition(SelectEventSql, new { Id = id, OwnerId = ownerId }, cancellationToken: cancellationToken));
        if (head is null)
        {
            return null;
        }

        var invitations = await connection.QueryAsync<InvitationRow>(new CommandDefinition(SelectInvitationsSql, new { Id = id }, cancellationToken: cancellationToken));
        return new ConferenceEvent(
            head.Id, head.OwnerId, head.Name, head.StartsOn, head.EndsOn, Lines(head.Topics), Lines(head.OrganiserIds),
            invitations.Select(i => new Invitation(i.ExpertId, i.FullName, i.Affiliation, i.Country, i.Listed, i.Status, i.Note, DateTimeOffset.Parse(i.AddedAt))
            {
                MailState = i.MailState, SentAt = Time(i.SentAt), RemindedAt = Time(i.RemindedAt), AnsweredAt = Time(i.AnsweredAt), AnswerNote = i.AnswerNote,
            }).ToList());
    }

    public async Task<bool> DeleteAsync(string id, string ownerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteEventSql, new { Id = id, OwnerId = ownerId }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Adds a draft invitation; adding one already there changes nothing. False when the event is not the owner's.</summary>
    public async Task<bool> InviteAsync(string id, string ownerId, string expertId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (!await OwnsAsync(connection, id, ownerId, cancellationToken))
        {
            return false;
        }

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertInvitationSql, new
            {
                Id = id, ExpertId = expertId, Status = InvitationStatuses.Draft, Now = clock.GetUtcNow().ToString("O"),
            }, cancellationToken: cancellationToken));
        }
        catch (System.Data.Common.DbException e) when (StoreErrors.IsDuplicateKey(e))
        {
            // Already invited (perhaps by a request racing this one): nothing changes.
        }

        return true;
    }

    /// <summary>Sets the status and/or note; false when the event is not the owner's or the expert is not invited.</summary>
    public async Task<bool> UpdateInvitationAsync(string id, string ownerId, string expertId, string? status, string? note, CancellationToken cancellationToken = default)
    {
        StoredText.CheckOptional("invitation note", note, MaxNote);
        await using var connection = await database.OpenAsync(cancellationToken);
        if (!await OwnsAsync(connection, id, ownerId, cancellationToken))
        {
            return false;
        }

        var now = clock.GetUtcNow().ToString("O");
        var changed = await connection.ExecuteAsync(new CommandDefinition(UpdateInvitationSql, new { Id = id, ExpertId = expertId, Status = status, Note = note, Now = now }, cancellationToken: cancellationToken));
        return changed > 0;
    }

    public async Task<bool> RemoveInvitationAsync(string id, string ownerId, string expertId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (!await OwnsAsync(connection, id, ownerId, cancellationToken))
        {
            return false;
        }

        return await connection.ExecuteAsync(new CommandDefinition(DeleteInvitationSql, new { Id = id, ExpertId = expertId }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>
    /// A new single-use link for the invitation, marked sent in <paramref name="language"/>: the first mail when
    /// <paramref name="reminder"/> is false, else the one reminder, which replaces the first link. Null when the
    /// invitation is not the owner's or not in a state for that mail (already sent, answered, or already reminded).
    /// Only the token's hash is kept.
    /// </summary>
    public async Task<string?> IssueLinkAsync(string id, string ownerId, string expertId, string language, bool reminder, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (!await OwnsAsync(connection, id, ownerId, cancellationToken))
        {
            return null;
        }

        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        var changed = await connection.ExecuteAsync(new CommandDefinition(reminder ? RemindSql : SendSql, new
        {
            Id = id, ExpertId = expertId, TokenHash = HashToken(token), Language = language, Now = clock.GetUtcNow().ToString("O"),
            Invited = InvitationStatuses.Invited, Sent = InvitationMail.Sent,
        }, cancellationToken: cancellationToken));
        return changed > 0 ? token : null;
    }

    /// <summary>Records that no mail went out (no consent, no address, or the server refused) and drops any link.</summary>
    public async Task<bool> MarkNotMailedAsync(string id, string ownerId, string expertId, string mailState, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (!await OwnsAsync(connection, id, ownerId, cancellationToken))
        {
            return false;
        }

        return await connection.ExecuteAsync(new CommandDefinition(NotMailedSql, new
        {
            Id = id, ExpertId = expertId, MailState = mailState, Draft = InvitationStatuses.Draft, Invited = InvitationStatuses.Invited, Now = clock.GetUtcNow().ToString("O"),
        }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>The invitation a link belongs to, whoever opens it; null for a token that was never issued or was replaced.</summary>
    public async Task<InvitationTicket?> FindByTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        if (token.Length is 0 or > 128)
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TicketRow>(new CommandDefinition(SelectTicketSql, new { TokenHash = HashToken(token) }, cancellationToken: cancellationToken));
        return row is null
            ? null
            : new InvitationTicket(
                row.EventId, row.EventName, row.StartsOn, row.EndsOn, Lines(row.Topics), row.ExpertId, row.ExpertName, row.Status, row.MailLanguage,
                Time(row.SentAt), Time(row.AnsweredAt), row.AnswerNote);
    }

    /// <summary>
    /// The speaker's answer through the link: accepted or declined, with an optional note. The link answers once:
    /// false when it is unknown or the invitation is no longer waiting for an answer.
    /// </summary>
    public async Task<bool> AnswerAsync(string token, bool accept, string? note, CancellationToken cancellationToken = default)
    {
        if (token.Length is 0 or > 128)
        {
            return false;
        }

        note = string.IsNullOrWhiteSpace(note) ? null : StoredText.Check("answer note", note.Trim(), MaxNote);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(AnswerSql, new
        {
            TokenHash = HashToken(token), Status = accept ? InvitationStatuses.Accepted : InvitationStatuses.Declined,
            Note = note, Now = clock.GetUtcNow().ToString("O"), Invited = InvitationStatuses.Invited,
        }, cancellationToken: cancellationToken)) > 0;
    }

    public static string HashToken(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();

    private static DateTimeOffset? Time(string? value) => value is null ? null : DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Column widths on SQL Server (events.name, events.topics and organiser_ids, event_invitations.note), enforced on both engines.</summary>
    public const int MaxName = 200;
    public const int MaxLines = 2000;
    public const int MaxNote = 2000;

    private static async Task<bool> OwnsAsync(System.Data.Common.DbConnection connection, string id, string ownerId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountOwnedSql, new { Id = id, OwnerId = ownerId }, cancellationToken: cancellationToken)) > 0;

    private static IReadOnlyList<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private const string InsertEventSql = """
        INSERT INTO events (id, owner_id, name, starts_on, ends_on, topics, organiser_ids, created_at, updated_at)
        VALUES (@Id, @OwnerId, @Name, @StartsOn, @EndsOn, @Topics, @OrganiserIds, @Now, @Now)
        """;

    private const string UpdateEventSql = """
        UPDATE events SET name = @Name, starts_on = @StartsOn, ends_on = @EndsOn, topics = @Topics, organiser_ids = @OrganiserIds, updated_at = @Now
        WHERE id = @Id AND owner_id = @OwnerId
        """;

    private const string SendSql = """
        UPDATE event_invitations
        SET token_hash = @TokenHash, mail_state = @Sent, mail_language = @Language, status = @Invited, sent_at = @Now, updated_at = @Now
        WHERE event_id = @Id AND expert_id = @ExpertId AND sent_at IS NULL AND answered_at IS NULL
        """;

    private const string RemindSql = """
        UPDATE event_invitations
        SET token_hash = @TokenHash, reminded_at = @Now, updated_at = @Now
        WHERE event_id = @Id AND expert_id = @ExpertId AND mail_state = @Sent AND status = @Invited AND reminded_at IS NULL AND answered_at IS NULL
        """;

    private const string NotMailedSql = """
        UPDATE event_invitations
        SET mail_state = @MailState, token_hash = NULL, sent_at = NULL, status = CASE WHEN status = @Invited THEN @Draft ELSE status END, updated_at = @Now
        WHERE event_id = @Id AND expert_id = @ExpertId AND answered_at IS NULL
        """;

    private const string SelectTicketSql = """
        SELECT e.id AS EventId, e.name AS EventName, e.starts_on AS StartsOn, e.ends_on AS EndsOn, e.topics AS Topics,
               i.expert_id AS ExpertId, x.full_name AS ExpertName, i.status AS Status, i.mail_language AS MailLanguage,
               i.sent_at AS SentAt, i.answered_at AS AnsweredAt, i.answer_note AS AnswerNote
        FROM event_invitations i
        JOIN events e ON e.id = i.event_id
        JOIN experts x ON x.id = i.expert_id
        WHERE i.token_hash = @TokenHash
        """;

    private const string AnswerSql = """
        UPDATE event_invitations SET status = @Status, answer_note = @Note, answered_at = @Now, updated_at = @Now
        WHERE token_hash = @TokenHash AND answered_at IS NULL AND status = @Invited
        """;

    private const string ListEventsSql = """
        SELECT e.id AS Id, e.name AS Name, e.starts_on AS StartsOn, e.ends_on AS EndsOn,
               (SELECT CAST(COUNT(*) AS BIGINT) FROM event_invitations i WHERE i.event_id = e.id) AS Invitations
        FROM events e
        WHERE e.owner_id = @OwnerId
        ORDER BY e.starts_on DESC, e.id
        """;

    private const string SelectEventSql = """
        SELECT id AS Id, owner_id AS OwnerId, name AS Name, starts_on AS StartsOn, ends_on AS EndsOn, topics AS Topics, organiser_ids AS OrganiserIds
        FROM events
        WHERE id = @Id AND owner_id = @OwnerId
        """;

    private const string SelectInvitationsSql = """
        SELECT i.expert_id AS ExpertId, e.full_name AS FullName, e.affiliation AS Affiliation, e.country AS Country, e.listed AS Listed,
               i.status AS Status, i.note AS Note, i.added_at AS AddedAt, i.mail_state AS MailState, i.sent_at AS SentAt,
               i.reminded_at AS RemindedAt, i.answered_at AS AnsweredAt, i.answer_note AS AnswerNote
        FROM event_invitations i
        JOIN experts e ON e.id = i.expert_id
        WHERE i.event_id = @Id
        ORDER BY i.added_at, i.expert_id
        """;

    private const string DeleteEventSql = "DELETE FROM events WHERE id = @Id AND owner_id = @OwnerId";
    private const string CountOwnedSql = "SELECT CAST(COUNT(*) AS BIGINT) FROM events WHERE id = @Id AND owner_id = @OwnerId";

    private const string InsertInvitationSql = """
        INSERT INTO event_invitations (event_id, expert_id, status, note, added_at, updated_at)
        VALUES (@Id, @ExpertId, @Status, NULL, @Now, @Now)
        """;

    private const string UpdateInvitationSql = """
        UPDATE event_invitations SET status = COALESCE(@Status, status), note = COALESCE(@Note, note), updated_at = @Now
        WHERE event_id = @Id AND expert_id = @ExpertId
        """;

    private const string DeleteInvitationSql = "DELETE FROM event_invitations WHERE event_id = @Id AND expert_id = @ExpertId";

    private sealed class SummaryRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string? StartsOn { get; set; }
        public string? EndsOn { get; set; }
        public long Invitations { get; set; }
    }

    private sealed class EventRow
    {
        public string Id { get; set; } = "";
        public string OwnerId { get; set; } = "";
        public string Name { get; set; } = "";
        public string? StartsOn { get; set; }
        public string? EndsOn { get; set; }
        public string Topics { get; set; } = "";
        public string OrganiserIds { get; set; } = "";
    }

    private sealed class InvitationRow
    {
        public string ExpertId { get; set; } = "";
        public string FullName { get; set; } = "";
        public string? Affiliation { get; set; }
        public string? Country { get; set; }
        public bool Listed { get; set; }
        public string Status { get; set; } = "";
        public string? Note { get; set; }
        public string AddedAt { get; set; } = "";
        public string? MailState { get; set; }
        public string? SentAt { get; set; }
        public string? RemindedAt { get; set; }
        public string? AnsweredAt { get; set; }
        public string? AnswerNote { get; set; }
    }

    private sealed class TicketRow
    {
        public string EventId { get; set; } = "";
        public string EventName { get; set; } = "";
        public string? StartsOn { get; set; }
        public string? EndsOn { get; set; }
        public string Topics { get; set; } = "";
        public string ExpertId { get; set; } = "";
        public string ExpertName { get; set; } = "";
        public string Status { get; set; } = "";
        public string? MailLanguage { get; set; }
        public string? SentAt { get; set; }
        public string? AnsweredAt { get; set; }
        public string? AnswerNote { get; set; }
    }
}
