using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ExpertNetwork.Web.Security;

internal static class SecuritySetup
{
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddAntiforgery(options =>
        {
            options.HeaderName = AntiforgeryHeader;
            options.Cookie.Name = "expertnet.af";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SecurityOptions>>((forwarded, security) => ConfigureProxies(forwarded, security.Value));
        builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        builder.Services.AddRateLimits();
        // A JSON body with a name twice is refused rather than read as its last value; bodies that are not UTF-8 already are.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.AllowDuplicateProperties = false);
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(handlers => handlers.ThrowOnBadRequest = true);
        builder.Services.AddOptions<FormOptions>().Configure<IOptions<SecurityOptions>>((form, security) =>
        {
            form.MultipartBodyLengthLimit = security.Value.MaxRequestBodyBytes;
            form.ValueLengthLimit = (int)Math.Min(int.MaxValue, security.Value.MaxRequestBodyBytes);
        });
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            kestrel.Limits.MaxRequestBodySize = context.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>()?.MaxRequestBodyBytes ?? new SecurityOptions().MaxRequestBodyBytes);
        return builder;
    }

    /// <summary>
    /// Only the configured proxies' headers count: the framework's default also believes the loopback address,
    /// and with none configured the app takes every request as it arrives.
    /// </summary>
    private static void ConfigureProxies(ForwardedHeadersOptions forwarded, SecurityOptions security)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in security.KnownProxies)
        {
            forwarded.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"Security:KnownProxies: '{proxy}' is not an IP address."));
        }

        foreach (var network in security.KnownNetworks)
        {
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"Security:KnownNetworks: '{network}' is not a network in CIDR form (e.g. 10.0.0.0/24)."));
        }

        // Each configured proxy adds its own entry; more hops than proxies means someone else wrote the rest.
        forwarded.ForwardLimit = Math.Max(1, security.KnownProxies.Count + security.KnownNetworks.Count);
    }

    /// <summary>
    /// First in the pipeline, so everything after sees the client's address and scheme; HSTS outside
    /// Development, where the site is served over HTTPS (a local run on plain HTTP must not pin the browser).
    /// </summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        return app;
    }

    /// <summary>
    /// Pages run no inline script or style, so the policy allows only this origin's files. The API reference
    /// is a third-party page that boots from an inline script; it alone gets that allowance.
    /// </summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            var script = context.Request.Path.StartsWithSegments("/api/docs") ? "'self' 'unsafe-inline'" : "'self'";
            var style = context.Request.Path.StartsWithSegments("/api/docs") ? "'self' 'unsafe-inline'" : "'self'";
            headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src {script}; style-src {style}; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
                "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(context);
        });
        return app;
    }

    /// <summary>
    /// Kestrel enforces the body limit while reading; this also turns away a declared oversized body up
    /// front, behind any server, before a handler starts binding it.
    /// </summary>
    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        var limit = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.MaxRequestBodyBytes;
        app.Use((context, next) =>
        {
            if (context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return Task.CompletedTask;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            return next(context);
        });
        return app;
    }

    /// <summary>
    /// A body the endpoint cannot read (not JSON, not UTF-8, a name twice) answers 400 with what the JSON reader
    /// said, path and line included, instead of an empty 400 that leaves the client guessing.
    /// </summary>
    public static WebApplication UseBadRequestAnswers(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted && Home.PagesSetup.IsApi(context))
            {
                var detail = e.InnerException is System.Text.Json.JsonException json
                    ? json.InnerException is { } cause ? $"{json.Message} {cause.Message}" : json.Message
                    : e.Message;
                await TypedResults.Problem(statusCode: e.StatusCode, title: "The request could not be read", detail: detail).ExecuteAsync(context);
            }
        });
        return app;
    }

    /// <summary>
    /// Cookie-authenticated JSON writes need the antiforgery token in the <see cref="AntiforgeryHeader"/> header,
    /// which a cross-site form cannot send. Put on a route group once; reads pass through.
    /// </summary>
    public static TBuilder RequireAntiforgeryHeader<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
            {
                return await next(context);
            }

            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Missing or invalid antiforgery token",
                    detail: $"Send the token from GET /api/antiforgery in the {AntiforgeryHeader} header.");
            }

            return await next(context);
        });
}
