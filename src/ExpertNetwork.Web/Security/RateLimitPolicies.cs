using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ExpertNetwork.Web.Security;

internal static class RateLimitPolicies
{
    public const string SignIn = "sign-in";
    public const string Search = "search";
    public const string Match = "match";
    public const string Claim = "claim";

    public static void Configure(RateLimiterOptions options, SecurityOptions limits)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = async (context, cancellationToken) =>
        {
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
            }

            await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(context.HttpContext);
        };

        // Only attempts count: showing the form again must not use up someone's tries.
        options.AddPolicy(SignIn, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? RateLimitPartition.GetNoLimiter("read")
            : RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.SignInPermitLimit,
                Window = TimeSpan.FromSeconds(limits.SignInWindowSeconds),
                QueueLimit = 0,
            }));

        options.AddPolicy(Search, context => RateLimitPartition.GetFixedWindowLimiter(
            context.User.Identity?.IsAuthenticated == true ? "user:" + context.User.Identity.Name : ClientAddress(context),
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.SearchPermitLimit,
                Window = TimeSpan.FromSeconds(limits.SearchWindowSeconds),
                QueueLimit = 0,
            }));

        // Like search, per user; only a run of the matcher counts, not showing the empty form.
        options.AddPolicy(Match, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? RateLimitPartition.GetNoLimiter("read")
            : RateLimitPartition.GetFixedWindowLimiter(
                context.User.Identity?.IsAuthenticated == true ? "user:" + context.User.Identity.Name : ClientAddress(context),
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.MatchPermitLimit,
                    Window = TimeSpan.FromSeconds(limits.MatchWindowSeconds),
                    QueueLimit = 0,
                }));

        // Each claim request sends a mail to someone else's address: a few per user and hour, so the app cannot be used to spam.
        options.AddPolicy(Claim, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? RateLimitPartition.GetNoLimiter("read")
            : RateLimitPartition.GetFixedWindowLimiter(
                context.User.Identity?.IsAuthenticated == true ? "user:" + context.User.Identity.Name : ClientAddress(context),
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.ClaimPermitLimit,
                    Window = TimeSpan.FromSeconds(limits.ClaimWindowSeconds),
                    QueueLimit = 0,
                }));
    }

    private static string ClientAddress(HttpContext context) => "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}

internal static class RateLimitSetup
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SecurityOptions>>((options, limits) => RateLimitPolicies.Configure(options, limits.Value));
        return services;
    }
}
