using ExpertNetwork.Experts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExpertNetwork.Web.Stats;

internal static class StatsApi
{
    public static IEndpointRouteBuilder MapStats(this IEndpointRouteBuilder routes)
    {
        // Counts only, no person: any signed-in user may read them.
        var group = routes.MapGroup("/api").WithTags("Statistics").RequireAuthorization();
        group.MapGet("/stats", GetStatsAsync).WithName("GetStats").WithSummary("Counts by field, country, location and engagement, and where the diaspora lives");
        return routes;
    }

    private static async Task<Ok<DirectoryStats>> GetStatsAsync(ExpertStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await DirectoryStats.ComputeAsync(store, cancellationToken));
}
