using System.Security.Claims;
using ExpertNetwork.Web.Security;

namespace ExpertNetwork.Web.Home;

public sealed record HomeTile(string Href, string Title, string Description);

/// <summary>Where each role goes next, as tiles on the home page: the same places the navigation offers that role.</summary>
public static class HomeTiles
{
    public static IReadOnlyList<HomeTile> For(ClaimsPrincipal user)
    {
        var tiles = new List<HomeTile>();
        if (user.IsResearcher())
        {
            tiles.Add(new HomeTile("/me", "nav.me", "home.tile.me"));
        }

        if (user.MayUseDirectory())
        {
            tiles.Add(new HomeTile("/search", "nav.search", "home.tile.search"));
            tiles.Add(new HomeTile("/match", "nav.match", "home.tile.match"));
            tiles.Add(new HomeTile("/match/team", "nav.team", "home.tile.team"));
        }

        if (user.MayUseShortlists())
        {
            tiles.Add(new HomeTile("/shortlists", "nav.shortlists", "home.tile.shortlists"));
        }

        if (user.MayUseEvents())
        {
            tiles.Add(new HomeTile("/events", "nav.events", "home.tile.events"));
        }

        tiles.Add(new HomeTile("/stats", "nav.stats", "home.tile.stats"));
        if (user.IsAdmin())
        {
            tiles.Add(new HomeTile("/admin/users", "nav.users", "home.tile.users"));
        }

        return tiles;
    }
}
