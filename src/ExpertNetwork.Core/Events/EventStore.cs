using Dapper;
using ExpertNetwork.Storage;

namespace ExpertNetwork.Events;

public static class InvitationStatuses
{
    public const string Draft = "draft";

    public static readonly IReadOnlyList<string> All = [Draft, "invited", "accepted", "declined"];
}

public sealed record EventSummary(string Id, string Name, string? StartsOn, string? EndsOn, int Invitations);

public sealed record Invitation(string ExpertId, string FullName, string? Affiliation, string? Country, bool Listed, string Status, string? Note, DateTimeOffset AddedAt);

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
            invitations.Select(i => new Invitation(i.ExpertId, i.FullName, i.Affiliation, i.Country, i.Listed, i.Status, i.Note, DateTimeOffset.Parse(i.AddedAt))).ToList());
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
               i.status AS Status, i.note AS Note, i.added_at AS AddedAt
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
    }
}
