using ExpertNetwork.Search;
using ExpertNetwork.Shortlists;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExpertNetwork.Web.Search;

// Staff roles only, rate limited per user like the search API.
[Authorize(Policy = Policies.Directory)]
[EnableRateLimiting(RateLimitPolicies.Search)]
public sealed class SearchModel(DirectorySearch search, ShortlistStore shortlists) : PageModel
{
    public SearchParameters Parameters { get; private set; } = new();

    public SearchPage? Results { get; private set; }

    public IReadOnlyList<ShortlistSummary> Shortlists { get; private set; } = [];

    // Razor Pages keeps the page's own path in the route value "page", which binding reads before the query string:
    // the page number must come from the query alone or every page shows page 1.
    public async Task OnGetAsync(
        string? q, string[]? field, string[]? country, string[]? location, string[]? degree, string[]? engagement, string[]? language,
        string? sort, [FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        Parameters = new SearchParameters
        {
            Q = q, Field = field, Country = country, Location = location, Degree = degree, Engagement = engagement, Language = language,
            Sort = sort, Page = page,
        };
        Results = await search.SearchAsync(Parameters, User, cancellationToken);
        if (User.MayUseShortlists())
        {
            Shortlists = await shortlists.ListAsync(User.Id(), cancellationToken);
        }
    }

    public string PageUrl(int page)
    {
        var kept = Request.Query.Where(p => p.Key != "page").SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))).ToList();
        kept.Add(new("page", page.ToString()));
        return "/search" + new QueryBuilder(kept).ToQueryString();
    }

    public string ReturnUrl => Request.Path + Request.QueryString;

    public static readonly IReadOnlyList<string> HighlightOrder =
    [
        HighlightFields.FullName, HighlightFields.OtherNames, HighlightFields.Headline, HighlightFields.Affiliation,
        HighlightFields.Keywords, HighlightFields.Bio, HighlightFields.Publications,
    ];
}
