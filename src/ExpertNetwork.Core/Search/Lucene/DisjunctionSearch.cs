using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using F = ExpertNetwork.Search.IndexFields;

namespace ExpertNetwork.Search.Lucene;

/// <summary>The best hits of a disjunction, how many documents matched (exactly, or at least), and facet counts if asked.</summary>
internal sealed record DisjunctionHits(
    ScoreDoc[] Hits,
    long Total,
    bool TotalIsLowerBound,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>? Facets);

/// <summary>
/// Relevance-ranked search for the flat disjunction <see cref="LuceneQueryCompiler"/> makes, document at a
/// time over the clause scorers, in two ways Lucene.NET 4.8's own scorers do not offer:
/// <list type="bullet">
/// <item>The documents are cut into slices searched on separate cores and merged, so one query on a large index
/// uses the whole machine rather than one core (Lucene 4.8 parallelises only across segments, and a merged index
/// has one).</item>
/// <item>When neither facets nor an exact total are needed, it skips documents that cannot reach the top k
/// (MaxScore, Turtle and Flood 1995), as Lucene 8 and Elasticsearch do (block-max WAND) once they have counted
/// <c>track_total_hits</c> matches: it counts every match until the threshold, then lets clauses whose summed
/// maximum score cannot beat the slice's current k-th hit stop leading the iteration. They are then only advanced
/// to the documents the others lead to, which skips most of the postings of common words.</item>
/// </list>
/// Scores are those of the BooleanQuery itself (sum of the clause scores); equal scores are ordered by the folded name,
/// then the id, as every other sort and Elasticsearch order them. The plan's match rule (a condition whose unit groups
/// are the root's own clauses) is applied on the way: each clause sets the bits of the units it covers, and a document
/// counts only when enough bits are set. A document needing k of n units must cover one of any n − k + 1 of them, so
/// only the clauses of the n − k + 1 cheapest units lead (the rarest unit alone when all are needed); the others are
/// advanced to the documents those lead to, as in a conjunction. Every counted document is still checked against every
/// clause, so totals stay exact; the rule matters here because it leaves too few matches for MaxScore to start early.
/// A field sort (h-index, name) goes the same way, with every match scored and handed to Lucene's field-sorted
/// collector: Lucene's own conjunction let a broad filter lead and advanced the whole disjunction to each of its
/// documents, which made "keyword, in the province, by h-index" the slowest query of the web benchmark's mix.
/// </summary>
internal static class DisjunctionSearch
{
    // Floats are summed in a different order than Lucene's scorers do; a bound a hair too high only costs speed.
    private const double BoundSlack = 1.0001;

    // Below this many documents per slice, handing work to another thread costs more than it saves.
    public const int MinDocumentsPerSlice = 32_768;

    /// <summary>Null when the query is not a plain disjunction of clauses: the caller searches as usual then.</summary>
    /// <param name="condition">
    /// Null, or the match rule: a BooleanQuery needing <c>MinimumNumberShouldMatch</c> of its groups, each group a
    /// disjunction of clauses of <paramref name="query"/> (the same objects).
    /// </param>
    /// <param name="filter">Documents must match it too; it does not score.</param>
    /// <param name="totalHitsThreshold">Null counts every match; otherwise matches are counted exactly up to it, then pruning may start.</param>
    /// <param name="sort">
    /// Null ranks by score. Otherwise hits are ordered by it, every match is counted and scored, and one slice searches
    /// the whole index: the scores are only shown, so nothing can be skipped for them.
    /// </param>
    public static DisjunctionHits? TrySearch(IndexSearcher searcher, Query query, Query? condition, Query? filter, int count, int? totalHitsThreshold,
        IReadOnlyList<(string Facet, string Field, bool MultiValued)>? facets, int maxSlices, int minDocumentsPerSlice = MinDocumentsPerSlice,
        Sort? sort = null)
    {
        if (query is not BooleanQuery root || root.Boost != 1f || root.MinimumNumberShouldMatch > 0
            || root.Clauses.Any(c => c.Occur != Occur.SHOULD) || searcher.Similarity is not BM25Similarity bm25
            || Masks(root, condition) is not { } rule)
        {
            return null;
        }

        var (masks, units, required) = rule;

        var terms = new TermLookup(searcher);
        var clauses = new List<Clause>(root.Clauses.Count);
        for (var i = 0; i < root.Clauses.Count; i++)
        {
            // A clause that can match nothing (a phrase with a word no document has) keeps its place for the rule but gets no scorer.
            var looked = terms.WithContexts(root.Clauses[i].Query);
            var bound = looked is null ? 0 : MaxScore(looked, terms, bm25, searcher.IndexReader.MaxDoc) * BoundSlack;
            clauses.Add(new Clause(looked is null ? null : searcher.CreateNormalizedWeight(looked), (float)bound, masks?[i] ?? 0));
        }

        clauses.Sort((a, b) => a.MaxScore.CompareTo(b.MaxScore));

        var filterWeight = filter is null ? null : searcher.CreateNormalizedWeight(new ConstantScoreQuery(filter));
        count = Math.Max(1, count);
        var threshold = facets is null && sort is null && totalHitsThreshold is { } limit ? limit : long.MaxValue;
        var slices = Slices(searcher.IndexReader, sort is not null ? 1 : Math.Clamp(searcher.IndexReader.MaxDoc / minDocumentsPerSlice, 1, Math.Max(1, maxSlices)));
        var sorted = sort is null ? null : TopFieldCollector.Create(sort, count, false, true, false, false);
        var searches = slices
            .Select(slice => new SliceSearch(slice, clauses, filterWeight, count, threshold, units, required,
                new DocOrder(searcher.IndexReader), facets is null ? null : new FacetCollector(null, facets), sorted))
            .ToArray();
        if (searches.Length == 1)
        {
            searches[0].Run();
        }
        else
        {
            Parallel.ForEach(searches, search => search.Run());
        }

        var hits = sorted?.GetTopDocs().ScoreDocs ?? searches.SelectMany(s => s.Top.Hits()).ToArray();
        if (sorted is null)
        {
            var order = new DocOrder(searcher.IndexReader);
            Array.Sort(hits, (a, b) => HitQueue.Worse(a, b, order) ? 1 : HitQueue.Worse(b, a, order) ? -1 : 0);
        }

        return new DisjunctionHits(
            hits.Length > count ? hits[..count] : hits,
            searches.Sum(s => s.Total),
            searches.Any(s => s.Pruned),
            facets is null ? null : FacetCollector.Merge(searches.Select(s => s.Facets!).ToList()));
    }

    /// <summary>
    /// The units each root clause covers, by position, how many units there are and how many a document needs; (null, 0, 0)
    /// without a condition.
    /// Null when the condition is not of the shape <see cref="LuceneQueryCompiler"/> makes (the caller then filters
    /// by it as by any query).
    /// </summary>
    private static (ulong[]? Masks, int Units, int Required)? Masks(BooleanQuery root, Query? condition)
    {
        if (condition is null)
        {
            return (null, 0, 0);
        }

        if (condition is not BooleanQuery units || units.Clauses.Count > 64 || units.Clauses.Any(c => c.Occur != Occur.SHOULD || c.Query is not BooleanQuery))
        {
            return null;
        }

        var position = new Dictionary<Query, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < root.Clauses.Count; i++)
        {
            position[root.Clauses[i].Query] = i;
        }

        var masks = new ulong[root.Clauses.Count];
        for (var unit = 0; unit < units.Clauses.Count; unit++)
        {
            foreach (var member in ((BooleanQuery)units.Clauses[unit].Query).Clauses)
            {
                if (member.Occur != Occur.SHOULD || !position.TryGetValue(member.Query, out var i))
                {
                    return null;
                }

                masks[i] |= 1UL << unit;
            }
        }

        return (masks, units.Clauses.Count, Math.Max(1, units.MinimumNumberShouldMatch));
    }

    /// <summary>Cuts [0, maxDoc) into <paramref name="count"/> runs of about equal length, each a list of (segment, from, to).</summary>
    private static List<List<(AtomicReaderContext Leaf, int From, int To)>> Slices(IndexReader reader, int count)
    {
        var length = (reader.MaxDoc + count - 1) / count;
        var slices = Enumerable.Range(0, count).Select(_ => new List<(AtomicReaderContext, int, int)>()).ToList();
        foreach (var leaf in reader.Leaves)
        {
            var start = leaf.DocBase;
            var end = leaf.DocBase + leaf.AtomicReader.MaxDoc;
            for (var i = 0; i < count; i++)
            {
                var from = Math.Max(start, i * length);
                var to = Math.Min(end, (i + 1) * length);
                if (from < to)
                {
                    slices[i].Add((leaf, from - leaf.DocBase, to - leaf.DocBase));
                }
            }
        }

        return slices;
    }

    /// <summary>
    /// An upper bound of the clause's BM25 score: each term can add at most idf × boost × (k1 + 1), whatever its
    /// frequency and the field length. Infinity for query kinds this does not know (they then always lead).
    /// </summary>
    private static double MaxScore(Query query, TermLookup terms, BM25Similarity bm25, int maxDoc)
    {
        switch (query)
        {
            case TermQuery term:
                return query.Boost * Idf(terms.Context(term.Term).DocFreq, maxDoc) * (bm25.K1 + 1);
            case PhraseQuery phrase when phrase.Slop == 0:
                return query.Boost * phrase.GetTerms().Sum(t => Idf(terms.Context(t).DocFreq, maxDoc)) * (bm25.K1 + 1);
            case ConstantScoreQuery:
                // BM25 leaves the query norm at 1, so a constant-scoring clause scores its boost.
                return query.Boost;
            case DisjunctionMaxQuery max when max.TieBreakerMultiplier == 0f:
                return query.Boost * max.Disjuncts.Select(d => MaxScore(d, terms, bm25, maxDoc)).DefaultIfEmpty(0).Max();
            case BooleanQuery boolean:
                return query.Boost * boolean.Clauses.Where(c => c.Occur != Occur.MUST_NOT).Sum(c => MaxScore(c.Query, terms, bm25, maxDoc));
            default:
                return double.PositiveInfinity;
        }
    }

    // BM25Similarity's idf in Lucene 4.8, which counts documents by maxDoc.
    private static double Idf(int docFreq, int maxDoc) => Math.Log(1 + (maxDoc - docFreq + 0.5) / (docFreq + 0.5));

    /// <summary>
    /// The term lookups of one query through one terms enumerator per segment and field. Lucene's TermQuery builds
    /// a fresh enumerator (about 6 KB) for every term in every segment, which made a query allocate most of a
    /// megabyte and the collections of it, not the scoring, set the slowest queries' latency.
    /// </summary>
    private sealed class TermLookup(IndexSearcher searcher)
    {
        private readonly Dictionary<(int Leaf, string Field), TermsEnum?> _enums = [];
        private readonly Dictionary<Term, TermContext> _contexts = [];

        public TermContext Context(Term term)
        {
            if (_contexts.TryGetValue(term, out var found))
            {
                return found;
            }

            var top = searcher.TopReaderContext;
            var context = new TermContext(top);
            foreach (var leaf in top.Leaves)
            {
                if (!_enums.TryGetValue((leaf.Ord, term.Field), out var terms))
                {
                    terms = leaf.AtomicReader.GetTerms(term.Field)?.GetEnumerator();
                    _enums[(leaf.Ord, term.Field)] = terms;
                }

                if (terms is not null && terms.SeekExact(term.Bytes))
                {
                    context.Register(terms.GetTermState(), leaf.Ord, terms.DocFreq, terms.TotalTermFreq);
                }
            }

            _contexts[term] = context;
            return context;
        }

        /// <summary>
        /// The same query with its term queries carrying their looked-up statistics, so their weights look nothing up
        /// again, and its fuzzy words expanded through <see cref="FuzzyExpansions"/>. Null when it can match nothing: a
        /// phrase or conjunction needing a word no document has, or a disjunction of such. Most phrases of a query are
        /// that (the whole query in a name or keyword field), and Lucene's phrase weight would look each word up
        /// through a new terms enumerator only to find it so.
        /// </summary>
        public Query? WithContexts(Query query)
        {
            switch (query)
            {
                case TermQuery term:
                    return new TermQuery(term.Term, Context(term.Term)) { Boost = term.Boost };
                case PhraseQuery phrase:
                    return phrase.GetTerms().Any(t => Context(t).DocFreq == 0) ? null : phrase;
                case FuzzyQuery fuzzy:
                    return FuzzyExpansions.Expand(searcher.IndexReader, fuzzy);
                case DisjunctionMaxQuery max:
                    var disjunction = new DisjunctionMaxQuery(max.TieBreakerMultiplier) { Boost = max.Boost };
                    foreach (var disjunct in max.Disjuncts)
                    {
                        if (WithContexts(disjunct) is { } live)
                        {
                            disjunction.Add(live);
                        }
                    }

                    return disjunction.Disjuncts.Count == 0 ? null : disjunction;
                case BooleanQuery boolean:
                    var copy = new BooleanQuery(boolean.CoordDisabled) { Boost = boolean.Boost, MinimumNumberShouldMatch = boolean.MinimumNumberShouldMatch };
                    foreach (var clause in boolean.Clauses)
                    {
                        var live = WithContexts(clause.Query);
                        if (live is not null)
                        {
                            copy.Add(live, clause.Occur);
                        }
                        else if (clause.Occur == Occur.MUST)
                        {
                            return null;
                        }
                        else if (clause.Occur == Occur.SHOULD && !boolean.CoordDisabled)
                        {
                            // With coord on, the number of optional clauses scales the score: keep it.
                            copy.Add(clause.Query, clause.Occur);
                        }
                    }

                    var optional = copy.Clauses.Count(c => c.Occur == Occur.SHOULD);
                    var positive = copy.Clauses.Count(c => c.Occur != Occur.MUST_NOT);
                    return positive == 0 || optional < copy.MinimumNumberShouldMatch ? null : copy;
                default:
                    return query;
            }
        }
    }

    /// <param name="Weight">Null when the clause can match nothing.</param>
    private sealed record Clause(Weight? Weight, float MaxScore, ulong Covers);

    /// <summary>
    /// Orders documents of equal score by the folded name, then the id (both sorted doc values), as the field sorts
    /// and Elasticsearch do. Within one segment the values' ordinals are in the same order as the values, so two
    /// documents there are compared by ordinal without reading a value. Doc values are per thread in Lucene.NET, so
    /// each slice has its own.
    /// </summary>
    internal sealed class DocOrder(IndexReader reader)
    {
        private readonly IList<AtomicReaderContext> _leaves = reader.Leaves;
        private readonly SortedDocValues?[] _names = new SortedDocValues?[reader.Leaves.Count];
        private readonly SortedDocValues?[] _ids = new SortedDocValues?[reader.Leaves.Count];
        private readonly global::Lucene.Net.Util.BytesRef _a = new();
        private readonly global::Lucene.Net.Util.BytesRef _b = new();

        public int Compare(int a, int b)
        {
            var leafOfA = ReaderUtil.SubIndex(a, _leaves);
            var leafOfB = ReaderUtil.SubIndex(b, _leaves);
            var byName = Compare(_names, F.NameSort, leafOfA, a, leafOfB, b);
            return byName != 0 ? byName : Compare(_ids, F.Id, leafOfA, a, leafOfB, b);
        }

        private int Compare(SortedDocValues?[] values, string field, int leafOfA, int a, int leafOfB, int b)
        {
            var valuesOfA = Values(values, field, leafOfA);
            var valuesOfB = Values(values, field, leafOfB);
            a -= _leaves[leafOfA].DocBase;
            b -= _leaves[leafOfB].DocBase;
            if (leafOfA == leafOfB && valuesOfA is not null)
            {
                // A document without a value has ordinal -1 and reads as the empty value: only then are values read.
                var ordOfA = valuesOfA.GetOrd(a);
                var ordOfB = valuesOfA.GetOrd(b);
                if (ordOfA >= 0 && ordOfB >= 0)
                {
                    return ordOfA.CompareTo(ordOfB);
                }
            }

            Read(valuesOfA, a, _a);
            Read(valuesOfB, b, _b);
            return _a.CompareTo(_b);
        }

        private SortedDocValues? Values(SortedDocValues?[] values, string field, int leaf) =>
            values[leaf] ??= _leaves[leaf].AtomicReader.GetSortedDocValues(field);

        private static void Read(SortedDocValues? values, int doc, global::Lucene.Net.Util.BytesRef into)
        {
            if (values is null)
            {
                into.Length = 0;
                return;
            }

            values.Get(doc, into);
        }
    }

    /// <summary>
    /// One slice's documents with its own scorers, top k and facet counts. Leading clauses are scored a window of
    /// documents at a time into an array, as Lucene's BooleanScorer does (a heap per posting costs twice as much);
    /// the matches of a window are then completed from the following clauses and collected in document order.
    /// The clauses are sorted by their score bound, lowest first.
    /// </summary>
    private sealed class SliceSearch(
        List<(AtomicReaderContext Leaf, int From, int To)> ranges,
        List<Clause> clauses,
        Weight? filter,
        int count,
        long threshold,
        int units,
        int required,
        DocOrder order,
        FacetCollector? facets,
        TopFieldCollector? sorted)
    {
        private const int Window = 4096;

        private readonly Scorer?[] _scorers = new Scorer?[clauses.Count];

        // Each scorer's current document, so the loops compare integers instead of calling into the scorers.
        private readonly int[] _docs = new int[clauses.Count];
        private readonly long[] _costs = new long[clauses.Count];
        private readonly double[] _scores = new double[Window];
        private readonly ulong[] _matched = new ulong[Window / 64];
        private readonly ulong[]? _covered = required > 0 ? new ulong[Window] : null;

        // Clauses any document meeting the rule matches one of (all clauses without a rule), for the current segment.
        private readonly bool[] _ruleLeads = new bool[clauses.Count];
        private readonly bool[] _leading = new bool[clauses.Count];

        // The clauses that follow in the current window, highest bound first, with the summed bounds and the units
        // covered from each position to the end: a document stops when they can no longer make it competitive or
        // meet the rule.
        private readonly int[] _followers = new int[clauses.Count];
        private readonly double[] _followersBound = new double[clauses.Count + 1];
        private readonly ulong[] _followersCover = new ulong[clauses.Count + 1];
        private int _followerCount;

        private Scorer? _filter;
        private int _filterDoc;

        // Clauses [0, _firstEssential) cannot make a hit competitive on their own (MaxScore): once there are any,
        // they need not lead.
        private int _firstEssential;
        private bool _leadsChanged;

        private readonly CurrentScore _current = new();

        public HitQueue Top { get; } = new(sorted is null ? count : 0, order);

        public FacetCollector? Facets => facets;

        public long Total { get; private set; }

        public bool Pruned { get; private set; }

        public void Run()
        {
            foreach (var (leaf, from, to) in ranges)
            {
                Search(leaf, from, to);
            }
        }

        private void Search(AtomicReaderContext leaf, int from, int to)
        {
            var liveDocs = leaf.AtomicReader.LiveDocs;
            if (filter is not null)
            {
                _filter = filter.GetScorer(leaf, liveDocs);
                if (_filter is null)
                {
                    return;
                }

                _filterDoc = -1;
            }

            for (var i = 0; i < _scorers.Length; i++)
            {
                _scorers[i] = clauses[i].Weight?.GetScorer(leaf, liveDocs);
                _costs[i] = _scorers[i]?.GetCost() ?? 0;
                _docs[i] = _scorers[i] is { } scorer ? scorer.Advance(from) : DocIdSetIterator.NO_MORE_DOCS;
            }

            ChooseRuleLeads();
            ChooseLeads();
            facets?.SetNextReader(leaf);
            if (sorted is not null)
            {
                sorted.SetNextReader(leaf);
                sorted.SetScorer(_current);
            }

            var docBase = leaf.DocBase;
            var next = from;
            while (true)
            {
                var start = int.MaxValue;
                for (var i = 0; i < _docs.Length; i++)
                {
                    if (!_leading[i])
                    {
                        continue;
                    }

                    // A clause that followed until now may stand at a document the windows already passed; starting
                    // there would score those documents again (without the rule's leads, which moved on, so they
                    // could not be counted twice, only wasted on).
                    if (_docs[i] < next)
                    {
                        _docs[i] = _scorers[i]!.Advance(next);
                    }

                    start = Math.Min(start, _docs[i]);
                }

                if (start >= to)
                {
                    return;
                }

                var end = Math.Min(to, start + Window);
                for (var i = 0; i < _docs.Length; i++)
                {
                    if (!_leading[i] || _docs[i] >= end)
                    {
                        continue;
                    }

                    var scorer = _scorers[i]!;
                    var doc = _docs[i];
                    var covers = clauses[i].Covers;
                    do
                    {
                        var slot = doc - start;
                        _scores[slot] += scorer.GetScore();
                        _matched[slot >> 6] |= 1UL << slot;
                        if (_covered is not null)
                        {
                            _covered[slot] |= covers;
                        }

                        doc = scorer.NextDoc();
                    }
                    while (doc < end);

                    _docs[i] = doc;
                }

                CollectWindow(start, docBase);
                next = end;
                if (_leadsChanged)
                {
                    ChooseLeads();
                }
            }
        }

        /// <summary>
        /// A document needing <c>required</c> of the units misses at most <c>units − required</c>, so it covers at least
        /// one of any <c>units − required + 1</c>: the clauses of that many units with the fewest postings in this
        /// segment are all it can be found through.
        /// </summary>
        private void ChooseRuleLeads()
        {
            if (_covered is null)
            {
                for (var i = 0; i < _ruleLeads.Length; i++)
                {
                    _ruleLeads[i] = _scorers[i] is not null;
                }

                return;
            }

            var unitCosts = new (long Cost, int Unit)[units];
            for (var unit = 0; unit < units; unit++)
            {
                var cost = 0L;
                for (var i = 0; i < clauses.Count; i++)
                {
                    if ((clauses[i].Covers & (1UL << unit)) != 0)
                    {
                        cost += _costs[i];
                    }
                }

                unitCosts[unit] = (cost, unit);
            }

            Array.Sort(unitCosts);
            var chosen = 0UL;
            for (var u = 0; u < units - required + 1 && u < units; u++)
            {
                chosen |= 1UL << unitCosts[u].Unit;
            }

            for (var i = 0; i < _ruleLeads.Length; i++)
            {
                _ruleLeads[i] = _scorers[i] is not null && (clauses[i].Covers & chosen) != 0;
            }
        }

        /// <summary>
        /// Leads with the rule's clauses or, once MaxScore has set some clauses aside, with the rest when they have
        /// fewer postings: a counted document must match one of the first, a competitive one one of the second.
        /// </summary>
        private void ChooseLeads()
        {
            _leadsChanged = false;
            long ruleCost = 0, essentialCost = 0;
            for (var i = 0; i < _costs.Length; i++)
            {
                ruleCost += _ruleLeads[i] ? _costs[i] : 0;
                essentialCost += i >= _firstEssential ? _costs[i] : 0;
            }

            var byEssential = _firstEssential > 0 && essentialCost < ruleCost;
            for (var i = 0; i < _leading.Length; i++)
            {
                _leading[i] = _scorers[i] is not null && (byEssential ? i >= _firstEssential : _ruleLeads[i]);
            }

            _followerCount = 0;
            for (var i = _leading.Length - 1; i >= 0; i--)
            {
                if (!_leading[i] && _scorers[i] is not null)
                {
                    _followers[_followerCount++] = i;
                }
            }

            _followersBound[_followerCount] = 0;
            _followersCover[_followerCount] = 0;
            for (var f = _followerCount - 1; f >= 0; f--)
            {
                _followersBound[f] = _followersBound[f + 1] + clauses[_followers[f]].MaxScore;
                _followersCover[f] = _followersCover[f + 1] | clauses[_followers[f]].Covers;
            }
        }

        private void CollectWindow(int start, int docBase)
        {
            for (var word = 0; word < _matched.Length; word++)
            {
                for (var bits = _matched[word]; bits != 0; bits &= bits - 1)
                {
                    var slot = (word << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                    var doc = start + slot;
                    var score = _scores[slot];
                    _scores[slot] = 0;
                    var covered = 0UL;
                    if (_covered is not null)
                    {
                        covered = _covered[slot];
                        _covered[slot] = 0;
                    }

                    if (_filter is not null)
                    {
                        if (_filterDoc < doc)
                        {
                            _filterDoc = _filter.Advance(doc);
                        }

                        if (_filterDoc != doc)
                        {
                            continue;
                        }
                    }

                    // Only once MaxScore has set clauses aside may a document be left uncounted for its score, so the
                    // total is a lower bound exactly when it says so.
                    var competitive = Pruned ? Threshold() : double.NegativeInfinity;
                    var qualifies = true;
                    for (var f = 0; f < _followerCount; f++)
                    {
                        // The bounds carry slack, so a document stopped here scores strictly below the k-th hit:
                        // it cannot tie it and win on the name either. Whether it meets the rule is then unknown; it
                        // is left uncounted, which a pruned search reports as a lower bound anyway.
                        if (score + _followersBound[f] <= competitive)
                        {
                            break;
                        }

                        if (_covered is not null && System.Numerics.BitOperations.PopCount(covered | _followersCover[f]) < required)
                        {
                            qualifies = false;
                            break;
                        }

                        var i = _followers[f];
                        if (_docs[i] < doc)
                        {
                            _docs[i] = _scorers[i]!.Advance(doc);
                        }

                        if (_docs[i] == doc)
                        {
                            score += _scorers[i]!.GetScore();
                            covered |= clauses[i].Covers;
                        }
                    }

                    if (!qualifies || (_covered is not null && System.Numerics.BitOperations.PopCount(covered) < required))
                    {
                        continue;
                    }

                    Total++;
                    facets?.Collect(doc);
                    if (sorted is not null)
                    {
                        _current.Set(doc, (float)score);
                        sorted.Collect(doc);
                    }
                    else if (Top.Insert(docBase + doc, (float)score) || Total == threshold)
                    {
                        UpdateEssential();
                    }
                }

                _matched[word] = 0;
            }
        }

        private double Threshold() => Total >= threshold && Top.IsFull ? Top.MinScore : double.NegativeInfinity;

        /// <summary>
        /// Sets aside the clauses whose summed bounds no longer beat the k-th hit; the leads follow at the next window
        /// (a clause that led has scored the whole current one).
        /// </summary>
        private void UpdateEssential()
        {
            var competitive = Threshold();
            var bound = 0.0;
            for (var i = 0; i < _firstEssential; i++)
            {
                bound += clauses[i].MaxScore;
            }

            while (_firstEssential < _scorers.Length && bound + clauses[_firstEssential].MaxScore <= competitive)
            {
                bound += clauses[_firstEssential].MaxScore;
                _firstEssential++;
                Pruned = true;
                _leadsChanged = true;
            }
        }
    }

    /// <summary>The score of the document being collected, for a field-sorted collector that shows scores.</summary>
    private sealed class CurrentScore() : Scorer(null)
    {
        private int _doc = -1;
        private float _score;

        public override int DocID => _doc;

        public void Set(int doc, float score) => (_doc, _score) = (doc, score);

        public override float GetScore() => _score;

        public override int Freq => 1;

        public override int NextDoc() => throw new NotSupportedException();

        public override int Advance(int target) => throw new NotSupportedException();

        public override long GetCost() => 1;
    }

    /// <summary>The k best (score, doc) so far; on equal scores <see cref="DocOrder"/> decides.</summary>
    private sealed class HitQueue(int capacity, DocOrder order)
    {
        private readonly ScoreDoc[] _heap = new ScoreDoc[capacity];
        private int _size;

        public bool IsFull => _size == capacity;

        public float MinScore => _heap[0].Score;

        /// <summary>True when the hit entered a full queue, i.e. the k-th score may have risen.</summary>
        public bool Insert(int doc, float score)
        {
            if (_size < capacity)
            {
                _heap[_size] = new ScoreDoc(doc, score);
                SiftUp(_size++);
                return IsFull;
            }

            if (score < _heap[0].Score || (score == _heap[0].Score && order.Compare(doc, _heap[0].Doc) >= 0))
            {
                return false;
            }

            _heap[0] = new ScoreDoc(doc, score);
            SiftDown(0);
            return true;
        }

        public IEnumerable<ScoreDoc> Hits() => _heap.Take(_size);

        public static bool Worse(ScoreDoc a, ScoreDoc b, DocOrder order) => a.Score < b.Score || (a.Score == b.Score && order.Compare(a.Doc, b.Doc) > 0);

        private bool Worse(ScoreDoc a, ScoreDoc b) => Worse(a, b, order);

        private void SiftUp(int position)
        {
            var item = _heap[position];
            while (position > 0)
            {
                var parent = (position - 1) / 2;
                if (!Worse(item, _heap[parent]))
                {
                    break;
                }

                _heap[position] = _heap[parent];
                position = parent;
            }

            _heap[position] = item;
        }

        private void SiftDown(int position)
        {
            var item = _heap[position];
            while (true)
            {
                var child = 2 * position + 1;
                if (child >= _size)
                {
                    break;
                }

                if (child + 1 < _size && Worse(_heap[child + 1], _heap[child]))
                {
                    child++;
                }

                if (!Worse(_heap[child], item))
                {
                    break;
                }

                _heap[position] = _heap[child];
                position = child;
            }

            _heap[position] = item;
        }
    }
}
