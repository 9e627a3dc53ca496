using ExpertNetwork.Search;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExpertNetwork.Web.Search;

internal static class SearchApi
{
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder routes)
    {
        // Staff roles only, and rate limited per user: results are personal data and scraping them must be slow.
        var group = routes.MapGroup("/api").WithTags("Search").RequireAuthorization(Policies.Directory).RequireRateLimiting(RateLimitPolicies.Search);
        group.MapGet("/search", SearchAsync).WithName("Search")
            .WithSummary("Full-text search with filters, facets with counts, highlights (HTML with only <em>), sorting and paging");
        group.MapGet("/suggest", SuggestAsync).WithName("Suggest").WithSummary("Name suggestions for what has been typed so far, each with a line (detail) that tells people of one name apart");
        return routes;
    }

    private static async Task<Ok<SearchPage>> SearchAsync([AsParameters] SearchParameters parameters, HttpContext context, DirectorySearch search, CancellationToken cancellationToken) =>
        TypedResults.Ok(await search.SearchAsync(parameters, context.User, cancellationToken));

    private static async Task<Ok<IReadOnlyList<SuggestionView>>> SuggestAsync(string? q, DirectorySearch search, CancellationToken cancellationToken) =>
        TypedResults.Ok(await search.SuggestAsync(q ?? "", cancellationToken));
}
