using System.Security.Claims;
using ExpertNetwork.Shortlists;
using ExpertNetwork.Web.Security;

namespace ExpertNetwork.Web.Shortlists;

/// <summary>The small add-to-shortlist form beside a search hit or on a profile.</summary>
public sealed record AddToShortlist(string ExpertId, IReadOnlyList<ShortlistSummary> Shortlists, string ReturnUrl);

public sealed record NewShortlist(string Name, string? Need);

public sealed record ShortlistItemChange(string? Status, string? Note);

public sealed record ShortlistItemView(string ExpertId, string? FullName, string? Headline, string? Affiliation, string? Country, bool Listed, string Status, string? Note, DateTimeOffset AddedAt);

public sealed record ShortlistView(string Id, string Name, string? Need, DateTimeOffset CreatedAt, IReadOnlyList<ShortlistItemView> Experts)
{
    /// <summary>An expert who has since unlisted keeps their place on the list, but only admins still see who it is.</summary>
    public static ShortlistView From(Shortlist shortlist, ClaimsPrincipal user) => new(
        shortlist.Id,
        shortlist.Name,
        shortlist.Need,
        shortlist.CreatedAt,
        shortlist.Items.Select(i => i.Listed || user.IsAdmin()
            ? new ShortlistItemView(i.ExpertId, i.FullName, i.Headline, i.Affiliation, i.Country, i.Listed, i.Status.Name(), i.Note, i.AddedAt)
            : new ShortlistItemView(i.ExpertId, null, null, null, null, false, i.Status.Name(), i.Note, i.AddedAt)).ToList());
}

internal static class ShortlistLimits
{
    public const int MaxName = 200;
    public const int MaxNeed = 4000;
    public const int MaxNote = 2000;

    public static string? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "required" : name.Trim().Length > MaxName ? $"at most {MaxName} characters" : null;

    public static string? CheckNeed(string? need) => need is not null && need.Length > MaxNeed ? $"at most {MaxNeed} characters" : null;

    public static string? CheckNote(string? note) => note is not null && note.Length > MaxNote ? $"at most {MaxNote} characters" : null;
}
