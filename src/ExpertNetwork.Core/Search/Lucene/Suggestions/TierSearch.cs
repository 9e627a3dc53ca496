using Lucene.Net.Util;

namespace ExpertNetwork.Search.Lucene.Suggestions;

/// <summary>A suggestion found in one segment: its score under the suggestion query and its rank there.</summary>
internal readonly record struct RankedMatch(int Score, int Rank);

/// <summary>
/// The suggestion query over one segment, answered from <see cref="SegmentNames"/>. A document matches when each
/// typed word is a gram of its names; it scores 2 for each finished typed word that is a whole name word and 1 when
/// its first name word starts with the first typed word; ties go by rank. Scores are taken tier by tier from the
/// highest, and within a tier documents come in rank order, which is the final order: each tier stops as soon as
/// the list is full.
/// </summary>
internal sealed class TierSearch
{
    // A union of more lists than this is checked document by document rather than sought: a seek past many
    // short lists costs a gallop in each.
    private const int MaxListsToSeek = 8;

    private readonly SegmentNames _names;
    private readonly (int First, int End)[] _typedRanges;
    private readonly (int First, int End)? _firstWordRange;
    private readonly int[] _wholeWords;
    private readonly IBits? _liveDocs;
    private readonly int _size;
    private readonly List<RankedMatch> _found;

    private TierSearch(SegmentNames names, (int First, int End)[] typedRanges, (int First, int End)? firstWordRange, int[] wholeWords,
        IBits? liveDocs, int size, List<RankedMatch> found)
    {
        _names = names;
        _typedRanges = typedRanges;
        _firstWordRange = firstWordRange;
        _wholeWords = wholeWords;
        _liveDocs = liveDocs;
        _size = size;
        _found = found;
    }

    /// <summary>The best <paramref name="size"/> matches of the segment, best first.</summary>
    public static List<RankedMatch> Run(SegmentNames names, TypedWords typed, IBits? liveDocs, int size)
    {
        var found = new List<RankedMatch>(size);
        var typedRanges = new (int First, int End)[typed.Distinct.Count];
        for (var i = 0; i < typedRanges.Length; i++)
        {
            if (names.Prefixes.Range(typed.Distinct[i]) is not { } range)
            {
                return found;
            }

            typedRanges[i] = range;
        }

        // A finished word that is no whole name word here adds to no score, so it is no tier of its own.
        var wholeWords = typed.Finished.Select(w => names.Words.Terms.Find(w)).Where(ord => ord >= 0).ToArray();
        new TierSearch(names, typedRanges, names.FirstPrefixes.Range(typed.First), wholeWords, liveDocs, size, found).TakeTiers();
        return found;
    }

    private bool Full => _found.Count >= _size;

    private void TakeTiers()
    {
        var all = _wholeWords.Length;
        for (var whole = all; whole >= 0; whole--)
        {
            if (whole > 0 && whole < all)
            {
                // Which of several finished words a document has whole is no list to walk: the remaining tiers are
                // taken in one pass over the matches. Only queries of three words or more get here.
                RemainingTiers(whole);
                return;
            }

            if (_firstWordRange is not null && Tier(whole, firstWordBonus: true))
            {
                return;
            }

            if (Tier(whole, firstWordBonus: false))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Adds the documents scoring 2 × <paramref name="whole"/> + bonus, where <paramref name="whole"/> is either
    /// every finished word or none, in rank order until the list is full. True when it is.
    /// </summary>
    private bool Tier(int whole, bool firstWordBonus)
    {
        var sought = new List<RankUnion>();
        var checkedRanges = new List<(PrefixWords Words, int First, int End)>();
        var candidates = _typedRanges.Select(r => (Union: new RankUnion(_names.Prefixes.RanksOfWord, r.First, r.End), Words: _names.Prefixes, Range: r))
            .ToList();
        var firstWords = _firstWordRange is { } f ? new RankUnion(_names.FirstPrefixes.RanksOfWord, f.First, f.End) : null;
        if (firstWordBonus)
        {
            candidates.Add((firstWords!, _names.FirstPrefixes, _firstWordRange!.Value));
        }

        var wholeLists = _wholeWords.Select(w => new RankUnion(_names.Words.RanksOfWord, w, w + 1)).ToArray();
        var mustHaveWhole = whole > 0;
        if (mustHaveWhole)
        {
            sought.AddRange(wholeLists);
        }

        // The shortest list leads; others short enough to seek leapfrog with it, the rest are checked per document.
        candidates.Sort((a, b) => a.Union.Size.CompareTo(b.Union.Size));
        foreach (var (union, words, range) in candidates)
        {
            if (sought.Count == 0 || union.Lists <= MaxListsToSeek)
            {
                sought.Add(union);
            }
            else
            {
                checkedRanges.Add((words, range.First, range.End));
            }
        }

        sought.Sort((a, b) => a.Size.CompareTo(b.Size));

        var from = 0;
        var to = _names.DocOfRank.Length;
        var (skipFrom, skipTo) = (0, 0);
        if (firstWordBonus)
        {
            (from, to) = (firstWords!.First, firstWords.Last + 1);
        }
        else if (firstWords is not null && _names.FirstPrefixes.AtMostOneWordPerDocument && firstWords.Size == firstWords.Last - firstWords.First + 1)
        {
            // Names sort by their first word, so the names starting with the first typed word are usually one run of
            // ranks; when nothing else is in it, the run is skipped whole rather than refused document by document.
            (skipFrom, skipTo) = (firstWords.First, firstWords.Last + 1);
        }

        var score = 2 * whole + (firstWordBonus ? 1 : 0);
        var rank = from;
        while (true)
        {
            rank = Align(sought, rank);
            if (rank >= to)
            {
                return false;
            }

            if (rank >= skipFrom && rank < skipTo)
            {
                rank = skipTo;
                continue;
            }

            if (IsLive(rank)
                && checkedRanges.TrueForAll(c => c.Words.HasWordIn(rank, c.First, c.End))
                && (firstWordBonus || !HasFirstWord(rank))
                && (mustHaveWhole || !Array.Exists(wholeLists, l => l.Contains(rank))))
            {
                _found.Add(new RankedMatch(score, rank));
                if (Full)
                {
                    return true;
                }
            }

            rank++;
        }
    }

    /// <summary>
    /// Every tier with fewer than all finished words whole, at once: one walk over the matches keeping the best
    /// by score then rank. Documents with all of them whole were taken by the tiers before.
    /// </summary>
    private void RemainingTiers(int mostWhole)
    {
        var need = _size - _found.Count;
        var unions = _typedRanges.Select(r => new RankUnion(_names.Prefixes.RanksOfWord, r.First, r.End)).OrderBy(u => u.Size).ToList();
        var sought = unions.Where((u, i) => i == 0 || u.Lists <= MaxListsToSeek).ToList();
        var wholeLists = _wholeWords.Select(w => new RankUnion(_names.Words.RanksOfWord, w, w + 1)).ToArray();
        var bestPossible = 2 * mostWhole + (_firstWordRange is null ? 0 : 1);

        // The worst kept on top: lowest score, then highest rank.
        var best = new PriorityQueue<RankedMatch, RankedMatch>(need + 1,
            Comparer<RankedMatch>.Create((a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.Rank.CompareTo(a.Rank)));
        var rank = 0;
        while ((rank = Align(sought, rank)) != RankUnion.Exhausted)
        {
            if (IsLive(rank) && _typedRanges.All(r => _names.Prefixes.HasWordIn(rank, r.First, r.End)))
            {
                var whole = wholeLists.Count(l => l.Contains(rank));
                if (whole <= mostWhole)
                {
                    var match = new RankedMatch(2 * whole + (HasFirstWord(rank) ? 1 : 0), rank);
                    if (best.Count < need)
                    {
                        best.Enqueue(match, match);
                    }
                    else if (match.Score > best.Peek().Score)
                    {
                        best.EnqueueDequeue(match, match);
                    }

                    if (best.Count == need && best.Peek().Score == bestPossible)
                    {
                        break;
                    }
                }
            }

            rank++;
        }

        var kept = new RankedMatch[best.Count];
        for (var i = kept.Length - 1; i >= 0; i--)
        {
            kept[i] = best.Dequeue();
        }

        _found.AddRange(kept);
    }

    private bool IsLive(int rank) => _liveDocs is null || _liveDocs.Get(_names.DocOfRank[rank]);

    private bool HasFirstWord(int rank) =>
        _firstWordRange is { } range && _names.FirstPrefixes.HasWordIn(rank, range.First, range.End);

    /// <summary>The lowest rank at or after <paramref name="target"/> in every union (leapfrog), or <see cref="RankUnion.Exhausted"/>.</summary>
    private static int Align(List<RankUnion> unions, int target)
    {
        var rank = target;
        var agreeing = 0;
        for (var i = 0; agreeing < unions.Count; i = (i + 1) % unions.Count)
        {
            var next = unions[i].Seek(rank);
            if (next == RankUnion.Exhausted)
            {
                return RankUnion.Exhausted;
            }

            agreeing = next == rank ? agreeing + 1 : 1;
            rank = next;
        }

        return rank;
    }
}

/// <summary>The analysed prefix as UTF-8 terms: each distinct word, the distinct finished words (all but the last), and the first.</summary>
internal sealed record TypedWords(IReadOnlyList<byte[]> Distinct, IReadOnlyList<byte[]> Finished, byte[] First);
