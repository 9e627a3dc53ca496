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

            // API clients get problem details; people get the error page in their language, which the status code pages render from the empty answer.
            if (Home.PagesSetup.IsApi(context.HttpContext))
            {
                await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(context.HttpContext);
            }
        };

        // Only attempts count: showing the form again must not use up someone's tries.
        options.AddPolicy(SignIn, context => WritesOnly(context, ClientAddress(context), limits.SignInPermitLimit, limits.SignInWindowSeconds));

        options.AddPolicy(Search, context => RateLimitPartition.GetFixedWindowLimiter(
            UserOrAddress(context), _ => Window(limits.SearchPermitLimit, limits.SearchWindowSeconds)));

        // Like search, per user; only a run of the matcher counts, not showing the empty form.
        options.AddPolicy(Match, context => WritesOnly(context, UserOrAddress(context), limits.MatchPermitLimit, limits.MatchWindowSeconds));

        // Each claim request sends a mail to someone else's address: a few per user and hour, so the app cannot be used to spam.
        options.AddPolicy(Claim, context => WritesOnly(context, UserOrAddress(context), limits.ClaimPermitLimit, limits.ClaimWindowSeconds));
    }

    private static RateLimitPartition<string> WritesOnly(HttpContext context, string partition, int permits, int seconds) =>
        HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? RateLimitPartition.GetNoLimiter("read")
            : RateLimitPartition.GetFixedWindowLimiter(partition, _ => Window(permits, seconds));

    private static FixedWindowRateLimiterOptions Window(int permits, int seconds) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromSeconds(seconds),
        QueueLimit = 0,
    };

    private static string UserOrAddress(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? "user:" + context.User.Identity.Name : ClientAddress(context);

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
