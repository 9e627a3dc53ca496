using System.Data.Common;
using Dapper;
using ExpertNetwork.Storage;

namespace ExpertNetwork.Shortlists;

public enum ShortlistAddOutcome
{
    Added,
    AlreadyThere,
    NotFound,
}

public sealed record ShortlistSummary(string Id, string Name, string? Need, int Experts, DateTimeOffset UpdatedAt);

public sealed record ShortlistItem(
    string ExpertId,
    string FullName,
    string? Headline,
    string? Affiliation,
    string? Country,
    bool Listed,
    ShortlistStatus Status,
    string? Note,
    DateTimeOffset AddedAt);

public sealed record Shortlist(string Id, string OwnerId, string Name, string? Need, DateTimeOffset CreatedAt, IReadOnlyList<ShortlistItem> Items);

/// <summary>
/// Recruiters' shortlists. Every read and write names the owner, and a shortlist of someone else is
/// indistinguishable from a missing one, so a guessed id reveals nothing. Status changes are also
/// recorded in shortlist_outcomes, where <see cref="ShortlistJudgments"/> reads them for training.
/// </summary>
public sealed class ShortlistStore(Database database, TimeProvider clock)
{
    public async Task<ShortlistSummary> CreateAsync(string ownerId, string name, string? need, CancellationToken cancellationToken = default)
    {
        var id = Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow();
        var (trimmedName, trimmedNeed) = (name.Trim(), string.IsNullOrWhiteSpace(need) ? null : need.Trim());
        StoredText.Check("shortlist name", trimmedName, MaxName);
        StoredText.CheckOptional("shortlist need", trimmedNeed, MaxNeed);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            InsertShortlistSql,
            new { Id = id, OwnerId = ownerId, Name = trimmedName, Need = trimmedNeed, Now = now.ToString("O") },
            cancellationToken: cancellationToken));
        return new ShortlistSummary(id, trimmedName, trimmedNeed, 0, now);
    }

    public async Task<IReadOnlyList<ShortlistSummary>> ListAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SummaryRow>(new CommandDefinition(ListShortlistsSql, new { OwnerId = ownerId }, cancellationToken: cancellationToken));
        return rows.Select(r => new ShortlistSummary(r.Id, r.Name, r.Need, (int)r.Experts, DateTimeOffset.Parse(r.UpdatedAt))).ToList();
    }

    public async Task<Shortlist?> GetAsync(string id, string ownerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var head = await connection.QuerySingleOrDefaultAsync<ShortlistRow>(new CommandDefinition(
            SelectShortlistSql, new { Id = id, OwnerId = ownerId }, cancellationToken: cancellationToken));
        if (head is null)
        {
            return null;
        }

        var items = await connection.QueryAsync<ItemRow>(new CommandDefinition(SelectItemsSql, new { Id = id }, cancellationToken: cancellationToken));
        return new Shortlist(
            head.Id,
            head.OwnerId,
            head.Name,
            head.Need,
            DateTimeOffset.Parse(head.CreatedAt),
            items.Select(i => new ShortlistItem(
                i.ExpertId, i.FullName, i.Headline, i.Affiliation, i.Country, i.Listed,
                ShortlistStatuses.TryParse(i.Status, out var status) ? status : ShortlistStatus.New,
                i.Note, DateTimeOffset.Parse(i.AddedAt))).ToList());
    }

    public async Task<bool> DeleteAsync(string id, string ownerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteShortlistSql, new { Id = id, OwnerId = ownerId }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Adds an expert as <see cref="ShortlistStatus.New"/>; adding one already there changes nothing. False when the shortlist is not the owner's.</summary>
    public async Task<bool> AddAsync(string id, string ownerId, string expertId, string recordedBy, CancellationToken cancellationToken = default) =>
        await AddOrKeepAsync(id, ownerId, expertId, recordedBy, cancellationToken) != ShortlistAddOutcome.NotFound;

    /// <summary>Like <see cref="AddAsync"/>, and says whether the expert was added or was on the list already.</summary>
    public async Task<ShortlistAddOutcome> AddOrKeepAsync(string id, string ownerId, string expertId, string recordedBy, CancellationToken cancellationToken = default)
    {
        StoredText.Actor(recordedBy, "recorded by");
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await OwnsAsync(connection, transaction, id, ownerId, cancellationToken))
        {
            return ShortlistAddOutcome.NotFound;
        }

        var now = clock.GetUtcNow().ToString("O");
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                InsertItemSql, new { Id = id, ExpertId = expertId, Status = ShortlistStatus.New.Name(), Now = now }, transaction, cancellationToken: cancellationToken));
        }
        catch (DbException e) when (StoreErrors.IsDuplicateKey(e))
        {
            // Already on the list (perhaps added by a request racing this one): nothing changes.
            return ShortlistAddOutcome.AlreadyThere;
        }

        await RecordOutcomeAsync(connection, transaction, id, expertId, ShortlistStatus.New, recordedBy, now, cancellationToken);
        await TouchAsync(connection, transaction, id, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ShortlistAddOutcome.Added;
    }

    /// <summary>Removes an expert and the outcome recorded for them: a removal means the recruiter takes the judgment back.</summary>
    public async Task<bool> RemoveAsync(string id, string ownerId, string expertId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await OwnsAsync(connection, transaction, id, ownerId, cancellationToken))
        {
            return false;
        }

        var removed = await connection.ExecuteAsync(new CommandDefinition(
            DeleteItemSql, new { Id = id, ExpertId = expertId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            DeleteOutcomeSql, new { Id = id, ExpertId = expertId }, transaction, cancellationToken: cancellationToken));
        await TouchAsync(connection, transaction, id, clock.GetUtcNow().ToString("O"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed > 0;
    }

    /// <summary>Sets the status and/or the note of an expert on the list; false when either is not there for this owner.</summary>
    public async Task<bool> UpdateAsync(string id, string ownerId, string expertId, ShortlistStatus? status, string? note, string recordedBy, CancellationToken cancellationToken = default)
    {
        StoredText.Actor(recordedBy, "recorded by");
        StoredText.CheckOptional("shortlist note", note, MaxNote);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await OwnsAsync(connection, transaction, id, ownerId, cancellationToken))
        {
            return false;
        }

        var now = clock.GetUtcNow().ToString("O");
        var changed = 0;
        if (status is { } newStatus)
        {
            changed = await connection.ExecuteAsync(new CommandDefinition(
                UpdateItemStatusSql, new { Id = id, ExpertId = expertId, Status = newStatus.Name(), Now = now }, transaction, cancellationToken: cancellationToken));
            if (changed > 0)
            {
                await RecordOutcomeAsync(connection, transaction, id, expertId, newStatus, recordedBy, now, cancellationToken);
            }
        }

        if (note is not null)
        {
            changed = await connection.ExecuteAsync(new CommandDefinition(
                UpdateItemNoteSql, new { Id = id, ExpertId = expertId, Note = note.Length == 0 ? null : note, Now = now }, transaction, cancellationToken: cancellationToken));
        }

        if (changed == 0)
        {
            return false;
        }

        await TouchAsync(connection, transaction, id, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<bool> OwnsAsync(DbConnection connection, DbTransaction transaction, string id, string ownerId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            CountOwnedSql, new { Id = id, OwnerId = ownerId }, transaction, cancellationToken: cancellationToken)) > 0;

    private static Task TouchAsync(DbConnection connection, DbTransaction transaction, string id, string now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(TouchShortlistSql, new { Id = id, Now = now }, transaction, cancellationToken: cancellationToken));

    private static async Task RecordOutcomeAsync(
        DbConnection connection, DbTransaction transaction, string id, string expertId, ShortlistStatus status, string recordedBy, string now, CancellationToken cancellationToken)
    {
        var parameters = new { Id = id, ExpertId = expertId, Status = status.Name(), Grade = status.Grade(), RecordedBy = recordedBy, Now = now };
        await Upsert.RunAsync(
            () => connection.ExecuteAsync(new CommandDefinition(UpdateOutcomeSql, parameters, transaction, cancellationToken: cancellationToken)),
            () => connection.ExecuteAsync(new CommandDefinition(InsertOutcomeSql, parameters, transaction, cancellationToken: cancellationToken)));
    }

    /// <summary>Column widths on SQL Server (shortlists.name, shortlists.need, shortlist_items.note), enforced on both engines.</summary>
    public const int MaxName = 200;
    public const int MaxNeed = 4000;
    public const int MaxNote = 2000;

    private sealed class SummaryRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Need { get; set; }
        public long Experts { get; set; }
        public string UpdatedAt { get; set; } = "";
    }

    private sealed class ShortlistRow
    {
        public string Id { get; set; } = "";
        public string OwnerId { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Need { get; set; }
        public string CreatedAt { get; set; } = "";
    }

    private sealed class ItemRow
    {
        public string ExpertId { get; set; } = "";
        public string FullName { get; set; } = "";
        public string? Headline { get; set; }
        public string? Affiliation { get; set; }
        public string? Country { get; set; }
        public bool Listed { get; set; }
        public string Status { get; set; } = "";
        public string? Note { get; set; }
        public string AddedAt { get; set; } = "";
    }

    private const string InsertShortlistSql = """
        INSERT INTO shortlists (id, owner_id, name, need, created_at, updated_at)
        VALUES (@Id, @OwnerId, @Name, @Need, @Now, @Now)
        """;

    private const string ListShortlistsSql = """
        SELECT s.id AS Id, s.name AS Name, s.need AS Need, s.updated_at AS UpdatedAt,
               (SELECT CAST(COUNT(*) AS BIGINT) FROM shortlist_items i WHERE i.shortlist_id = s.id) AS Experts
        FROM shortlists s
        WHERE s.owner_id = @OwnerId
        ORDER BY s.updated_at DESC, s.id
        """;

    private const string SelectShortlistSql = """
        SELECT id AS Id, owner_id AS OwnerId, name AS Name, need AS Need, created_at AS CreatedAt
        FROM shortlists
        WHERE id = @Id AND owner_id = @OwnerId
        """;

    private const string SelectItemsSql = """
        SELECT i.expert_id AS ExpertId, e.full_name AS FullName, e.headline AS Headline, e.affiliation AS Affiliation,
               e.country AS Country, e.listed AS Listed, i.status AS Status, i.note AS Note, i.added_at AS AddedAt
        FROM shortlist_items i
        JOIN experts e ON e.id = i.expert_id
        WHERE i.shortlist_id = @Id
        ORDER BY i.added_at, i.expert_id
        """;

    private const string DeleteShortlistSql = "DELETE FROM shortlists WHERE id = @Id AND owner_id = @OwnerId";
    private const string CountOwnedSql = "SELECT CAST(COUNT(*) AS BIGINT) FROM shortlists WHERE id = @Id AND owner_id = @OwnerId";
    private const string TouchShortlistSql = "UPDATE shortlists SET updated_at = @Now WHERE id = @Id";

    private const string InsertItemSql = """
        INSERT INTO shortlist_items (shortlist_id, expert_id, status, note, added_at, updated_at)
        VALUES (@Id, @ExpertId, @Status, NULL, @Now, @Now)
        """;

    private const string DeleteItemSql = "DELETE FROM shortlist_items WHERE shortlist_id = @Id AND expert_id = @ExpertId";
    private const string UpdateItemStatusSql = "UPDATE shortlist_items SET status = @Status, updated_at = @Now WHERE shortlist_id = @Id AND expert_id = @ExpertId";
    private const string UpdateItemNoteSql = "UPDATE shortlist_items SET note = @Note, updated_at = @Now WHERE shortlist_id = @Id AND expert_id = @ExpertId";

    private const string UpdateOutcomeSql = """
        UPDATE shortlist_outcomes SET status = @Status, grade = @Grade, recorded_at = @Now, recorded_by = @RecordedBy
        WHERE shortlist_id = @Id AND expert_id = @ExpertId
        """;

    private const string InsertOutcomeSql = """
        INSERT INTO shortlist_outcomes (shortlist_id, expert_id, status, grade, recorded_at, recorded_by)
        VALUES (@Id, @ExpertId, @Status, @Grade, @Now, @RecordedBy)
        """;

    private const string DeleteOutcomeSql = "DELETE FROM shortlist_outcomes WHERE shortlist_id = @Id AND expert_id = @ExpertId";
}
