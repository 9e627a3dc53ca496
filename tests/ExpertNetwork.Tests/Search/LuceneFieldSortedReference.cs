using ExpertNetwork.Search.Lucene;
using Lucene.Net.Search;

namespace ExpertNetwork.Tests.Search;

/// <summary>
/// What Lucene itself returns for a compiled query: its scoring query with the condition and the filter as zero-boost
/// clauses, collected by <see cref="TopFieldCollector"/> in the compiled sort, with facet counts over every match.
/// </summary>
internal static class LuceneFieldSortedReference
{
    public static (TopDocs Top, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Facets) Search(
        IndexSearcher searcher, LuceneQuery compiled, Query? filter, int count)
    {
        var top = TopFieldCollector.Create(compiled.Sort, count, false, true, false, false);
        var facets = new FacetCollector(top, compiled.Facets!);
        var query = new BooleanQuery(true) { { compiled.Scoring, Occur.MUST } };
        foreach (var constraint in new[] { compiled.Condition, filter }.OfType<Query>())
        {
            query.Add(new ConstantScoreQuery(constraint) { Boost = 0f }, Occur.MUST);
        }

        searcher.Search(query, facets);
        return (top.GetTopDocs(), facets.Result());
    }
}
