using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ExpertNetwork.Search.Lucene;

/// <summary>
/// Counts facet values over every match while passing hits on to the top-N collector. Counts go
/// into per-segment ordinal arrays from the field cache (uninverted keyword terms), so a hit costs
/// an array lookup per facet; values are resolved to strings once per segment, not per hit.
/// </summary>
internal sealed class FacetCollector(ICollector inner, IReadOnlyList<(string Facet, string Field, bool MultiValued)> facets) : ICollector
{
    private readonly Dictionary<string, long>[] _totals = facets.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal)).ToArray();
    private readonly SortedDocValues?[] _single = new SortedDocValues?[facets.Count];
    private readonly SortedSetDocValues?[] _multi = new SortedSetDocValues?[facets.Count];
    private readonly int[]?[] _counts = new int[facets.Count][];

    public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;

    public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        var reader = context.AtomicReader;
        for (var f = 0; f < facets.Count; f++)
        {
            if (facets[f].MultiValued)
            {
                var values = FieldCache.DEFAULT.GetDocTermOrds(reader, facets[f].Field);
                _multi[f] = values;
                _counts[f] = new int[checked((int)values.ValueCount)];
            }
            else
            {
                var values = FieldCache.DEFAULT.GetTermsIndex(reader, facets[f].Field);
                _single[f] = values;
                _counts[f] = new int[values.ValueCount];
            }
        }

        inner.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        inner.Collect(doc);
        for (var f = 0; f < _counts.Length; f++)
        {
            var counts = _counts[f]!;
            if (_single[f] is { } single)
            {
                var ord = single.GetOrd(doc);
                if (ord >= 0)
                {
                    counts[ord]++;
                }

                continue;
            }

            var multi = _multi[f]!;
            multi.SetDocument(doc);
            long next;
            while ((next = multi.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                counts[next]++;
            }
        }
    }

    /// <summary>Facet name → value → count, values with a zero count left out.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Result()
    {
        Flush();
        var result = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        for (var f = 0; f < facets.Count; f++)
        {
            result[facets[f].Facet] = _totals[f]
                .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        }

        return result;
    }

    private void Flush()
    {
        var scratch = new BytesRef();
        for (var f = 0; f < _counts.Length; f++)
        {
            var counts = _counts[f];
            if (counts is null)
            {
                continue;
            }

            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] == 0)
                {
                    continue;
                }

                if (_single[f] is { } single)
                {
                    single.LookupOrd(ord, scratch);
                }
                else
                {
                    _multi[f]!.LookupOrd(ord, scratch);
                }

                var value = scratch.Utf8ToString();
                _totals[f][value] = _totals[f].GetValueOrDefault(value) + counts[ord];
            }

            _counts[f] = null;
            _single[f] = null;
            _multi[f] = null;
        }
    }
}
