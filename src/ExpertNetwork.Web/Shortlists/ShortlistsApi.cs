using System.Text;
using ExpertNetwork.Experts;
using ExpertNetwork.Shortlists;
using ExpertNetwork.Web.Experts;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExpertNetwork.Web.Shortlists;

internal static class ShortlistsApi
{
    public static IEndpointRouteBuilder MapShortlists(this IEndpointRouteBuilder routes)
    {
        // Recruiters' (and admins') own lists; every query also names the owner, so another user's id is a 404. Cookie writes need the antiforgery header.
        var group = routes.MapGroup("/api/shortlists").WithTags("Shortlists").RequireAuthorization(Policies.Shortlists).RequireAntiforgeryHeader();
        group.MapGet("/", ListAsync).WithSummary("The caller's shortlists");
        group.MapPost("/", CreateAsync).WithSummary("Creates a shortlist for a need");
        group.MapGet("/{id}", GetAsync).WithName("GetShortlist").WithSummary("One of the caller's shortlists with its experts, statuses and notes");
        group.MapDelete("/{id}", DeleteAsync).WithSummary("Deletes a shortlist and its recorded outcomes");
        group.MapPut("/{id}/experts/{expertId}", PutAsync)
            .WithSummary("Puts an expert on the list: 201 when added (status 'new' unless the optional body gives one), 204 when already there; a status or note in the body is set either way");
        group.MapPatch("/{id}/experts/{expertId}", UpdateAsync).WithSummary("Sets the status (new, contacted, interested, declined, hired) and/or the note; status changes are recorded as judgments");
        group.MapDelete("/{id}/experts/{expertId}", RemoveAsync).WithSummary("Removes an expert and their recorded outcome");
        group.MapGet("/{id}/export.csv", ExportAsync).WithSummary("The shortlist as CSV, safe to open in a spreadsheet");
        return routes;
    }

    private static async Task<Ok<IReadOnlyList<ShortlistSummary>>> ListAsync(HttpContext context, ShortlistStore shortlists, CancellationToken cancellationToken) =>
        TypedResults.Ok(await shortlists.ListAsync(context.User.Id(), cancellationToken));

    private static async Task<Results<Created<ShortlistSummary>, ValidationProblem>> CreateAsync(
        NewShortlist request, HttpContext context, ShortlistStore shortlists, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (ShortlistLimits.CheckName(request.Name) is { } nameError)
        {
            errors["name"] = [nameError];
        }

        if (ShortlistLimits.CheckNeed(request.Need) is { } needError)
        {
            errors["need"] = [needError];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var created = await shortlists.CreateAsync(context.User.Id(), request.Name, request.Need, cancellationToken);
        return TypedResults.Created($"/api/shortlists/{created.Id}", created);
    }

    private static async Task<Results<Ok<ShortlistView>, NotFound>> GetAsync(string id, HttpContext context, ShortlistStore shortlists, CancellationToken cancellationToken)
    {
        var shortlist = await shortlists.GetAsync(id, context.User.Id(), cancellationToken);
        return shortlist is null ? TypedResults.NotFound() : TypedResults.Ok(ShortlistView.From(shortlist, context.User));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(string id, HttpContext context, ShortlistStore shortlists, CancellationToken cancellationToken) =>
        await shortlists.DeleteAsync(id, context.User.Id(), cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Created, NoContent, NotFound, ValidationProblem>> PutAsync(
        string id, string expertId, ShortlistItemChange? request, HttpContext context, ShortlistStore shortlists, ExpertStore store, CancellationToken cancellationToken)
    {
        if (Check(request ?? new ShortlistItemChange(null, null), out var status) is { } invalid)
        {
            return invalid;
        }

        // An expert the caller may not see cannot be added: that would confirm the hidden profile exists.
        if (await ProfileAccess.FindVisibleAsync(store, context.User, expertId, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var outcome = await shortlists.AddOrKeepAsync(id, context.User.Id(), expertId, context.User.ChangedBy(), cancellationToken);
        if (outcome == ShortlistAddOutcome.NotFound)
        {
            return TypedResults.NotFound();
        }

        if (status is not null || request?.Note is not null)
        {
            await shortlists.UpdateAsync(id, context.User.Id(), expertId, status, request?.Note, context.User.ChangedBy(), cancellationToken);
        }

        return outcome == ShortlistAddOutcome.Added
            ? TypedResults.Created($"/api/shortlists/{Uri.EscapeDataString(id)}/experts/{Uri.EscapeDataString(expertId)}")
            : TypedResults.NoContent();
    }

    private static ValidationProblem? Check(ShortlistItemChange request, out ShortlistStatus? status)
    {
        status = null;
        if (request.Status is not null)
        {
            if (!ShortlistStatuses.TryParse(request.Status, out var parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [string.Join(", ", ShortlistStatuses.All.Select(s => s.Name()))] });
            }

            status = parsed;
        }

        return ShortlistLimits.CheckNote(request.Note) is { } noteError
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = [noteError] })
            : null;
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> UpdateAsync(
        string id, string expertId, ShortlistItemChange request, HttpContext context, ShortlistStore shortlists, CancellationToken cancellationToken)
    {
        if (Check(request, out var status) is { } invalid)
        {
            return invalid;
        }

        return await shortlists.UpdateAsync(id, context.User.Id(), expertId, status, request.Note, context.User.ChangedBy(), cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.NotFound();
    }

    private static async Task<Results<NoContent, NotFound>> RemoveAsync(string id, string expertId, HttpContext context, ShortlistStore shortlists, CancellationToken cancellationToken) =>
        await shortlists.RemoveAsync(id, context.User.Id(), expertId, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<FileContentHttpResult, NotFound>> ExportAsync(
        string id, HttpContext context, ShortlistStore shortlists, ExpertStore store, CancellationToken cancellationToken)
    {
        var shortlist = await shortlists.GetAsync(id, context.User.Id(), cancellationToken);
        if (shortlist is null)
        {
            return TypedResults.NotFound();
        }

        var view = ShortlistView.From(shortlist, context.User);
        var csv = await ShortlistCsv.WriteAsync(view, store, context.User, cancellationToken);
        // A byte-order mark so Excel opens Vietnamese text as UTF-8.
        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", ShortlistCsv.FileName(view));
    }
}
