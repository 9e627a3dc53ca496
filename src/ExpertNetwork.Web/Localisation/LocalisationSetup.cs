using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;

namespace ExpertNetwork.Web.Localisation;

internal static class LocalisationSetup
{
    public const string QueryKey = "lang";

    public static WebApplicationBuilder AddLocalisation(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            CultureInfo[] cultures = [.. Texts.Languages.Select(CultureInfo.GetCultureInfo)];
            options.DefaultRequestCulture = new RequestCulture(Texts.Vietnamese);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // The query wins over the cookie so a shared link shows the language it was sent in; the browser's own preference is not asked, Vietnamese is the default.
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = QueryKey, UIQueryStringKey = QueryKey },
                new CustomRequestCultureProvider(OriginalQuery),
                new CookieRequestCultureProvider(),
            ];
        });
        return builder;
    }

    /// <summary>
    /// An error page re-executes the request without its query, so a page asked for with <c>?lang=en</c> would
    /// answer its error in the cookie's language; the original query still says which one was asked for.
    /// </summary>
    private static Task<ProviderCultureResult?> OriginalQuery(HttpContext context)
    {
        var original = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalQueryString;
        if (original is { Length: > 0 } && Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(original).TryGetValue(QueryKey, out var asked)
            && asked.Count == 1 && Texts.Languages.Contains(asked[0]!))
        {
            return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(asked[0]!));
        }

        return Task.FromResult<ProviderCultureResult?>(null);
    }

    public static WebApplication UseLocalisation(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }

    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder routes)
    {
        // Choosing a language is open to everyone, signed in or not.
        routes.MapGet("/lang/{code}", SwitchLanguage).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    private static Results<RedirectHttpResult, NotFound> SwitchLanguage(string code, string? returnUrl, HttpContext context)
    {
        if (!Texts.Languages.Contains(code))
        {
            return TypedResults.NotFound();
        }

        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(code)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
        return TypedResults.LocalRedirect(Security.LocalRedirects.Target(returnUrl));
    }
}
