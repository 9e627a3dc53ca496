using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExpertNetwork.Web.Matching;

internal static class MatchApi
{
    public static IEndpointRouteBuilder MapMatch(this IEndpointRouteBuilder routes)
    {
        // Staff roles, rate limited per user like search; a cookie POST needs the antiforgery header.
        routes.MapPost("/api/match", MatchAsync).WithTags("Matching").WithName("Match")
            .RequireAuthorization(Policies.Directory).RequireRateLimiting(RateLimitPolicies.Match).RequireAntiforgeryHeader()
            .WithSummary("Ranks listed experts for a need (project, talent or speaker) with a fit score in [0, 1] and an explanation: factors, matched skills, closest publications");
        return routes;
    }

    private static async Task<Results<Ok<MatchPage>, ValidationProblem>> MatchAsync(
        MatchRequest request, HttpContext context, DirectoryMatching matching, CancellationToken cancellationToken)
    {
        var errors = MatchLimits.Check(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await matching.MatchAsync(request, context.User, cancellationToken));
    }
}
