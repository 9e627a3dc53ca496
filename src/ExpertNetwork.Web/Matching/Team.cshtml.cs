using ExpertNetwork.Experts;
using ExpertNetwork.Shortlists;
using ExpertNetwork.Web.Experts;
using ExpertNetwork.Web.Localisation;
using ExpertNetwork.Web.Security;
using ExpertNetwork.Web.Shortlists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExpertNetwork.Web.Matching;

// Staff roles; assembling runs the matcher once per skill, so it is rate limited like matching.
[Authorize(Policy = Policies.Directory)]
[EnableRateLimiting(RateLimitPolicies.Match)]
public sealed class TeamModel(TeamAssembler assembler, ShortlistStore shortlists, ExpertStore store, Texts texts) : PageModel
{
    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public int Size { get; set; } = TeamLimits.DefaultSize;

    /// <summary>Skills the recruiter adds, one per line.</summary>
    [BindProperty]
    public string? Skills { get; set; }

    [BindProperty]
    public List<string> Fields { get; set; } = [];

    [BindProperty]
    public bool InProvince { get; set; }

    [BindProperty]
    public int? MaxAbroad { get; set; }

    [BindProperty]
    public bool OnePerAffiliation { get; set; }

    public TeamView? Team { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public IReadOnlyList<ShortlistSummary> Shortlists { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadShortlistsAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadShortlistsAsync(cancellationToken);
        var request = BuildRequest();
        var errors = TeamLimits.Check(request);
        if (errors.Count > 0)
        {
            Errors = [.. errors.Keys.Select(k => "team.error." + k)];
            return Page();
        }

        Team = await assembler.AssembleAsync(request, User, cancellationToken);
        return Page();
    }

    /// <summary>
    /// Puts the team shown on a shortlist, each member with a note of the skills they cover; a new list is named after
    /// the need. The members come from the page, so what is saved is what the recruiter saw.
    /// </summary>
    public async Task<IActionResult> OnPostShortlistAsync(string? shortlistId, string? newName, List<string> member, List<string> memberNote, CancellationToken cancellationToken)
    {
        if (!User.MayUseShortlists())
        {
            return Forbid();
        }

        if (member.Count is 0 or > TeamLimits.MaxSize || memberNote.Count != member.Count || memberNote.Any(n => n.Length > ShortlistLimits.MaxNote))
        {
            return BadRequest();
        }

        string id;
        string name;
        if (string.IsNullOrEmpty(shortlistId))
        {
            name = string.IsNullOrWhiteSpace(newName) ? Shorten(Text ?? texts["team.title"]) : newName.Trim();
            if (ShortlistLimits.CheckName(name) is not null || ShortlistLimits.CheckNeed(Text) is not null)
            {
                return BadRequest();
            }

            var created = await shortlists.CreateAsync(User.Id(), name, Text, cancellationToken);
            (id, name) = (created.Id, created.Name);
        }
        else
        {
            var existing = (await shortlists.ListAsync(User.Id(), cancellationToken)).FirstOrDefault(s => s.Id == shortlistId);
            if (existing is null)
            {
                return NotFound();
            }

            (id, name) = (existing.Id, existing.Name);
        }

        var added = 0;
        for (var i = 0; i < member.Count; i++)
        {
            if (await ProfileAccess.FindVisibleAsync(store, User, member[i], cancellationToken) is null)
            {
                continue;
            }

            await shortlists.AddOrKeepAsync(id, User.Id(), member[i], User.ChangedBy(), cancellationToken);
            await shortlists.UpdateAsync(id, User.Id(), member[i], null, memberNote[i], User.ChangedBy(), cancellationToken);
            added++;
        }

        TempData["Flash"] = texts.Format("team.saved", added, name);
        return RedirectToPage("/Shortlists/Detail", new { id });
    }

    private TeamRequest BuildRequest() => new(
        Text,
        Size,
        (Skills ?? "").Split(['\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        Fields,
        InProvince,
        MaxAbroad,
        OnePerAffiliation);

    private static string Shorten(string text)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 80 ? line : line[..79] + "…";
    }

    private async Task LoadShortlistsAsync(CancellationToken cancellationToken)
    {
        if (User.MayUseShortlists())
        {
            Shortlists = await shortlists.ListAsync(User.Id(), cancellationToken);
        }
    }
}
