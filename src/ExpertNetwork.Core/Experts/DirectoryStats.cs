using Dapper;

namespace ExpertNetwork.Experts;

/// <summary>The figures the province reports on: how many experts, in which fields, where, and how they will contribute.</summary>
public sealed record DirectoryStats(
    long Experts,
    long Listed,
    long Publications,
    IReadOnlyDictionary<string, long> ByField,
    IReadOnlyDictionary<string, long> ByCountry,
    IReadOnlyDictionary<string, long> ByLocation,
    IReadOnlyDictionary<string, long> ByEngagement)
{
    /// <summary>Where the diaspora lives: experts abroad by country of residence.</summary>
    public IReadOnlyDictionary<string, long> Diaspora =>
        ByCountry.Where(c => c.Key != Geography.ProvinceCountry && c.Key != UnknownCountry).ToDictionary(c => c.Key, c => c.Value);

    private const string UnknownCountry = "??";

    /// <param name="listedOnly">Count only profiles whose owners agreed to be listed, totals included: what anyone but an admin may see.</param>
    public static async Task<DirectoryStats> ComputeAsync(ExpertStore store, CancellationToken cancellationToken = default, bool listedOnly = false)
    {
        await using var connection = await store.Database.OpenAsync(cancellationToken);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(listedOnly ? ListedStatsSql : StatsSql, cancellationToken: cancellationToken));
        var totals = await grid.ReadSingleAsync<(long Experts, long Listed, long Publications)>();
        return new DirectoryStats(
            totals.Experts,
            totals.Listed,
            totals.Publications,
            await ReadCountsAsync(grid),
            await ReadCountsAsync(grid),
            await ReadCountsAsync(grid),
            await ReadCountsAsync(grid));
    }

    private static async Task<IReadOnlyDictionary<string, long>> ReadCountsAsync(SqlMapper.GridReader grid) =>
        (await grid.ReadAsync<(string Key, long Count)>()).ToDictionary(r => r.Key, r => r.Count);

    private const string StatsSql = """
        SELECT (SELECT CAST(COUNT(*) AS BIGINT) FROM experts) AS Experts,
               (SELECT CAST(COUNT(*) AS BIGINT) FROM experts WHERE listed = 1) AS Listed,
               (SELECT CAST(COUNT(*) AS BIGINT) FROM publications) AS Publications;
        SELECT field AS [Key], CAST(COUNT(*) AS BIGINT) AS [Count] FROM expert_fields GROUP BY field ORDER BY COUNT(*) DESC, field;
        SELECT COALESCE(country, '??') AS [Key], CAST(COUNT(*) AS BIGINT) AS [Count] FROM experts GROUP BY country ORDER BY COUNT(*) DESC, COALESCE(country, '??');
        SELECT location_class AS [Key], CAST(COUNT(*) AS BIGINT) AS [Count] FROM experts GROUP BY location_class ORDER BY COUNT(*) DESC, location_class;
        SELECT engagement AS [Key], CAST(COUNT(*) AS BIGINT) AS [Count] FROM expert_engagement GROUP BY engagement ORDER BY COUNT(*) DESC, engagement;
        """;

    private const string ListedStatsSql = """
        SELECT (SELECT CAST(COUNT(*) AS BIGINT) FROM experts WHERE listed = 1) AS Experts,
               (SELECT CAST(COUNT(*) AS BIGINT) FROM experts WHERE listed = 1) AS Listed,
               (SELECT CAST(COUNT(*) AS BIGINT) FROM publications p JOIN experts e ON e.id = p.expert_id WHERE e.listed = 1) AS Publications;
        SELECT f.field AS [Key], CAST(COUNT(*) AS BIGINT) AS [Count] FROM expert_fields f JOIN experts e ON e.id = f.expert_id WHERE e.listed = 1
            GROUP BY f.field ORDER BY COUNT(*) DESC, f.field;
        SELECT COALESCE(country, '??') AS [Key], CAST(COUNT(*) AS BIGINT) AS [Count] FROM experts WHERE listed = 1
            GROUP BY country ORDER BY COUNT(*) DESC, COALESCE(country, '??');
        SELECT location_class AS [Key], CAST(COUNT(*) AS BIGINT) AS [Count] FROM experts WHERE listed = 1
            GROUP BY location_class ORDER BY COUNT(*) DESC, location_class;
        SELECT g.engagement AS [Key], CAST(COUNT(*) AS BIGINT) AS [Count] FROM expert_engagement g JOIN experts e ON e.id = g.expert_id WHERE e.listed = 1
            GROUP BY g.engagement ORDER BY COUNT(*) DESC, g.engagement;
        """;
}
