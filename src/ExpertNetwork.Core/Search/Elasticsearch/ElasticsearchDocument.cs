using System.Text.Json.Serialization;
using F = ExpertNetwork.Search.IndexFields;

namespace ExpertNetwork.Search.Elasticsearch;

/// <summary>
/// The <c>_source</c> of one expert: the engine-neutral <see cref="ExpertDocument"/> under the mapping's field
/// names. Sub-fields (<c>name.folded</c>, <c>name_variants.prefix</c>…) are filled by Elasticsearch from these
/// values. Empty lists and nulls are left out: they index nothing and would only lengthen every bulk request.
/// </summary>
public sealed record ElasticsearchDocument
{
    [JsonPropertyName(F.Id)]
    public required string Id { get; init; }

    [JsonPropertyName(F.FullName)]
    public required string FullName { get; init; }

    [JsonPropertyName(F.Name)]
    public required string Name { get; init; }

    [JsonPropertyName(F.OtherNames)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? OtherNames { get; init; }

    /// <summary>The name followed by the other names: every name word, for matching in any order and for suggestions.</summary>
    [JsonPropertyName(F.Names)]
    public required IReadOnlyList<string> Names { get; init; }

    [JsonPropertyName(F.NameVariants)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? NameVariants { get; init; }

    [JsonPropertyName(F.Keywords)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Keywords { get; init; }

    [JsonPropertyName(F.Fields)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Fields { get; init; }

    [JsonPropertyName(F.Headline)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Headline { get; init; }

    [JsonPropertyName(F.Affiliation)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Affiliation { get; init; }

    [JsonPropertyName(F.Bio)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Bio { get; init; }

    [JsonPropertyName(F.Publications)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Publications { get; init; }

    [JsonPropertyName(F.Country)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Country { get; init; }

    [JsonPropertyName(F.City)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? City { get; init; }

    [JsonPropertyName(F.Location)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Location { get; init; }

    [JsonPropertyName(F.Degree)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Degree { get; init; }

    [JsonPropertyName(F.Engagement)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Engagement { get; init; }

    [JsonPropertyName(F.Languages)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Languages { get; init; }

    [JsonPropertyName(F.HIndex)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? HIndex { get; init; }

    public static ElasticsearchDocument From(ExpertDocument document) => new()
    {
        Id = document.Id,
        FullName = document.DisplayName,
        Name = document.Name,
        OtherNames = OrNull(document.OtherNames),
        Names = document.Names,
        NameVariants = OrNull(document.NameVariants),
        Keywords = OrNull(document.Keywords),
        Fields = OrNull(document.Fields),
        Headline = document.Headline,
        Affiliation = document.Affiliation,
        Bio = document.Bio,
        Publications = OrNull(document.Publications),
        Country = document.Country,
        City = document.City,
        Location = document.Location,
        Degree = document.Degree,
        Engagement = OrNull(document.Engagement),
        Languages = OrNull(document.Languages),
        HIndex = document.HIndex,
    };

    private static IReadOnlyList<string>? OrNull(IReadOnlyList<string> values) => values.Count == 0 ? null : values;
}

/// <summary>The part of <c>_source</c> a hit needs.</summary>
internal sealed record ElasticsearchHitSource
{
    [JsonPropertyName(F.FullName)]
    public string? FullName { get; init; }

    /// <summary>The normalised name, to tell its highlight apart from the other names' in <c>names</c>.</summary>
    [JsonPropertyName(F.Name)]
    public string? Name { get; init; }
}
