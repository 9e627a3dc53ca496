using System.Text.Json.Serialization;
using Elastic.Clients.Elasticsearch;
using F = ExpertNetwork.Search.IndexFields;

namespace ExpertNetwork.Search.Elasticsearch;

/// <summary>What a suggestion reads of <c>_source</c>: the name and what tells people of one name apart.</summary>
internal static class ElasticsearchSuggestions
{
    public static readonly string[] SourceFields = [F.FullName, F.Affiliation, F.City, F.Country, F.Headline];

    public static IReadOnlyList<NameSuggestion> Read(SearchResponse<Source> response) =>
        response.Hits.Select(hit => new NameSuggestion(
                hit.Id ?? "", hit.Source?.FullName ?? "", hit.Source?.Affiliation, hit.Source?.City, hit.Source?.Country, hit.Source?.Headline))
            .ToArray();

    internal sealed record Source
    {
        [JsonPropertyName(F.FullName)]
        public string? FullName { get; init; }

        [JsonPropertyName(F.Affiliation)]
        public string? Affiliation { get; init; }

        [JsonPropertyName(F.City)]
        public string? City { get; init; }

        [JsonPropertyName(F.Country)]
        public string? Country { get; init; }

        [JsonPropertyName(F.Headline)]
        public string? Headline { get; init; }
    }
}
