using Dapper;
using ExpertNetwork.Needs;
using ExpertNetwork.Storage;

namespace ExpertNetwork.Shortlists;

/// <summary>
/// Recruiters' shortlist outcomes as relevance judgments for the trainer: each shortlist is a need
/// (its name and the need text the recruiter gave), each expert on it is judged by the status they
/// have now (<see cref="ShortlistStatuses.Grade"/>), so a later decline overrides an earlier interest. Need ids are <c>shortlist:{id}</c>.
/// </summary>
public sealed class ShortlistJudgments(Database database)
{
    public const string NeedIdPrefix = "shortlist:";

    public async Task<IReadOnlyList<Judgment>> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutcomeRow>(new CommandDefinition(OutcomesSql, cancellationToken: cancellationToken));
        return rows.Select(r => new Judgment(NeedIdPrefix + r.ShortlistId, r.ExpertId, r.Grade)).ToList();
    }

    /// <summary>The needs the judgments refer to; shortlists without a single outcome are left out.</summary>
    public async Task<IReadOnlyList<Need>> NeedsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<NeedRow>(new CommandDefinition(NeedsSql, cancellationToken: cancellationToken));
        return rows.Select(r => new Need { Id = NeedIdPrefix + r.Id, Title = r.Name, Description = r.Need }).ToList();
    }

    private sealed class OutcomeRow
    {
        public string ShortlistId { get; set; } = "";
        public string ExpertId { get; set; } = "";
        public int Grade { get; set; }
    }

    private sealed class NeedRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Need { get; set; }
    }

    private const string OutcomesSql = """
        SELECT shortlist_id AS ShortlistId, expert_id AS ExpertId, grade AS Grade
        FROM shortlist_outcomes
        ORDER BY shortlist_id, expert_id
        """;

    private const string NeedsSql = """
        SELECT s.id AS Id, s.name AS Name, s.need AS Need
        FROM shortlists s
        WHERE EXISTS (SELECT 1 FROM shortlist_outcomes o WHERE o.shortlist_id = s.id)
        ORDER BY s.id
        """;
}
