using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ExpertNetwork.Search.Lucene;

/// <summary>
/// Fuzzy name words rewritten to their expansions once per index reader. A correctly typed name of n words carries n
/// fuzzy alternatives (the typo rule must hold on both engines), and building each one's Levenshtein automaton and
/// walking the terms with it cost about as much as scoring the whole query. The expansion depends only on the reader's
/// terms and the fuzzy query itself, so it is kept beside the reader and dropped with it when a write opens a new one.
/// </summary>
internal static class FuzzyExpansions
{
    // Bounds the memory one long-lived reader can hold for distinct typed words: past it the table starts again.
    private const int MaxPerReader = 4_096;

    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<FuzzyQuery, Query>> Cache = new();

    /// <summary>The query's rewrite against <paramref name="reader"/>, a copy the caller may wrap or boost.</summary>
    public static Query Expand(IndexReader reader, FuzzyQuery fuzzy)
    {
        var expansions = Cache.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<FuzzyQuery, Query>());
        if (!expansions.TryGetValue(fuzzy, out var expanded))
        {
            if (expansions.Count >= MaxPerReader)
            {
                expansions.Clear();
            }

            expanded = fuzzy.Rewrite(reader);
            expansions[fuzzy] = expanded;
        }

        return (Query)expanded.Clone();
    }
}
