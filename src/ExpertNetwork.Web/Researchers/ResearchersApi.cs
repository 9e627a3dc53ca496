using System.Text.Json.Nodes;
using ExpertNetwork.Accounts;
using ExpertNetwork.Experts;
using ExpertNetwork.Researchers;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ExpertNetwork.Web.Researchers;

public sealed record MyProfile(Expert Profile, long RowVersion, string Location, IReadOnlyList<string> Hints)
{
    public static MyProfile From(StoredExpert stored) =>
        new(stored.Expert, stored.RowVersion, Geography.Classify(stored.Expert).Name(), ResearcherProfiles.CompletenessHints(stored.Expert));
}

public sealed record ProfileEdit(long RowVersion, JsonObject? Profile);

public sealed record ImportSummary(int Added, IReadOnlyList<string> AlreadyThere, IReadOnlyList<string> Skipped, long RowVersion);

public sealed record ClaimRequest(string? ExpertId);

public sealed record ClaimSent(string Outcome, string? SentTo);

public sealed record Claimed(string ExpertId);

public sealed record ProfileLink(string? ExpertId);

internal static class ResearchersApi
{
    public static IEndpointRouteBuilder MapResearchers(this IEndpointRouteBuilder routes)
    {
        // Researchers only, and only ever their own claimed profile: no route takes a profile id to edit.
        var me = routes.MapGroup("/api/me").WithTags("Researchers").RequireAuthorization(Policies.Researcher).RequireAntiforgeryHeader();
        me.MapGet("/profile", GetAsync).WithSummary("The caller's claimed profile in the shared format, its row version, completeness hints");
        me.MapPut("/profile", PutAsync).WithSummary("Replaces the caller's profile (shared format; id ignored); 409 with the newer data when rowVersion is stale");
        // The group's antiforgery filter checks the upload like every other write; the framework's own form check
        // would fail the request while binding, before that filter could answer with its problem details.
        me.MapPost("/publications/import", ImportAsync).DisableAntiforgery()
            .WithSummary("Adds publications from a BibTeX (.bib) or ORCID works (.json) file (multipart: file, rowVersion); duplicates by DOI or title are left out, any error stores nothing");
        me.MapPost("/claim", ClaimAsync).RequireRateLimiting(RateLimitPolicies.Claim)
            .WithSummary("Sends a single-use verification link (24 h) to the email on the profile");
        me.MapGet("/claim/candidates", CandidatesAsync).RequireRateLimiting(RateLimitPolicies.Search).WithSummary("Listed, unclaimed profiles by name");
        me.MapGet("/claim/verify", VerifyAsync).WithSummary("Redeems the emailed token; it only works for the account that asked for it");
        me.MapGet("/export", ExportAsync).WithSummary("All the caller's data: account and profile (shared format) as JSON");
        me.MapDelete("/", DeleteAsync).WithSummary("Deletes the caller's account and profile; the audit keeps the deletion");

        // Profiles without an email can only be linked by an admin, who checked the person some other way.
        var admin = routes.MapGroup("/api/admin/users").WithTags("Researchers").RequireAuthorization(Policies.Admin).RequireAntiforgeryHeader();
        admin.MapPut("/{id}/profile", LinkAsync).WithSummary("Links a researcher's account to a profile directly");
        return routes;
    }

    private static async Task<Results<Ok<MyProfile>, NotFound>> GetAsync(HttpContext context, ResearcherProfiles profiles, CancellationToken cancellationToken) =>
        await profiles.OwnAsync(context.User, cancellationToken) is { } stored ? TypedResults.Ok(MyProfile.From(stored)) : TypedResults.NotFound();

    private static async Task<Results<Ok<MyProfile>, NotFound, ValidationProblem, Conflict<MyProfile>>> PutAsync(
        ProfileEdit request, HttpContext context, ResearcherProfiles profiles, CancellationToken cancellationToken)
    {
        if (request.Profile is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["profile"] = ["required"] });
        }

        var result = await profiles.SaveAsync(context.User, request.Profile, request.RowVersion, cancellationToken);
        return result.Outcome switch
        {
            SaveOutcome.Saved => TypedResults.Ok(MyProfile.From(result.Current!)),
            SaveOutcome.Conflict => TypedResults.Conflict(MyProfile.From(result.Current!)),
            SaveOutcome.Invalid => TypedResults.ValidationProblem(result.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray())),
            _ => TypedResults.NotFound(),
        };
    }

    private static async Task<Results<Ok<ImportSummary>, NotFound, ValidationProblem, Conflict<MyProfile>>> ImportAsync(
        IFormFile? file, [FromForm] long? rowVersion, HttpContext context, ResearcherProfiles profiles, CancellationToken cancellationToken)
    {
        if (await PublicationUpload.ReadAsync(file, cancellationToken) is not { } content)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [$"a .bib or ORCID .json file in UTF-8 of at most {PublicationUpload.MaxBytes / 1024} KB is required"] });
        }

        if (rowVersion is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["rowVersion"] = ["required, from GET /api/me/profile"] });
        }

        var result = await profiles.ImportPublicationsAsync(context.User, content, rowVersion.Value, cancellationToken);
        return result.Outcome switch
        {
            ImportOutcome.Imported => TypedResults.Ok(new ImportSummary(result.Added, result.AlreadyThere, [.. result.Skipped.Select(i => i.English)], result.Current!.RowVersion)),
            ImportOutcome.Invalid => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [.. result.Errors.Select(i => i.English)] }),
            ImportOutcome.Conflict => TypedResults.Conflict(MyProfile.From(result.Current!)),
            _ => TypedResults.NotFound(),
        };
    }

    private static async Task<Results<Accepted<ClaimSent>, NotFound, Conflict<ClaimSent>, UnprocessableEntity<ClaimSent>, ProblemHttpResult>> ClaimAsync(
        ClaimRequest request, HttpContext context, ResearcherProfiles profiles, CancellationToken cancellationToken)
    {
        var result = await profiles.RequestClaimAsync(context.User, request.ExpertId ?? "", context.Request, cancellationToken);
        var body = new ClaimSent(result.Outcome.ToString(), result.MaskedEmail);
        return result.Outcome switch
        {
            ClaimRequestOutcome.Sent => TypedResults.Accepted("/api/me/profile", body),
            ClaimRequestOutcome.NotFound => TypedResults.NotFound(),
            ClaimRequestOutcome.NoEmail => TypedResults.UnprocessableEntity(body),
            ClaimRequestOutcome.LinksUnavailable => TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: nameof(ClaimRequestOutcome.LinksUnavailable),
                detail: $"No link can be mailed until the operator sets {PublicLinks.Variable}; an admin can link the profile directly."),
            _ => TypedResults.Conflict(body),
        };
    }

    private static async Task<Ok<IReadOnlyList<ClaimCandidate>>> CandidatesAsync(string? name, ResearcherProfiles profiles, CancellationToken cancellationToken) =>
        TypedResults.Ok(await profiles.FindByNameAsync(name ?? "", cancellationToken));

    private static async Task<Results<Ok<Claimed>, ProblemHttpResult>> VerifyAsync(string? token, HttpContext context, ResearcherProfiles profiles, CancellationToken cancellationToken)
    {
        var result = await profiles.VerifyAsync(context.User, token ?? "", cancellationToken);
        return result.Outcome == ClaimOutcome.Claimed
            ? TypedResults.Ok(new Claimed(result.ExpertId!))
            : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: result.Outcome.ToString());
    }

    private static async Task<FileContentHttpResult> ExportAsync(HttpContext context, ResearcherProfiles profiles, CancellationToken cancellationToken) =>
        TypedResults.File(await profiles.ExportAsync(context.User, cancellationToken), "application/json; charset=utf-8", "my-data.json");

    private static async Task<NoContent> DeleteAsync(HttpContext context, ResearcherProfiles profiles, CancellationToken cancellationToken)
    {
        await profiles.DeleteAsync(context.User, cancellationToken);
        await context.SignOutAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> LinkAsync(
        string id, ProfileLink request, HttpContext context, UserStore users, ProfileClaims claims, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id, cancellationToken);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        if (user.Role != Roles.Researcher)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["only researchers own profiles"] });
        }

        var result = await claims.LinkAsync(user.Id, request.ExpertId ?? "", context.User.ChangedBy(), cancellationToken);
        return result.Outcome switch
        {
            ClaimOutcome.Claimed => TypedResults.NoContent(),
            ClaimOutcome.ProfileMissing => TypedResults.NotFound(),
            var refused => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["expertId"] = [refused.ToString()] }),
        };
    }
}

internal static class ResearchersSetup
{
    public static WebApplicationBuilder AddResearchers(this WebApplicationBuilder builder)
    {
        builder.Services.AddMail();
        builder.Services.AddSingleton<PublicLinks>();
        builder.Services.AddSingleton<ResearcherProfiles>();
        return builder;
    }
}
