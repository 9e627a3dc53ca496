using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Shortlists;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExpertNetwork.Web.Matching;

// Staff roles only; a run of the matcher is a POST, rate limited per user like the API.
[Authorize(Policy = Policies.Directory)]
[EnableRateLimiting(RateLimitPolicies.Match)]
public sealed class MatchModel(DirectoryMatching matching, ShortlistStore shortlists, MatchingEngine engine) : PageModel
{
    public MatchingStatus Status => engine.Status;

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string Kind { get; set; } = "project";

    [BindProperty]
    public List<string> Fields { get; set; } = [];

    [BindProperty]
    public string Location { get; set; } = "any";

    [BindProperty]
    public string? Languages { get; set; }

    [BindProperty]
    public List<string> Engagement { get; set; } = [];

    public MatchPage? Results { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public IReadOnlyList<ShortlistSummary> Shortlists { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadShortlistsAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadShortlistsAsync(cancellationToken);
        var languages = (Languages ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.ToLowerInvariant()).Distinct().ToList();
        var request = new MatchRequest(Text, Kind, Fields, Location, languages, Engagement);
        var errors = MatchLimits.Check(request);
        if (errors.Count > 0)
        {
            Errors = [.. errors.Keys.Select(k => "match.error." + k)];
            return Page();
        }

        Results = await matching.MatchAsync(request, User, cancellationToken);
        return Page();
    }

    /// <summary>After adding to a shortlist the form is empty again: the results came from a POST and are not re-run on a redirect.</summary>
    public const string ReturnUrl = "/match";

    public static IReadOnlyList<string> Kinds => Vocabulary.NeedKinds;

    private async Task LoadShortlistsAsync(CancellationToken cancellationToken)
    {
        if (User.MayUseShortlists())
        {
            Shortlists = await shortlists.ListAsync(User.Id(), cancellationToken);
        }
    }
}
