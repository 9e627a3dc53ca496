using System.Numerics;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ExpertNetwork.Search.Lucene;

/// <summary>
/// Counts facet values over every match while passing hits on to the top-N collector. Per segment the
/// ordinals come from the field cache (uninverted keyword terms) and are flattened once into plain arrays —
/// an ordinal per document, or a 64-bit set of ordinals for multi-valued facets with few values — so a hit
/// costs an array read per facet. Values are resolved to strings once per segment, never per hit. Without an
/// inner collector it only counts.
/// </summary>
internal sealed class FacetCollector(ICollector? inner, IReadOnlyList<(string Facet, string Field, bool MultiValued)> facets) : ICollector
{
    private static readonly ConditionalWeakTable<object, SegmentFacets> Cache = new();

    private readonly IReadOnlyList<(string Facet, string Field, bool MultiValued)> _specs = facets;
    private readonly Dictionary<string, long>[] _totals = facets.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal)).ToArray();
    private SegmentFacets? _segment;
    private SortedSetDocValues?[] _many = [];
    private int[][] _counts = [];

    public bool AcceptsDocsOutOfOrder => inner?.AcceptsDocsOutOfOrder ?? true;

    public void SetScorer(Scorer scorer) => inner?.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        var reader = context.AtomicReader;
        _segment = Cache.GetValue(reader.CoreCacheKey, _ => SegmentFacets.Load(reader, _specs));
        _counts = _segment.Facets.Select(f => new int[f.Values.Length]).ToArray();

        // Iterators over many-valued facets keep a position, so each collector takes its own.
        _many = _specs.Select((f, i) => _segment.Facets[i].Ordinals is null && _segment.Facets[i].Masks is null
            ? FieldCache.DEFAULT.GetDocTermOrds(reader, f.Field)
            : null).ToArray();
        inner?.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        inner?.Collect(doc);
        var facetsOfSegment = _segment!.Facets;
        for (var f = 0; f < facetsOfSegment.Length; f++)
        {
            var facet = facetsOfSegment[f];
            var counts = _counts[f];
            if (facet.Ordinals is { } ordinals)
            {
                var ord = ordinals[doc];
                if (ord >= 0)
                {
                    counts[ord]++;
                }
            }
            else if (facet.Masks is { } masks)
            {
                for (var mask = masks[doc]; mask != 0; mask &= mask - 1)
                {
                    counts[BitOperations.TrailingZeroCount(mask)]++;
                }
            }
            else
            {
                var values = _many[f]!;
                values.SetDocument(doc);
                long ord;
                while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
                {
                    counts[ord]++;
                }
            }
        }
    }

    /// <summary>Facet name → value → count, values with a zero count left out.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Result() => Merge([this]);

    /// <summary>The counts of collectors over the same facets that each saw part of the index, added up, as <see cref="Result"/> gives them.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Merge(IReadOnlyList<FacetCollector> collectors)
    {
        var specs = collectors[0]._specs;
        var result = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        foreach (var collector in collectors)
        {
            collector.Flush();
        }

        for (var f = 0; f < specs.Count; f++)
        {
            var totals = collectors.Count == 1 ? collectors[0]._totals[f] : new Dictionary<string, long>(StringComparer.Ordinal);
            if (collectors.Count > 1)
            {
                foreach (var (value, count) in collectors.SelectMany(c => c._totals[f]))
                {
                    totals[value] = totals.GetValueOrDefault(value) + count;
                }
            }

            result[specs[f].Facet] = totals
                .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        }

        return result;
    }

    private void Flush()
    {
        if (_segment is null)
        {
            return;
        }

        for (var f = 0; f < _counts.Length; f++)
        {
            var values = _segment.Facets[f].Values;
            for (var ord = 0; ord < _counts[f].Length; ord++)
            {
                if (_counts[f][ord] > 0)
                {
                    _totals[f][values[ord]] = _totals[f].GetValueOrDefault(values[ord]) + _counts[f][ord];
                }
            }
        }

        _segment = null;
    }

    /// <summary>One segment's facet ordinals, cached for the life of the segment's core.</summary>
    private sealed class SegmentFacets
    {
        private SegmentFacets(SegmentFacet[] facets) => Facets = facets;

        public SegmentFacet[] Facets { get; }

        public static SegmentFacets Load(AtomicReader reader, IReadOnlyList<(string Facet, string Field, bool MultiValued)> facets) =>
            new(facets.Select(f => f.MultiValued ? Multi(reader, f.Field) : Single(reader, f.Field)).ToArray());

        private static SegmentFacet Single(AtomicReader reader, string field)
        {
            var values = FieldCache.DEFAULT.GetTermsIndex(reader, field);
            var ordinals = new int[reader.MaxDoc];
            for (var doc = 0; doc < ordinals.Length; doc++)
            {
                ordinals[doc] = values.GetOrd(doc);
            }

            return new SegmentFacet(Lookup(values.ValueCount, (ord, bytes) => values.LookupOrd(ord, bytes)), ordinals, null);
        }

        private static SegmentFacet Multi(AtomicReader reader, string field)
        {
            var values = FieldCache.DEFAULT.GetDocTermOrds(reader, field);
            var names = Lookup(checked((int)values.ValueCount), (ord, bytes) => values.LookupOrd(ord, bytes));
            if (names.Length > 64)
            {
                return new SegmentFacet(names, null, null);
            }

            var masks = new ulong[reader.MaxDoc];
            for (var doc = 0; doc < masks.Length; doc++)
            {
                values.SetDocument(doc);
                long ord;
                while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
                {
                    masks[doc] |= 1UL << (int)ord;
                }
            }

            return new SegmentFacet(names, null, masks);
        }

        private static string[] Lookup(int count, Action<int, BytesRef> lookup)
        {
            var names = new string[count];
            var bytes = new BytesRef();
            for (var ord = 0; ord < count; ord++)
            {
                lookup(ord, bytes);
                names[ord] = bytes.Utf8ToString();
            }

            return names;
        }
    }

    /// <summary>Exactly one of <see cref="Ordinals"/> and <see cref="Masks"/> is set, or neither for a facet with more than 64 values.</summary>
    private sealed record SegmentFacet(string[] Values, int[]? Ordinals, ulong[]? Masks);
}
