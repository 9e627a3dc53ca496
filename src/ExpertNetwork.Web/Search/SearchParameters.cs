using System.ComponentModel;
using ExpertNetwork.Experts;
using ExpertNetwork.Search;
using Microsoft.AspNetCore.Mvc;

namespace ExpertNetwork.Web.Search;

/// <summary>The search page's and <c>/api/search</c>'s query string. Out-of-range input is clamped, not refused, so a hand-edited URL still shows results.</summary>
public sealed record SearchParameters
{
    public const int MaxQueryLength = 200;
    public const int MaxValuesPerFilter = 20;
    public const int MaxPage = 250;
    public const int DefaultSize = 20;
    public const int MaxSize = 50;

    [FromQuery(Name = "q"), Description("Free text: names, fields, skills, topics; Vietnamese with or without diacritics")]
    public string? Q { get; init; }

    [FromQuery(Name = "field"), Description("Field codes, e.g. cybersecurity; repeat for alternatives")]
    public string[]? Field { get; init; }

    [FromQuery(Name = "country"), Description("ISO 3166 alpha-2 codes")]
    public string[]? Country { get; init; }

    [FromQuery(Name = "location"), Description("province, vietnam, abroad or unknown")]
    public string[]? Location { get; init; }

    [FromQuery(Name = "degree")]
    public string[]? Degree { get; init; }

    [FromQuery(Name = "engagement")]
    public string[]? Engagement { get; init; }

    [FromQuery(Name = "language"), Description("ISO 639-1 codes")]
    public string[]? Language { get; init; }

    [FromQuery(Name = "sort"), Description("relevance (default), name or hindex")]
    public string? Sort { get; init; }

    [FromQuery(Name = "page"), Description("1-based page number")]
    public int? Page { get; init; }

    [FromQuery(Name = "size"), Description("Results per page, at most 50")]
    public int? Size { get; init; }

    public string Text
    {
        get
        {
            var text = (Q ?? "").Trim();
            return text.Length > MaxQueryLength ? text[..MaxQueryLength] : text;
        }
    }

    public int PageNumber => Math.Clamp(Page ?? 1, 1, MaxPage);

    public int PageSize => Math.Clamp(Size ?? DefaultSize, 1, MaxSize);

    public SearchSort SortOrder => Sort?.ToLowerInvariant() switch
    {
        "name" => SearchSort.Name,
        "hindex" or "h-index" or "h_index" => SearchSort.HIndex,
        _ => SearchSort.Relevance,
    };

    public string SortName => SortOrder switch
    {
        SearchSort.Name => "name",
        SearchSort.HIndex => "hindex",
        _ => "relevance",
    };

    public IReadOnlyList<string> Selected(string facet) => facet switch
    {
        FacetNames.Field => Values(Field),
        FacetNames.Country => Values(Country),
        FacetNames.Location => Values(Location),
        FacetNames.Degree => Values(Degree),
        FacetNames.Engagement => Values(Engagement),
        FacetNames.Language => Values(Language),
        _ => [],
    };

    public SearchQuery ToQuery() => new()
    {
        Text = Text.Length == 0 ? null : Text,
        Fields = Values(Field),
        Countries = Values(Country).Select(c => c.ToUpperInvariant()).ToList(),
        Locations = Values(Location).Select(ParseLocation).OfType<LocationClass>().ToList(),
        Degrees = Values(Degree),
        Engagement = Values(Engagement),
        Languages = Values(Language),
        Sort = SortOrder,
        From = (PageNumber - 1) * PageSize,
        Size = PageSize,
    };

    private static IReadOnlyList<string> Values(string[]? values) =>
        values is null ? [] : values.Where(v => !string.IsNullOrWhiteSpace(v) && v.Length <= 64).Select(v => v.Trim()).Distinct().Take(MaxValuesPerFilter).ToList();

    private static LocationClass? ParseLocation(string value) =>
        Enum.GetValues<LocationClass>().Cast<LocationClass?>().FirstOrDefault(l => l!.Value.Name() == value.ToLowerInvariant());
}
