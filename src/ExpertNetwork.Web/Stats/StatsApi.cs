using System.Security.Claims;
using ExpertNetwork.Experts;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExpertNetwork.Web.Stats;

internal static class StatsApi
{
    public static IEndpointRouteBuilder MapStats(this IEndpointRouteBuilder routes)
    {
        // Counts only, no person: any signed-in user may read them, listed profiles only and small counts hidden unless an admin asks.
        var group = routes.MapGroup("/api").WithTags("Statistics").RequireAuthorization();
        group.MapGet("/stats", GetStatsAsync).WithName("GetStats")
            .WithSummary("Counts by field, country, location and engagement, and where the diaspora lives; for anyone but admins listed profiles only, counts under 3 (and those that would give them away) null");
        return routes;
    }

    public static async Task<PublishedStats> PublishedAsync(ExpertStore store, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        user.IsAdmin()
            ? PublishedStats.ForAdmin(await DirectoryStats.ComputeAsync(store, cancellationToken))
            : PublishedStats.ForEveryone(await DirectoryStats.ComputeAsync(store, cancellationToken, listedOnly: true));

    private static async Task<Ok<PublishedStats>> GetStatsAsync(ExpertStore store, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(await PublishedAsync(store, context.User, cancellationToken));
}
