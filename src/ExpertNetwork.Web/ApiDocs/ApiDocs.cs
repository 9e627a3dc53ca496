using Scalar.AspNetCore;

namespace ExpertNetwork.Web.ApiDocs;

internal static class ApiDocs
{
    public const string DocumentPattern = "/api/openapi/{documentName}.json";

    public static WebApplicationBuilder AddApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ExpertNetwork API";
            document.Info.Description = "Search, profiles, statistics, shortlists and accounts. Sign in through /account/sign-in (cookie); " +
                "POST, PUT, PATCH and DELETE also need the token from GET /api/antiforgery in the X-CSRF-TOKEN header.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder routes)
    {
        // The description of the API is public; every endpoint it lists still checks its own authorisation.
        routes.MapOpenApi(DocumentPattern).AllowAnonymous();
        // Fonts from the vendor's CDN, its AI chat, MCP and telemetry would all reach outside this site: off, as the
        // security policy allows only this origin; the client button and developer toolbar are the vendor's, not ours.
        routes.MapScalarApiReference("/api/docs", options => options
                .WithTitle("ExpertNetwork API")
                .WithOpenApiRoutePattern(DocumentPattern)
                .DisableDefaultFonts()
                .DisableAgent()
                .DisableMcp()
                .DisableTelemetry()
                .HideClientButton()
                .HideDeveloperTools())
            .AllowAnonymous();
        return routes;
    }
}
