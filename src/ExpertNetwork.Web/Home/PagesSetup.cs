using System.Text.Encodings.Web;
using System.Text.Unicode;
using ExpertNetwork.Web.Localisation;
using Microsoft.Extensions.WebEncoders;

namespace ExpertNetwork.Web.Home;

internal static class PagesSetup
{
    public static WebApplicationBuilder AddPages(this WebApplicationBuilder builder)
    {
        // Pages live beside the API of their feature, so the whole project is the pages' root.
        builder.Services.AddRazorPages(options => options.RootDirectory = "/");
        builder.Services.AddRouting(options => options.LowercaseUrls = true);
        builder.Services.AddSingleton<Texts>();
        // Vietnamese letters stay letters in the HTML instead of numeric entities; markup characters are still encoded.
        builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return builder;
    }

    /// <summary>API clients get problem details; people get a page in their language.</summary>
    public static WebApplication UseErrorPages(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = _ => StatusCodes.Status500InternalServerError,
        });
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseWhen(context => !IsApi(context), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        return app;
    }

    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    /// <summary>Served from the assembly, so <c>expertnet serve</c> needs no wwwroot beside the working directory.</summary>
    public static WebApplication UseEmbeddedStaticFiles(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new Microsoft.Extensions.FileProviders.EmbeddedFileProvider(typeof(Program).Assembly, "ExpertNetwork.Web.wwwroot"),
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        return app;
    }
}
