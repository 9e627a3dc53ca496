using Dapper;
using ExpertNetwork.Storage;

namespace ExpertNetwork.Needs;

/// <summary>Stored projects, talent calls and speaker topics, with their multi-valued parts in need_terms.</summary>
public sealed class NeedStore(Database database, TimeProvider clock)
{
    /// <summary>needs.title on SQL Server since migration 0006, the length needs.jsonl allows.</summary>
    public const int MaxTitle = 1000;

    private static readonly string[] Facets = ["fields", "keywords", "languages", "engagement", "exclude"];

    public async Task SaveAsync(IReadOnlyCollection<Need> needs, string changedBy, CancellationToken cancellationToken = default)
    {
        StoredText.Actor(changedBy);
        foreach (var need in needs)
        {
            StoredText.Check("need id", need.Id, StoredText.KeyLength);
            StoredText.CheckOptional($"need '{need.Id}' title", need.Title, MaxTitle);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().ToString("O");
        foreach (var need in needs)
        {
            var parameters = new { need.Id, need.Kind, need.Title, need.Description, need.Location, Now = now, ChangedBy = changedBy };
            await Upsert.RunAsync(
                () => connection.ExecuteAsync(new CommandDefinition(UpdateSql, parameters, transaction, cancellationToken: cancellationToken)),
                () => connection.ExecuteAsync(new CommandDefinition(InsertSql, parameters, transaction, cancellationToken: cancellationToken)));

            await connection.ExecuteAsync(new CommandDefinition(DeleteTermsSql, new { need.Id }, transaction, cancellationToken: cancellationToken));
            var terms = Facets.SelectMany(facet => ValuesOf(need, facet).Select((value, position) => new { NeedId = need.Id, Facet = facet, Position = position, Value = value }));
            await connection.ExecuteAsync(new CommandDefinition(InsertTermSql, terms, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Need>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<NeedRow>(new CommandDefinition(SelectSql, cancellationToken: cancellationToken));
        var terms = (await connection.QueryAsync<TermRow>(new CommandDefinition(SelectTermsSql, cancellationToken: cancellationToken)))
            .ToLookup(t => (t.NeedId, t.Facet), t => t.Value);
        return rows.Select(r => new Need
        {
            Id = r.Id,
            Kind = r.Kind,
            Title = r.Title,
            Description = r.Description,
            Location = r.Location,
            Fields = terms[(r.Id, "fields")].ToList(),
            Keywords = terms[(r.Id, "keywords")].ToList(),
            Languages = terms[(r.Id, "languages")].ToList(),
            Engagement = terms[(r.Id, "engagement")].ToList(),
            Exclude = terms[(r.Id, "exclude")].ToList(),
        }).ToList();
    }

    private static IReadOnlyList<string> ValuesOf(Need need, string facet) => facet switch
    {
        "fields" => need.Fields,
        "keywords" => need.Keywords,
        "languages" => need.Languages,
        "engagement" => need.Engagement,
        _ => need.Exclude,
    };

    private sealed class NeedRow
    {
        public string Id { get; set; } = "";
        public string? Kind { get; set; }
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? Location { get; set; }
    }

    private sealed class TermRow
    {
        public string NeedId { get; set; } = "";
        public string Facet { get; set; } = "";
        public string Value { get; set; } = "";
    }

    private const string UpdateSql = """
        UPDATE needs SET kind = @Kind, title = @Title, description = @Description, location = @Location,
               updated_at = @Now, changed_by = @ChangedBy
        WHERE id = @Id
        """;

    private const string InsertSql = """
        INSERT INTO needs (id, kind, title, description, location, created_at, updated_at, changed_by)
        VALUES (@Id, @Kind, @Title, @Description, @Location, @Now, @Now, @ChangedBy)
        """;

    private const string DeleteTermsSql = "DELETE FROM need_terms WHERE need_id = @Id";
    private const string InsertTermSql = "INSERT INTO need_terms (need_id, facet, position, value) VALUES (@NeedId, @Facet, @Position, @Value)";
    private const string SelectSql = "SELECT id AS Id, kind AS Kind, title AS Title, description AS Description, location AS Location FROM needs ORDER BY id";
    private const string SelectTermsSql = "SELECT need_id AS NeedId, facet AS Facet, value AS Value FROM need_terms ORDER BY need_id, facet, position";
}
