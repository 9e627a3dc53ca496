using System.Security.Claims;
using ExpertNetwork.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace ExpertNetwork.Web.Security;

/// <summary>Who may do what. Endpoints and pages name one of these; anything that names none needs a signed-in user.</summary>
internal static class Policies
{
    /// <summary>Searching and reading profiles: the staff roles, not researchers (they keep their own profile only).</summary>
    public const string Directory = "directory";

    public const string Shortlists = "shortlists";

    public const string Admin = "admin";

    /// <summary>ICISE events and speaker invitations: organisers and admins.</summary>
    public const string Events = "events";

    /// <summary>A researcher's own profile: claiming, editing, export and deletion.</summary>
    public const string Researcher = "researcher";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Directory, p => p.RequireRole(Roles.Admin, Roles.Recruiter, Roles.Organiser));
        options.AddPolicy(Shortlists, p => p.RequireRole(Roles.Admin, Roles.Recruiter));
        options.AddPolicy(Events, p => p.RequireRole(Roles.Admin, Roles.Organiser));
        options.AddPolicy(Researcher, p => p.RequireRole(Roles.Researcher));
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}

internal static class CurrentUser
{
    public const string StampClaim = "expertnet:stamp";

    public static string Id(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No signed-in user.");

    public static string Email(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.Email) ?? throw new InvalidOperationException("No signed-in user.");

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    public static bool MayUseDirectory(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Recruiter) || user.IsInRole(Roles.Organiser);

    public static bool MayUseShortlists(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Recruiter);

    public static bool IsResearcher(this ClaimsPrincipal user) => user.IsInRole(Roles.Researcher);

    public static bool MayUseEvents(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Organiser);

    /// <summary>The audit trail's name for changes made by this user.</summary>
    public static string ChangedBy(this ClaimsPrincipal user) => "user:" + user.Email();
}
