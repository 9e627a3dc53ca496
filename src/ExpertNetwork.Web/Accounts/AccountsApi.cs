using ExpertNetwork.Accounts;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ExpertNetwork.Web.Accounts;

public sealed record AntiforgeryToken(string Token, string HeaderName);

public sealed record Me(string Id, string Email, string? DisplayName, string Role);

public sealed record UserView(string Id, string Email, string? DisplayName, string Role, DateTimeOffset CreatedAt, bool Disabled = false)
{
    public static UserView From(UserAccount user) => new(user.Id, user.Email, user.DisplayName, user.Role, user.CreatedAt, user.IsDisabled);
}

public sealed record NewUser(string Email, string Password, string Role, string? DisplayName);

public sealed record RoleChange(string Role);

public sealed record DisabledChange(bool Disabled);

internal static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder routes)
    {
        // Anyone may fetch a token: it is bound to the caller's own session and cookie.
        routes.MapGet("/api/antiforgery", GetAntiforgeryToken).AllowAnonymous().WithTags("Accounts")
            .WithSummary("An antiforgery token for cookie-authenticated POST, PUT, PATCH and DELETE requests");

        routes.MapGet("/api/account/me", GetMeAsync).RequireAuthorization().WithTags("Accounts").WithSummary("The signed-in user");

        // Only admins manage accounts; writes also need the antiforgery header because the session is a cookie.
        var users = routes.MapGroup("/api/users").WithTags("Users").RequireAuthorization(Policies.Admin).RequireAntiforgeryHeader();
        users.MapGet("/", ListUsersAsync).WithSummary("Every account");
        users.MapPost("/", CreateUserAsync).WithSummary("Creates an account with any role (recruiters and organisers are created here)");
        users.MapPut("/{id}/role", ChangeRoleAsync).WithSummary("Changes a user's role; their open sessions end");
        users.MapPut("/{id}/disabled", SetDisabledAsync).WithSummary("Disables ({\"disabled\": true}) or re-enables an account; its open sessions end. Not for your own account or the last active admin");
        users.MapDelete("/{id}", DeleteUserAsync).WithSummary("Deletes an account with its shortlists, events and profile claim; the profile stays. Not for your own account or the last active admin");
        return routes;
    }

    private static Ok<AntiforgeryToken> GetAntiforgeryToken(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new AntiforgeryToken(tokens.RequestToken!, tokens.HeaderName!));
    }

    private static async Task<Results<Ok<Me>, UnauthorizedHttpResult>> GetMeAsync(HttpContext context, UserStore users, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(context.User.Id(), cancellationToken);
        return user is null ? TypedResults.Unauthorized() : TypedResults.Ok(new Me(user.Id, user.Email, user.DisplayName, user.Role));
    }

    private static async Task<Ok<IReadOnlyList<UserView>>> ListUsersAsync(UserStore users, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<UserView>>((await users.ListAsync(cancellationToken)).Select(UserView.From).ToList());

    private static async Task<Results<Created<UserView>, ValidationProblem>> CreateUserAsync(NewUser request, AccountService accounts, CancellationToken cancellationToken)
    {
        var result = await accounts.CreateAsync(request.Email ?? "", request.DisplayName, request.Role ?? "", request.Password ?? "", cancellationToken);
        if (result.Error is { } error)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [FieldOf(error)] = [error.ToString()] });
        }

        return TypedResults.Created($"/api/users/{result.User!.Id}", UserView.From(result.User));
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> ChangeRoleAsync(
        string id, RoleChange request, AccountService accounts, CancellationToken cancellationToken) =>
        await accounts.ChangeRoleAsync(id, request.Role ?? "", cancellationToken) switch
        {
            RoleChangeResult.Changed => TypedResults.NoContent(),
            RoleChangeResult.NotFound => TypedResults.NotFound(),
            var refused => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = [refused.ToString()] }),
        };

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> SetDisabledAsync(
        string id, DisabledChange request, HttpContext context, AccountService accounts, CancellationToken cancellationToken) =>
        Answer(await accounts.SetDisabledAsync(id, request.Disabled, context.User.Id(), cancellationToken));

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> DeleteUserAsync(
        string id, HttpContext context, AccountService accounts, CancellationToken cancellationToken) =>
        Answer(await accounts.DeleteAsync(id, context.User.Id(), cancellationToken));

    private static Results<NoContent, NotFound, ValidationProblem> Answer(AccountChangeResult result) => result switch
    {
        AccountChangeResult.Changed => TypedResults.NoContent(),
        AccountChangeResult.NotFound => TypedResults.NotFound(),
        var refused => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [refused.ToString()] }),
    };

    private static string FieldOf(AccountError error) => error switch
    {
        AccountError.InvalidEmail or AccountError.EmailTaken => "email",
        AccountError.UnknownRole => "role",
        _ => "password",
    };
}
