using System.Net;
using System.Text.RegularExpressions;
using ExpertNetwork.Accounts;

namespace ExpertNetwork.Tests.Web;

/// <summary>The search page's pager: <c>page=</c> in the query string is the page shown, as <c>/api/search</c> reads it.</summary>
public sealed partial class SearchPagingTests
{
    [Fact]
    public async Task The_search_page_shows_the_page_asked_for_and_links_to_its_neighbours()
    {
        await using var app = new ExpertNetworkApp(demoCount: 70);
        using var recruiter = await app.SignedInAsync(Roles.Recruiter);

        var first = await PageAsync(recruiter, "/search?sort=name");
        var second = await PageAsync(recruiter, "/search?sort=name&page=2");
        var third = await PageAsync(recruiter, "/search?sort=name&page=3");
        var api = await recruiter.GetJsonAsync("/api/search?sort=name&page=2");
        var pageCount = api.GetProperty("pageCount").GetInt32();

        Assert.True(pageCount >= 3, $"the demo directory should fill three pages, got {pageCount}");
        Assert.Equal(2, api.GetProperty("page").GetInt32());
        Assert.Equal(api.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()), second.Ids);
        Assert.Empty(first.Ids.Intersect(second.Ids));
        Assert.Empty(second.Ids.Intersect(third.Ids));
        Assert.Equal($"Trang 2/{pageCount}", second.Indicator);
        Assert.Equal("/search?sort=name&page=1", second.Previous);
        Assert.Equal("/search?sort=name&page=3", second.Next);
        Assert.Equal($"Trang 1/{pageCount}", first.Indicator);
        Assert.Null(first.Previous);
    }

    private static async Task<ShownPage> PageAsync(WebSession session, string url)
    {
        var response = await session.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var pager = PagerPattern().Match(html).Value;
        return new ShownPage(
            HitPattern().Matches(html).Select(m => Uri.UnescapeDataString(m.Groups[1].Value)).ToList(),
            WebUtility.HtmlDecode(IndicatorPattern().Match(pager).Groups[1].Value),
            LinkPattern("prev").Match(pager) is { Success: true } previous ? WebUtility.HtmlDecode(previous.Groups[1].Value) : null,
            LinkPattern("next").Match(pager) is { Success: true } next ? WebUtility.HtmlDecode(next.Groups[1].Value) : null);
    }

    private static Regex LinkPattern(string rel) => new($"<a href=\"([^\"]+)\" rel=\"{rel}\">");

    private sealed record ShownPage(IReadOnlyList<string> Ids, string Indicator, string? Previous, string? Next);

    [GeneratedRegex("<li class=\"hit\">\\s*<h3><a href=\"/experts/([^\"]+)\"")]
    private static partial Regex HitPattern();

    [GeneratedRegex("<nav class=\"pager\"[\\s\\S]*?</nav>")]
    private static partial Regex PagerPattern();

    [GeneratedRegex("<span>([^<]*)</span>")]
    private static partial Regex IndicatorPattern();
}
