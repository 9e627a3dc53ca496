using ExpertNetwork.Experts;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExpertNetwork.Web.Experts;

internal static class ExpertsApi
{
    public static IEndpointRouteBuilder MapExperts(this IEndpointRouteBuilder routes)
    {
        // Profiles are personal data: only the staff roles read them, never anonymous callers or researchers.
        var experts = routes.MapGroup("/api/experts").WithTags("Experts").RequireAuthorization(Policies.Directory);
        experts.MapGet("/{id}", GetExpertAsync).WithName("GetExpert").WithSummary("One profile: listed ones for staff, any for admins; the email only with contact consent or for admins");

        // Taking a profile out of the directory (a takedown request) is an admin's decision; cookie writes need the antiforgery header.
        var admin = routes.MapGroup("/api/admin/experts").WithTags("Experts").RequireAuthorization(Policies.Admin).RequireAntiforgeryHeader();
        admin.MapPost("/{id}/unlist", UnlistAsync).WithSummary("Unlists a profile; only the expert may list it again");
        return routes;
    }

    private static async Task<Results<Ok<PublicProfile>, NotFound>> GetExpertAsync(string id, HttpContext context, ExpertStore store, CancellationToken cancellationToken)
    {
        var expert = await ProfileAccess.FindVisibleAsync(store, context.User, id, cancellationToken);
        return expert is null ? TypedResults.NotFound() : TypedResults.Ok(PublicProfile.From(expert));
    }

    private static async Task<Results<NoContent, NotFound>> UnlistAsync(string id, HttpContext context, ExpertDirectory directory, CancellationToken cancellationToken) =>
        await Unlisting.UnlistAsync(directory, context.User, id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}

internal static class Unlisting
{
    /// <summary>Through the directory, so the index drops the profile and the audit names the admin.</summary>
    public static async Task<bool> UnlistAsync(ExpertDirectory directory, System.Security.Claims.ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        var stored = await directory.Store.GetAsync(id, cancellationToken);
        if (stored is null)
        {
            return false;
        }

        if (stored.Expert.Consent.Listed)
        {
            var unlisted = stored.Expert with { Consent = stored.Expert.Consent with { Listed = false } };
            await directory.SaveAsync(unlisted, user.ChangedBy(), stored.RowVersion, cancellationToken);
        }

        return true;
    }
}

/// <summary>A profile as a caller may see it (already redacted by <see cref="ProfileAccess"/>), with where the person lives.</summary>
public sealed record PublicProfile(Expert Profile, string Location)
{
    public static PublicProfile From(Expert expert) => new(expert, Geography.Classify(expert).Name());
}
