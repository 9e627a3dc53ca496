using ExpertNetwork.Experts;

namespace ExpertNetwork.Web.Stats;

/// <summary>The directory's figures plus the diaspora: experts abroad by country of residence.</summary>
public sealed record ProvinceStats(
    long Experts,
    long Listed,
    long Publications,
    IReadOnlyDictionary<string, long> ByField,
    IReadOnlyDictionary<string, long> ByCountry,
    IReadOnlyDictionary<string, long> ByLocation,
    IReadOnlyDictionary<string, long> ByEngagement,
    IReadOnlyDictionary<string, long> Diaspora)
{
    public static async Task<ProvinceStats> ComputeAsync(ExpertStore store, CancellationToken cancellationToken)
    {
        var stats = await DirectoryStats.ComputeAsync(store, cancellationToken);
        var diaspora = stats.ByCountry
            .Where(c => c.Key != Geography.ProvinceCountry && c.Key != "??")
            .ToDictionary(c => c.Key, c => c.Value);
        return new ProvinceStats(stats.Experts, stats.Listed, stats.Publications, stats.ByField, stats.ByCountry, stats.ByLocation, stats.ByEngagement, diaspora);
    }
}
