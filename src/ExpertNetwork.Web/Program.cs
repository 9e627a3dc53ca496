using ExpertNetwork.Web.Accounts;
using ExpertNetwork.Web.ApiDocs;
using ExpertNetwork.Web.Events;
using ExpertNetwork.Web.Experts;
using ExpertNetwork.Web.Home;
using ExpertNetwork.Matching;
using ExpertNetwork.Web.Localisation;
using ExpertNetwork.Web.Matching;
using ExpertNetwork.Web.Researchers;
using ExpertNetwork.Web.Search;
using ExpertNetwork.Web.Security;
using ExpertNetwork.Web.Shortlists;
using ExpertNetwork.Web.Startup;
using ExpertNetwork.Web.Stats;

namespace ExpertNetwork.Web;

/// <summary>The web app. <c>expertnet serve</c> builds the very same app through <see cref="CreateApp"/>.</summary>
public static class Program
{
    public static Task Main(string[] args) => CreateApp(args).RunAsync();

    /// <param name="overrides">Configuration that wins over everything else, e.g. the CLI's --data.</param>
    public static WebApplication CreateApp(string[] args, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        // The application name pins page discovery to this assembly when the CLI is the process's entry point.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(Program).Assembly.GetName().Name });
        builder.Configuration.AddExpertNetworkEnvironment();
        builder.Configuration.AddAccountsEnvironment();
        builder.Configuration.AddMailEnvironment();
        builder.Configuration.AddInMemoryCollection(overrides ?? new Dictionary<string, string?>());

        // The directory: store, import, search, shared with the CLI.
        builder.Services.AddExpertNetwork(builder.Configuration);

        // Start-up work that must finish before the first request: migrations, demo data, then the first admin.
        builder.AddDirectoryStartup();
        // After the start-up work: hosted services start in registration order, and the matcher's worker reads the migrated store.
        builder.Services.AddExpertMatching(builder.Configuration);
        builder.AddAccounts();

        builder.Services.AddSingleton<DirectorySearch>();
        builder.Services.AddSingleton<DirectoryMatching>();
        builder.Services.AddSingleton<SpeakerFinder>();
        builder.Services.AddSingleton<InvitationMailer>();
        builder.Services.AddSingleton<TeamAssembler>();
        builder.AddResearchers();
        builder.AddSecurity();
        builder.AddLocalisation();
        builder.AddPages();
        builder.AddApiDocs();
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks();

        var app = builder.Build();
        app.Services.GetRequiredService<PublicLinks>().LogStatus();

        app.UseTransportSecurity();
        app.UseForegroundRequests();
        app.UseErrorPages();
        app.UseSecurityHeaders();
        app.UseRequestLimits();
        app.UseBadRequestAnswers();
        app.UseEmbeddedStaticFiles();
        app.UseLocalisation();
        // Routing after the error pages, so a re-executed error request is routed to the error page afresh.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapApiDocs();
        app.MapLanguageSwitch();
        app.MapAccounts();
        app.MapSearch();
        app.MapExperts();
        app.MapStats();
        app.MapMatch();
        app.MapEvents();
        app.MapShortlists();
        app.MapResearchers();
        app.MapRazorPages();
        return app;
    }
}
