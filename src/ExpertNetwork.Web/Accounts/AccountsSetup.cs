using ExpertNetwork.Accounts;
using ExpertNetwork.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging.Abstractions;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ExpertNetwork.Web.Accounts;

internal static class AccountsSetup
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        builder.Services.AddSingleton<AccountService>();
        builder.Services.AddSingleton<SignInGuard>();
        builder.Services.AddSingleton<SelfRegistration>();
        builder.Services.AddHostedService<AdminBootstrap>();
        // Registered before data protection, so it starts first: data protection's own start-up service loads the key
        // ring and makes a key when there is none, outside the lock that keeps two new apps from making one each.
        builder.Services.AddHostedService<SharedKeyRing>();
        // Keys live with the data, so sessions survive a restart and each data directory has its own.
        builder.Services.AddDataProtection().SetApplicationName("ExpertNetwork");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IOptions<StorageOptions>>((keys, storage) =>
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(storage.Value.DataDirectory, "keys")), NullLoggerFactory.Instance));
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AccountsOptions>>((cookie, accounts) => Configure(cookie, accounts.Value));
        builder.Services.AddAuthorization(Policies.Add);
        return builder;
    }

    private static void Configure(CookieAuthenticationOptions cookie, AccountsOptions accounts)
    {
        cookie.Cookie.Name = "expertnet.session";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        // Secure whenever the request came over HTTPS; plain HTTP stays usable for a local run on the loopback address.
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.ExpireTimeSpan = TimeSpan.FromHours(accounts.SessionHours);
        cookie.SlidingExpiration = true;
        cookie.LoginPath = "/account/sign-in";
        cookie.LogoutPath = "/account/sign-out";
        cookie.AccessDeniedPath = "/account/denied";
        cookie.Events = new CookieAuthenticationEvents
        {
            // API clients get status codes, not a redirect to an HTML form.
            OnRedirectToLogin = context => ApiStatusOrRedirect(context, StatusCodes.Status401Unauthorized),
            OnRedirectToAccessDenied = context => ApiStatusOrRedirect(context, StatusCodes.Status403Forbidden),

            // A role change, a disabled or a removed account ends the sessions that carry the old stamp.
            OnValidatePrincipal = async context =>
            {
                var id = context.Principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
                var stamp = context.Principal?.FindFirst(CurrentUser.StampClaim)?.Value;
                var users = context.HttpContext.RequestServices.GetRequiredService<UserStore>();
                var user = id is null ? null : await users.FindByIdAsync(id, context.HttpContext.RequestAborted);
                if (user is null || user.SecurityStamp != stamp || user.IsDisabled)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                }
            },
        };
    }

    private static Task ApiStatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (Home.PagesSetup.IsApi(context.HttpContext))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
