using ExpertNetwork.Experts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExpertNetwork.Web.Experts;

internal static class ExpertsApi
{
    public static RouteGroupBuilder MapExperts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Experts");
        group.MapGet("/experts/{id}", GetExpertAsync).WithName("GetExpert").WithSummary("One listed expert's public profile");
        group.MapGet("/stats", GetStatsAsync).WithName("GetStats").WithSummary("Counts by field, country, location and engagement");
        return group;
    }

    private static async Task<Results<Ok<PublicProfile>, NotFound>> GetExpertAsync(string id, ExpertStore store, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(id, cancellationToken);
        // An unlisted profile must be indistinguishable from a missing one.
        if (stored is null || !stored.Expert.Consent.Listed)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(PublicProfile.From(stored.Expert));
    }

    private static async Task<Ok<DirectoryStats>> GetStatsAsync(ExpertStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await DirectoryStats.ComputeAsync(store, cancellationToken));
}

/// <summary>What anyone may see of a listed profile: the email only where the person consented to contact.</summary>
public sealed record PublicProfile(Expert Profile, string Location)
{
    public static PublicProfile From(Expert expert) => new(
        expert.Consent.Contact ? expert : expert with { Email = null },
        Geography.Classify(expert).Name());
}
