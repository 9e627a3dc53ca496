using System.Runtime.CompilerServices;
using System.Text;
using ExpertNetwork.Search.Analysis;
using ExpertNetwork.Text;
using Lucene.Net.Index;
using Lucene.Net.Util;
using F = ExpertNetwork.Search.IndexFields;

namespace ExpertNetwork.Search.Lucene.Suggestions;

/// <summary>
/// Name suggestions for the Lucene.NET engine, as the suggestion query ranked them (every typed word a prefix of a
/// name word; 2 per finished word that is a whole name word, 1 when the name starts with the first word; then by
/// name, then doc id) without walking every match: the query cost grew with the matches, and "n" matches half the
/// directory. Each segment core gets a <see cref="SegmentNames"/> once, built when a searcher first shows it.
/// </summary>
internal sealed class NameSuggester(ExpertAnalyzers analyzers)
{
    private readonly ConditionalWeakTable<object, Lazy<SegmentNames>> _segments = new();

    /// <summary>The words of a prefix as the mapping's name_prefix_search analyzer cuts them; null when there are none.</summary>
    public TypedWords? Analyse(string prefix)
    {
        var words = ExpertAnalyzers.Terms(analyzers.NamePrefixSearch, VietnameseText.Normalize(prefix));
        if (words.Count == 0)
        {
            return null;
        }

        return new TypedWords(
            words.Distinct(StringComparer.Ordinal).Select(Encoding.UTF8.GetBytes).ToArray(),
            words.Take(words.Count - 1).Distinct(StringComparer.Ordinal).Select(Encoding.UTF8.GetBytes).ToArray(),
            Encoding.UTF8.GetBytes(words[0]));
    }

    /// <summary>The top <paramref name="size"/> documents (top-level doc ids), best first.</summary>
    public int[] Suggest(IndexReader reader, TypedWords typed, int size)
    {
        var leaves = reader.Leaves;
        if (leaves.Count == 1)
        {
            var leaf = leaves[0];
            var names = For(leaf.AtomicReader);
            return TierSearch.Run(names, typed, leaf.AtomicReader.LiveDocs, size).Select(m => leaf.DocBase + names.DocOfRank[m.Rank]).ToArray();
        }

        var candidates = new List<Candidate>();
        foreach (var leaf in leaves)
        {
            var names = For(leaf.AtomicReader);
            var matches = TierSearch.Run(names, typed, leaf.AtomicReader.LiveDocs, size);
            if (matches.Count == 0)
            {
                continue;
            }

            var sortKeys = leaf.AtomicReader.GetSortedDocValues(F.NameSort);
            foreach (var match in matches)
            {
                var doc = names.DocOfRank[match.Rank];
                candidates.Add(new Candidate(match.Score, SortKey(sortKeys, doc), leaf.DocBase + doc));
            }
        }

        candidates.Sort(Candidate.Compare);
        return candidates.Take(size).Select(c => c.Doc).ToArray();
    }

    /// <summary>Builds what the segments of <paramref name="reader"/> need, on the thread pool, so queries find it ready.</summary>
    public void WarmInBackground(IndexReader reader)
    {
        if (!reader.TryIncRef())
        {
            return;
        }

        _ = Task.Run(() =>
        {
            try
            {
                Warm(reader);
            }
            catch (Exception)
            {
                // A reader closed under the warm-up (the index disposed): a query on a live reader builds again.
            }
            finally
            {
                reader.DecRef();
            }
        });
    }

    /// <summary>Builds what the segments of <paramref name="reader"/> need before returning.</summary>
    public void Warm(IndexReader reader)
    {
        foreach (var leaf in reader.Leaves)
        {
            For(leaf.AtomicReader);
        }
    }

    private SegmentNames For(AtomicReader reader)
    {
        // Keyed on the core: readers reopened for new deletions share it, and deletions are applied per query.
        var key = reader.CoreCacheKey;
        var built = _segments.GetValue(key, _ => new Lazy<SegmentNames>(() => SegmentNames.Build(reader)));
        try
        {
            return built.Value;
        }
        catch
        {
            // Lazy keeps a failure for good; forgetting it lets the next query build again.
            _segments.Remove(key);
            throw;
        }
    }

    private static byte[]? SortKey(SortedDocValues? sortKeys, int doc)
    {
        var ord = sortKeys?.GetOrd(doc) ?? -1;
        if (ord < 0)
        {
            return null;
        }

        var bytes = new BytesRef();
        sortKeys!.LookupOrd(ord, bytes);
        return bytes.Bytes.AsSpan(bytes.Offset, bytes.Length).ToArray();
    }

    /// <summary>A segment's match in top-level terms, ordered as Lucene's sort did: score, then name (none first), then doc id.</summary>
    private readonly record struct Candidate(int Score, byte[]? SortKey, int Doc)
    {
        public static int Compare(Candidate a, Candidate b)
        {
            if (a.Score != b.Score)
            {
                return b.Score.CompareTo(a.Score);
            }

            var byName = (a.SortKey, b.SortKey) switch
            {
                (null, null) => 0,
                (null, _) => -1,
                (_, null) => 1,
                _ => a.SortKey.AsSpan().SequenceCompareTo(b.SortKey),
            };
            return byName != 0 ? byName : a.Doc.CompareTo(b.Doc);
        }
    }
}
