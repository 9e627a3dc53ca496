using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Search;
using ExpertNetwork.Search.Planning;

namespace ExpertNetwork.Search.Elasticsearch;

/// <summary>Turns search responses into the engine-neutral <see cref="SearchResult"/>.</summary>
internal static class ElasticsearchResults
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoHighlights =
        new Dictionary<string, IReadOnlyList<string>>();

    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> NoFacets =
        new Dictionary<string, IReadOnlyDictionary<string, long>>();

    private static readonly IReadOnlyDictionary<string, string> HighlightKeys =
        ElasticsearchQueries.HighlightSources.ToDictionary(s => s.Field, s => s.Key, StringComparer.Ordinal);

    public static SearchResult Read(SearchResponse<ElasticsearchHitSource> response, bool withFacets)
    {
        var hits = response.Hits.Select(hit => new SearchHit(
                hit.Id ?? "",
                hit.Source?.FullName ?? "",
                hit.Score ?? 0,
                Highlights(hit.Highlight, hit.Source?.Name)))
            .ToArray();
        var lowerBound = response.HitsMetadata?.Total?.Match(total => total?.Relation == TotalHitsRelation.Gte, _ => false) ?? false;
        return new SearchResult(response.Total, hits, withFacets ? Facets(response.Aggregations) : NoFacets, lowerBound);
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Highlights(
        IReadOnlyDictionary<string, IReadOnlyCollection<string>>? highlight, string? name)
    {
        if (highlight is null || highlight.Count == 0)
        {
            return NoHighlights;
        }

        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (field, snippets) in highlight)
        {
            if (!HighlightKeys.TryGetValue(field, out var key))
            {
                continue;
            }

            // "names" holds the name too; its snippet is already under fullName.
            var kept = (key == HighlightFields.OtherNames ? snippets.Where(s => !string.Equals(PlainText(s), name, StringComparison.Ordinal)) : snippets)
                .Select(HighlightMarkup.FromMarked)
                .ToArray();
            if (kept.Length > 0)
            {
                result[key] = kept;
            }
        }

        return result;
    }

    private static string PlainText(string snippet) =>
        snippet.Replace(HighlightMarkup.Start, "", StringComparison.Ordinal).Replace(HighlightMarkup.End, "", StringComparison.Ordinal);

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Facets(AggregateDictionary? aggregations)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        foreach (var facet in FacetNames.All)
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            // A facet whose field no document has yet comes back as unmapped terms with no buckets.
            if (aggregations is not null && aggregations.TryGetAggregate<StringTermsAggregate>(facet, out var terms) && terms is not null)
            {
                foreach (var bucket in terms.Buckets.OrderByDescending(b => b.DocCount).ThenBy(b => Key(b.Key), StringComparer.Ordinal))
                {
                    if (bucket.DocCount > 0)
                    {
                        counts[Key(bucket.Key)] = bucket.DocCount;
                    }
                }
            }

            result[facet] = counts;
        }

        return result;
    }

    private static string Key(FieldValue key) =>
        key.TryGetString(out var text) ? text! : key.ToString();
}
