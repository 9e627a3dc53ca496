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
        routes.MapPost("/api/match/team", TeamAsync).WithTags("Matching").WithName("Team")
            .RequireAuthorization(Policies.Directory).RequireRateLimiting(RateLimitPolicies.Match).RequireAntiforgeryHeader()
            .WithSummary("Proposes a team of `size` (2–8, default 4) listed experts for a project: the skills are the need's concepts from the synonym file, the fields given and any added; each skill covered by one member, each member covering at least one skill nobody else does, the sum of fits as high as found; constraints: atLeastOneInProvince, maxAbroad, onePerAffiliation");
        return routes;
    }

    private static async Task<Results<Ok<TeamView>, ValidationProblem>> TeamAsync(
        TeamRequest request, HttpContext context, TeamAssembler teams, CancellationToken cancellationToken)
    {
        var errors = TeamLimits.Check(request);
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(await teams.AssembleAsync(request, context.User, cancellationToken));
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
