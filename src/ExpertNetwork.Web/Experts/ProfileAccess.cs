using System.Security.Claims;
using ExpertNetwork.Experts;
using ExpertNetwork.Web.Security;

namespace ExpertNetwork.Web.Experts;

/// <summary>The consent rules, in one place: unlisted profiles only for admins, email only with consent or for admins.</summary>
internal static class ProfileAccess
{
    public static bool CanSee(ClaimsPrincipal user, Expert expert) => CanSee(user, expert.Consent.Listed);

    public static bool CanSee(ClaimsPrincipal user, bool listed) => listed || user.IsAdmin();

    public static bool CanSeeContact(ClaimsPrincipal user, Expert expert) => expert.Consent.Contact || user.IsAdmin();

    /// <summary>What this user may be shown; pages and JSON render only this, so nothing withheld can leak through a template.</summary>
    public static Expert Redact(ClaimsPrincipal user, Expert expert) => CanSeeContact(user, expert) ? expert : expert with { Email = null };

    /// <summary>The profile if this user may see it; a hidden profile is reported exactly like a missing one.</summary>
    public static async Task<Expert?> FindVisibleAsync(ExpertStore store, ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        if (id.Length > 64)
        {
            return null;
        }

        var stored = await store.GetAsync(id, cancellationToken);
        return stored is not null && CanSee(user, stored.Expert) ? Redact(user, stored.Expert) : null;
    }
}
