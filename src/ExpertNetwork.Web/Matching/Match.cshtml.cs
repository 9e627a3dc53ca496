using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Shortlists;
using ExpertNetwork.Web.Experts;
using ExpertNetwork.Web.Localisation;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExpertNetwork.Web.Matching;

// Staff roles only; a run of the matcher is a POST, rate limited per user like the API.
[Authorize(Policy = Policies.Directory)]
[EnableRateLimiting(RateLimitPolicies.Match)]
public sealed class MatchModel(DirectoryMatching matching, ShortlistStore shortlists, ExpertStore store, MatchingEngine engine, Texts texts) : PageModel
{
    public const int PageSize = 10;

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
    public List<string> Languages { get; set; } = [];

    [BindProperty]
    public List<string> Engagement { get; set; } = [];

    /// <summary>The pager's buttons post the need again with the page to show; a new search starts on the first.</summary>
    [BindProperty]
    public int? ToPage { get; set; }

    /// <summary>The page on show, posted back when an expert is added so the same ten stay in view.</summary>
    [BindProperty]
    public int? CurrentPage { get; set; }

    /// <summary>Which ten of the up to fifty results are shown.</summary>
    public int PageNumber { get; private set; } = 1;

    [BindProperty]
    public string? ShortlistId { get; set; }

    public MatchPage? Results { get; private set; }

    public IReadOnlyList<MatchHitView> Shown => Results is null ? [] : [.. Results.Results.Skip((PageNumber - 1) * PageSize).Take(PageSize)];

    public int PageCount => Results is null ? 0 : Math.Max(1, (Results.Results.Count + PageSize - 1) / PageSize);

    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The answer to adding an expert to a shortlist, shown above the results, which stay as they were.</summary>
    public string? AddMessage { get; private set; }

    public IReadOnlyList<ShortlistSummary> Shortlists { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadShortlistsAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadShortlistsAsync(cancellationToken);
        PageNumber = ToPage ?? 1;
        await RunAsync(cancellationToken);
        return Page();
    }

    /// <summary>Adds one result to a shortlist and shows the same results again, with whether it was added or already there.</summary>
    public async Task<IActionResult> OnPostAddAsync(string? expertId, CancellationToken cancellationToken)
    {
        if (!User.MayUseShortlists())
        {
            return Forbid();
        }

        if (string.IsNullOrEmpty(expertId) || string.IsNullOrEmpty(ShortlistId)
            || await ProfileAccess.FindVisibleAsync(store, User, expertId, cancellationToken) is not { } expert)
        {
            return NotFound();
        }

        var outcome = await shortlists.AddOrKeepAsync(ShortlistId, User.Id(), expertId, User.ChangedBy(), cancellationToken);
        if (outcome == ShortlistAddOutcome.NotFound)
        {
            return NotFound();
        }

        await LoadShortlistsAsync(cancellationToken);
        var list = Shortlists.First(s => s.Id == ShortlistId).Name;
        AddMessage = texts.Format(outcome == ShortlistAddOutcome.Added ? "shortlist.addedTo" : "shortlist.alreadyThere", expert.FullName, list);
        PageNumber = CurrentPage ?? 1;
        await RunAsync(cancellationToken);
        return Page();
    }

    public static IReadOnlyList<string> Kinds => Vocabulary.NeedKinds;

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var languages = Languages.Select(l => l.Trim().ToLowerInvariant()).Where(l => l.Length > 0).Distinct().ToList();
        var request = new MatchRequest(Text, Kind, Fields, Location, languages, Engagement, MatchLimits.MaxTop);
        var errors = MatchLimits.Check(request);
        if (errors.Count > 0)
        {
            Errors = [.. errors.Keys.Select(k => "match.error." + k)];
            return;
        }

        Results = await matching.MatchAsync(request, User, cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
    }

    private async Task LoadShortlistsAsync(CancellationToken cancellationToken)
    {
        if (User.MayUseShortlists())
        {
            Shortlists = await shortlists.ListAsync(User.Id(), cancellationToken);
        }
    }
}
