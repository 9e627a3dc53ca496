using System.Buffers;
using ExpertNetwork.Experts;
using ExpertNetwork.Needs;

namespace ExpertNetwork.Matching;

/// <summary>
/// Lexical candidate generation over the whole directory: one BM25 document per listed expert made
/// of every word the profile holds (headline, keywords, bio, publication titles and abstracts, and
/// English glosses of Vietnamese terms), queried with the need's whole text. Every part of a profile
/// counts alike, so a profile described only by its papers competes on equal terms with one that
/// also lists keywords; the search index, built to find people by name and skill, weighs those apart.
/// Term weights per document are fixed when it is added; idf is read at query time. A changed profile
/// leaves a dead slot behind, and the postings are compacted once a quarter of the slots are dead.
/// </summary>
public sealed class CandidateIndex
{
    /// <summary>BM25 term-frequency saturation.</summary>
    public const float K1 = 1.2f;

    /// <summary>
    /// Length normalisation, lower than BM25's usual 0.75: a researcher with twenty papers has more words because
    /// they published more, not because each word matters less.
    /// </summary>
    public const float B = 0.3f;

    /// <summary>The need's strongest terms by weight; more make a slower query that ranks no better.</summary>
    public const int MaxQueryTerms = 48;

    /// <summary>A document's strongest terms by BM25 weight; the rest (mostly words every field uses) are not indexed.</summary>
    public const int MaxDocumentTerms = 400;

    private readonly Dictionary<string, Postings> _postings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _slotOf = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];
    private readonly List<bool> _live = [];
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private int _dead;
    private long _totalLength;
    private int _documents;

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _documents;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>The store's newest change this index reflects (<see cref="ExpertStore.LastChangeAsync"/>); 0 when unknown.</summary>
    public long AppliedChange { get; set; }

    public static CandidateIndex Build(IEnumerable<Expert> experts)
    {
        var index = new CandidateIndex();
        index.AddOrReplace(experts);
        return index;
    }

    /// <summary>The words of a profile, folded and stemmed like the matcher's lexical features.</summary>
    public static List<string> DocumentTerms(Expert expert)
    {
        var profile = ExpertEvidence.ProfileEmbeddingText(expert);
        var terms = MatchText.Terms(profile);
        foreach (var publication in expert.Publications)
        {
            terms.AddRange(MatchText.Terms(publication.Title));
            terms.AddRange(MatchText.Terms(publication.Abstract));
        }

        return terms;
    }

    /// <summary>
    /// The words of a need: title and keywords count twice, being what the writer chose to stress, and so do what a short
    /// need's acronyms the index does not hold stand for (<see cref="SkillConcepts.SpelledOut"/>; with no index, all).
    /// </summary>
    public static List<string> QueryTerms(Need need, CandidateIndex? index = null)
    {
        var keywords = string.Join(", ", need.Keywords);
        var spelledOut = string.Join(", ", SkillConcepts.SpelledOut(need.TextWithKeywords, index is null ? null : index.Holds));
        var stressed = MatchText.Terms(string.Join(". ", new[] { need.Title, keywords, spelledOut }.Where(s => !string.IsNullOrWhiteSpace(s))));
        var terms = new List<string>(stressed);
        terms.AddRange(stressed);
        terms.AddRange(MatchText.Terms(need.Description));
        terms.AddRange(MatchText.Terms(FieldLexicon.EnglishGlosses(need.Text)));
        return terms;
    }

    /// <summary>Adds listed experts and replaces earlier versions of the same ids; unlisted ones are removed.</summary>
    public void AddOrReplace(IEnumerable<Expert> experts)
    {
        // Analysing text is the cost; it happens outside the lock, a thousand profiles at a time.
        foreach (var chunk in experts.Chunk(1000))
        {
            var analysed = new (string Id, Dictionary<string, int>? Counts, int Length)[chunk.Length];
            Parallel.For(0, chunk.Length, i =>
            {
                var expert = chunk[i];
                if (!expert.Consent.Listed)
                {
                    analysed[i] = (expert.Id, null, 0);
                    return;
                }

                var terms = DocumentTerms(expert);
                analysed[i] = (expert.Id, TermVector.Count(terms), terms.Count);
            });

            _lock.EnterWriteLock();
            try
            {
                foreach (var (id, counts, length) in analysed)
                {
                    RemoveLocked(id);
                    if (counts is not null)
                    {
                        AddLocked(id, counts, length);
                    }
                }

                CompactIfNeededLocked();
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
    }

    public void Remove(string id)
    {
        _lock.EnterWriteLock();
        try
        {
            RemoveLocked(id);
            CompactIfNeededLocked();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>The ids of the best <paramref name="limit"/> listed experts for the need, best first.</summary>
    public IReadOnlyList<string> Top(Need need, int limit) => Top(QueryTerms(need, this), limit);

    /// <summary>Whether some listed profile has the term among its indexed ones.</summary>
    public bool Holds(string term)
    {
        _lock.EnterReadLock();
        try
        {
            return _postings.TryGetValue(term, out var postings) && postings.Count > 0;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<string> Top(IReadOnlyList<string> queryTerms, int limit)
    {
        if (limit <= 0 || queryTerms.Count == 0)
        {
            return [];
        }

        _lock.EnterReadLock();
        try
        {
            var query = TermVector.Count(queryTerms)
                .Select(t => (Postings: _postings.GetValueOrDefault(t.Key), Tf: t.Value))
                .Where(t => t.Postings is { Count: > 0 })
                .Select(t => (t.Postings!, Weight: (float)((1 + Math.Log(t.Tf)) * Idf(t.Postings!.Count))))
                .OrderByDescending(t => t.Weight)
                .Take(MaxQueryTerms)
                .ToList();
            if (query.Count == 0)
            {
                return [];
            }

            var slots = _ids.Count;
            var scores = ArrayPool<float>.Shared.Rent(slots);
            try
            {
                Array.Clear(scores, 0, slots);
                foreach (var (postings, weight) in query)
                {
                    var ids = postings.Slots;
                    var weights = postings.Weights;
                    for (var i = 0; i < postings.Count; i++)
                    {
                        scores[ids[i]] += weight * weights[i];
                    }
                }

                return Best(scores, slots, limit);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(scores);
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private List<string> Best(float[] scores, int slots, int limit)
    {
        // A min-heap of the best so far.
        var heap = new PriorityQueue<int, (float Score, int Slot)>(limit + 1, BestComparer.Instance);
        for (var slot = 0; slot < slots; slot++)
        {
            var score = scores[slot];
            if (score <= 0 || !_live[slot])
            {
                continue;
            }

            if (heap.Count < limit)
            {
                heap.Enqueue(slot, (score, slot));
            }
            else if (heap.TryPeek(out _, out var worst) && BestComparer.Instance.Compare((score, slot), worst) > 0)
            {
                heap.DequeueEnqueue(slot, (score, slot));
            }
        }

        var best = new string[heap.Count];
        for (var i = best.Length - 1; i >= 0; i--)
        {
            best[i] = _ids[heap.Dequeue()];
        }

        return [.. best];
    }

    /// <summary>Postings of dead slots still count in <paramref name="postings"/> until compaction, so it may exceed the live documents.</summary>
    private double Idf(int postings)
    {
        var df = Math.Min(postings, _documents);
        return Math.Log(1 + (_documents - df + 0.5) / (df + 0.5));
    }

    private void AddLocked(string id, Dictionary<string, int> counts, int length)
    {
        var slot = _ids.Count;
        _ids.Add(id);
        _live.Add(true);
        _slotOf[id] = slot;
        _documents++;
        _totalLength += length;
        var average = Math.Max(1f, (float)_totalLength / _documents);
        var norm = K1 * (1 - B + B * length / average);
        var weighted = counts.Select(c => (Term: c.Key, Weight: c.Value * (K1 + 1) / (c.Value + norm)));
        if (counts.Count > MaxDocumentTerms)
        {
            // The document's distinctive words: the same BM25 weight, scaled by how rare each word is so far.
            weighted = weighted.OrderByDescending(t => t.Weight * Idf(_postings.GetValueOrDefault(t.Term)?.Count ?? 0)).Take(MaxDocumentTerms);
        }

        foreach (var (term, weight) in weighted)
        {
            if (!_postings.TryGetValue(term, out var postings))
            {
                _postings[term] = postings = new Postings();
            }

            postings.Add(slot, weight);
        }
    }

    private void RemoveLocked(string id)
    {
        if (_slotOf.Remove(id, out var slot))
        {
            _live[slot] = false;
            _dead++;
            _documents--;
        }
    }

    /// <summary>Drops dead slots from every postings list once they are a quarter of all slots, renumbering the live ones.</summary>
    private void CompactIfNeededLocked()
    {
        if (_dead == 0 || _dead * 4 < _ids.Count)
        {
            return;
        }

        var renumber = new int[_ids.Count];
        var ids = new List<string>(_documents);
        for (var slot = 0; slot < _ids.Count; slot++)
        {
            renumber[slot] = _live[slot] ? ids.Count : -1;
            if (_live[slot])
            {
                ids.Add(_ids[slot]);
            }
        }

        foreach (var (term, postings) in _postings.ToList())
        {
            postings.Renumber(renumber);
            if (postings.Count == 0)
            {
                _postings.Remove(term);
            }
        }

        _ids.Clear();
        _ids.AddRange(ids);
        _live.Clear();
        _live.AddRange(Enumerable.Repeat(true, ids.Count));
        _slotOf.Clear();
        for (var slot = 0; slot < ids.Count; slot++)
        {
            _slotOf[ids[slot]] = slot;
        }

        _dead = 0;
    }

    private sealed class Postings
    {
        public int[] Slots = new int[2];
        public float[] Weights = new float[2];
        public int Count;

        public void Add(int slot, float weight)
        {
            if (Count == Slots.Length)
            {
                Array.Resize(ref Slots, Count * 2);
                Array.Resize(ref Weights, Count * 2);
            }

            Slots[Count] = slot;
            Weights[Count] = weight;
            Count++;
        }

        public void Renumber(int[] renumber)
        {
            var kept = 0;
            for (var i = 0; i < Count; i++)
            {
                if (renumber[Slots[i]] is var slot and >= 0)
                {
                    Slots[kept] = slot;
                    Weights[kept] = Weights[i];
                    kept++;
                }
            }

            Count = kept;
        }
    }

    /// <summary>Higher score first; between equal scores the earlier slot, so ties break the same way every time.</summary>
    private sealed class BestComparer : IComparer<(float Score, int Slot)>
    {
        public static readonly BestComparer Instance = new();

        public int Compare((float Score, int Slot) x, (float Score, int Slot) y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Slot.CompareTo(x.Slot);
    }
}
