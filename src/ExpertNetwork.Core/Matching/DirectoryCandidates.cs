using ExpertNetwork.Experts;
using ExpertNetwork.Needs;

namespace ExpertNetwork.Matching;

/// <summary>
/// Candidates for a need drawn from the whole directory: the lexical <see cref="CandidateIndex"/>'s
/// best, joined by the experts nearest by vector once the directory has stored vectors. The
/// re-ranker then scores this pool; whoever is not in it cannot be matched, so it is built for recall.
/// </summary>
public sealed class DirectoryCandidates(CandidateIndex lexical, EmbeddingStore? store)
{
    /// <summary>Nearest neighbours by vector added per lexical candidate asked for: half as many again.</summary>
    public const double VectorShare = 0.5;

    /// <summary>
    /// Audit entries read in one catch-up step; a request applies at most this many changes itself and leaves a
    /// larger backlog (another process importing a directory) to the background pass, which works through it step by step.
    /// </summary>
    private const int ChangesPerStep = 5_000;

    private readonly VectorNeighbours _vectors = new(store);
    private readonly SemaphoreSlim _writing = new(1, 1);
    private int _vectorsFrom = -1;
    private long _profilesRead;

    public CandidateIndex Lexical { get; } = lexical;

    public VectorNeighbours Vectors => _vectors;

    /// <summary>Profiles read from the store since this was made: the start-up pass, then only changed ones.</summary>
    public long ProfilesRead => Interlocked.Read(ref _profilesRead);

    /// <summary>Sets the per-expert vectors of these experts from what the store holds now.</summary>
    public void RefreshVectors(IEnumerable<Expert> experts)
    {
        _writing.Wait();
        try
        {
            foreach (var expert in experts)
            {
                _vectors.Set(expert);
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>
    /// The app's candidates: the directory's own once <paramref name="engine"/> has read it, the search index's
    /// top K until then.
    /// </summary>
    public static CandidateSource For(MatchingEngine engine, ExpertDirectory directory) =>
        engine.Candidates is { } candidates ? candidates.Source(directory.Store) : MatchCandidates.FromSearch(directory.Index, directory.Store);

    /// <summary>Profiles read between two looks at <see cref="ForegroundActivity"/> during a start-up pass over the store.</summary>
    internal const int ProfilesBetweenYields = 100;

    /// <summary>
    /// Reads the whole store once: the lexical index, and a vector per expert where the store has any. With
    /// <paramref name="foreground"/>, it waits every <see cref="ProfilesBetweenYields"/> profiles while requests are in
    /// flight: at 50,000 profiles the pass is many seconds of a core, which requests would otherwise share with it.
    /// <paramref name="also"/> sees each profile as it is read, so other start-up work shares the pass and its pauses.
    /// </summary>
    public static async Task<DirectoryCandidates> LoadAsync(ExpertStore experts, EmbeddingStore? store, CancellationToken cancellationToken,
        ForegroundActivity? foreground = null, Action<Expert>? also = null)
    {
        var index = new CandidateIndex { AppliedChange = await experts.LastChangeAsync(cancellationToken) };
        var candidates = new DirectoryCandidates(index, store);
        var storedVectors = store?.Count ?? 0;
        var chunk = new List<Expert>(1000);
        var read = 0;
        await foreach (var stored in experts.StreamAsync(cancellationToken: cancellationToken))
        {
            if (foreground is not null && ++read % ProfilesBetweenYields == 0)
            {
                await foreground.WaitForQuietAsync(cancellationToken);
            }

            chunk.Add(stored.Expert);
            also?.Invoke(stored.Expert);
            if (chunk.Count == chunk.Capacity)
            {
                candidates.Apply(chunk, []);
                chunk.Clear();
            }
        }

        candidates.Apply(chunk, []);
        candidates._vectorsFrom = storedVectors;
        return candidates;
    }

    /// <summary>
    /// Applies the store's changes since the last look (profiles added, edited, unlisted or deleted by this or another
    /// process), reading only the changed profiles, and gives the experts whose texts gained vectors their new direction.
    /// </summary>
    public async Task FollowAsync(ExpertStore experts, CancellationToken cancellationToken)
    {
        await CatchUpAsync(experts, long.MaxValue, cancellationToken);
        if (store is null || store.Count == Volatile.Read(ref _vectorsFrom))
        {
            return;
        }

        await _writing.WaitAsync(cancellationToken);
        try
        {
            var storedVectors = store.Count;
            _vectors.Refresh();
            Volatile.Write(ref _vectorsFrom, storedVectors);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>
    /// Patches the candidates with the profiles changed since the last look, one step of audit entries at a time so a
    /// request waits for one step at most; nothing when more than <paramref name="maxChanges"/> changed.
    /// </summary>
    private async Task CatchUpAsync(ExpertStore experts, long maxChanges, CancellationToken cancellationToken)
    {
        var last = await experts.LastChangeAsync(cancellationToken);

        // Audit ids only grow, so their difference bounds the number of changes without counting them.
        if (last - Lexical.AppliedChange > maxChanges)
        {
            return;
        }

        while (Lexical.AppliedChange < last)
        {
            await _writing.WaitAsync(cancellationToken);
            try
            {
                var from = Lexical.AppliedChange;
                if (from >= last)
                {
                    return;
                }

                var upTo = Math.Min(last, from + ChangesPerStep);
                var changed = await experts.ChangedBetweenAsync(from, upTo, int.MaxValue, cancellationToken) ?? [];
                var found = await experts.GetManyAsync(changed.Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
                Apply(found.Select(s => s.Expert).ToList(), changed.Except(found.Select(s => s.Expert.Id), StringComparer.Ordinal).ToList());
                Lexical.AppliedChange = upTo;
            }
            finally
            {
                _writing.Release();
            }
        }
    }

    private void Apply(IReadOnlyList<Expert> found, IReadOnlyList<string> gone)
    {
        Lexical.AddOrReplace(found);
        foreach (var expert in found)
        {
            _vectors.Set(expert);
        }

        foreach (var id in gone)
        {
            Lexical.Remove(id);
            _vectors.Remove(id);
        }

        Interlocked.Add(ref _profilesRead, found.Count);
    }

    /// <summary>Ids, lexical candidates first, then the nearest by vector (to <paramref name="needVector"/>) that lexical retrieval missed.</summary>
    public IReadOnlyList<string> Top(Need need, float[]? needVector, int limit)
    {
        var ids = Lexical.Top(need, limit);
        if (_vectors.Count == 0 || needVector is null)
        {
            return ids;
        }

        return [.. ids, .. Nearest(ids, needVector, limit)];
    }

    /// <summary>The nearest by vector (<see cref="VectorShare"/> per candidate asked for) that are not among <paramref name="found"/>.</summary>
    private List<string> Nearest(IEnumerable<string> found, float[] needVector, int limit)
    {
        var seen = found.ToHashSet(StringComparer.Ordinal);
        return _vectors.Top(needVector, (int)Math.Ceiling(limit * VectorShare)).Where(seen.Add).ToList();
    }

    /// <summary>
    /// Candidates as full profiles, read from the store. Profiles stored since the index last looked are taken in first, so
    /// a profile saved a moment ago is a candidate like in the search index.
    /// </summary>
    public CandidateSource Source(ExpertStore experts) => (need, needVector, limit, cancellationToken) =>
    {
        var byWords = ByWordsAsync(experts, need, limit, cancellationToken);
        return new CandidatePool(byWords, ByMeaningAsync(experts, byWords, needVector, limit, cancellationToken));
    };

    /// <summary>Candidates as full profiles from a directory already in memory.</summary>
    public CandidateSource Source(IReadOnlyDictionary<string, Expert> experts) => (need, needVector, limit, cancellationToken) =>
    {
        var byWords = Task.FromResult<IReadOnlyList<Expert>>(Lexical.Top(need, limit).Where(experts.ContainsKey).Select(id => experts[id]).ToList());
        return new CandidatePool(byWords, NearestAsync(byWords, needVector, limit, ids => Task.FromResult<IEnumerable<Expert>>(ids.Where(experts.ContainsKey).Select(id => experts[id]))));
    };

    private async Task<IReadOnlyList<Expert>> ByWordsAsync(ExpertStore experts, Need need, int limit, CancellationToken cancellationToken)
    {
        await CatchUpAsync(experts, ChangesPerStep, cancellationToken);
        return await ReadAsync(experts, Lexical.Top(need, limit), cancellationToken);
    }

    private Task<IReadOnlyList<Expert>> ByMeaningAsync(
        ExpertStore experts, Task<IReadOnlyList<Expert>> byWords, Task<float[]?> needVector, int limit, CancellationToken cancellationToken) =>
        NearestAsync(byWords, needVector, limit, async ids => await ReadAsync(experts, ids, cancellationToken));

    /// <summary>The nearest by vector that words did not find, once both are known.</summary>
    private async Task<IReadOnlyList<Expert>> NearestAsync(
        Task<IReadOnlyList<Expert>> byWords, Task<float[]?> needVector, int limit, Func<IReadOnlyList<string>, Task<IEnumerable<Expert>>> read)
    {
        var found = await byWords;
        if (_vectors.Count == 0 || await needVector is not { } vector)
        {
            return [];
        }

        return (await read(Nearest(found.Select(e => e.Id), vector, limit))).ToList();
    }

    private static async Task<IReadOnlyList<Expert>> ReadAsync(ExpertStore experts, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var found = (await experts.GetManyAsync(ids, cancellationToken)).ToDictionary(s => s.Expert.Id, s => s.Expert, StringComparer.Ordinal);
        return ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
    }
}
