using ExpertNetwork.Experts;
using ExpertNetwork.Needs;

namespace ExpertNetwork.Matching;

/// <summary>
/// Candidates for a need drawn from the whole directory: the lexical <see cref="CandidateIndex"/>'s
/// best, joined by the experts nearest by vector once the directory has stored vectors. The
/// re-ranker then scores this pool; whoever is not in it cannot be matched, so it is built for recall.
/// </summary>
public sealed class DirectoryCandidates(CandidateIndex lexical, EmbeddingStore? store, MiniLmEmbedder? embedder)
{
    private CandidateIndex _lexical = lexical;

    /// <summary>Nearest neighbours by vector added per lexical candidate asked for: half as many again.</summary>
    public const double VectorShare = 0.5;

    /// <summary>More changes than this since the last look, and the index is rebuilt rather than patched.</summary>
    private const int MaxPatch = 5_000;

    private VectorNeighbours _vectors = VectorNeighbours.Empty;
    private int _vectorsFrom = -1;
    private readonly SemaphoreSlim _patching = new(1, 1);

    public CandidateIndex Lexical => Volatile.Read(ref _lexical);

    public VectorNeighbours Vectors => Volatile.Read(ref _vectors);

    /// <summary>Rebuilds the per-expert vectors from what the store holds now.</summary>
    public void RefreshVectors(IEnumerable<Expert> experts)
    {
        if (store is not null)
        {
            Volatile.Write(ref _vectors, VectorNeighbours.Build(experts, store));
        }
    }

    /// <summary>
    /// The app's candidates: the directory's own once <paramref name="engine"/> has read it, the search index's
    /// top K until then.
    /// </summary>
    public static CandidateSource For(MatchingEngine engine, ExpertDirectory directory) =>
        engine.Candidates is { } candidates ? candidates.Source(directory.Store) : MatchCandidates.FromSearch(directory.Index, directory.Store);

    /// <summary>Reads the whole store once: the lexical index, and a vector per expert where the store has any.</summary>
    public static async Task<DirectoryCandidates> LoadAsync(ExpertStore experts, EmbeddingStore? store, MiniLmEmbedder? embedder, CancellationToken cancellationToken)
    {
        var index = new CandidateIndex { AppliedChange = await experts.LastChangeAsync(cancellationToken) };
        var candidates = new DirectoryCandidates(index, store, embedder);
        await candidates.ReadAllAsync(experts, index, cancellationToken);
        return candidates;
    }

    /// <summary>
    /// Applies the store's changes since the last look (profiles added, edited, unlisted or deleted by this or another
    /// process) and reads the vectors again when the store has gained some.
    /// </summary>
    public async Task FollowAsync(ExpertStore experts, CancellationToken cancellationToken)
    {
        if (!await CatchUpAsync(experts, rebuild: true, cancellationToken) && store is not null && store.Count != Volatile.Read(ref _vectorsFrom))
        {
            await ReadAllAsync(experts, null, cancellationToken);
        }
    }

    /// <summary>
    /// Patches the lexical index with the profiles changed since it last looked; true when it was rebuilt instead
    /// (vectors included), which only <paramref name="rebuild"/> allows: a request leaves that to the background.
    /// </summary>
    private async Task<bool> CatchUpAsync(ExpertStore experts, bool rebuild, CancellationToken cancellationToken)
    {
        var last = await experts.LastChangeAsync(cancellationToken);
        if (last <= Lexical.AppliedChange)
        {
            return false;
        }

        await _patching.WaitAsync(cancellationToken);
        try
        {
            var index = Lexical;
            if (last <= index.AppliedChange)
            {
                return false;
            }

            var changed = await experts.ChangedBetweenAsync(index.AppliedChange, last, MaxPatch, cancellationToken);
            if (changed is null)
            {
                if (!rebuild)
                {
                    return false;
                }

                var rebuilt = new CandidateIndex { AppliedChange = last };
                await ReadAllAsync(experts, rebuilt, cancellationToken);
                Volatile.Write(ref _lexical, rebuilt);
                return true;
            }

            var found = await experts.GetManyAsync(changed.Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
            index.AddOrReplace(found.Select(s => s.Expert));
            foreach (var gone in changed.Except(found.Select(s => s.Expert.Id), StringComparer.Ordinal))
            {
                index.Remove(gone);
            }

            index.AppliedChange = last;
            return false;
        }
        finally
        {
            _patching.Release();
        }
    }

    private async Task ReadAllAsync(ExpertStore experts, CandidateIndex? index, CancellationToken cancellationToken)
    {
        var storedVectors = store?.Count ?? 0;
        var vectors = store is null ? null : new VectorNeighbours.Builder(store);
        var chunk = new List<Expert>(1000);
        await foreach (var stored in experts.StreamAsync(cancellationToken: cancellationToken))
        {
            vectors?.Add(stored.Expert);
            chunk.Add(stored.Expert);
            if (chunk.Count == 1000)
            {
                index?.AddOrReplace(chunk);
                chunk.Clear();
            }
        }

        index?.AddOrReplace(chunk);
        if (vectors is not null)
        {
            Volatile.Write(ref _vectors, vectors.Build());
            Volatile.Write(ref _vectorsFrom, storedVectors);
        }
    }

    /// <summary>Ids, lexical candidates first, then the nearest by vector that lexical retrieval missed.</summary>
    public IReadOnlyList<string> Top(Need need, int limit)
    {
        var ids = Lexical.Top(need, limit);
        var vectors = Vectors;
        if (vectors.Count == 0 || NeedVector(need) is not { } vector)
        {
            return ids;
        }

        var pool = new List<string>(ids);
        var seen = new HashSet<string>(ids, StringComparer.Ordinal);
        pool.AddRange(vectors.Top(vector, (int)Math.Ceiling(limit * VectorShare)).Where(seen.Add));
        return pool;
    }

    /// <summary>
    /// Candidates as full profiles, read from the store in one query. Profiles stored since the index last looked are
    /// taken in first, so a profile saved a moment ago is a candidate like in the search index.
    /// </summary>
    public CandidateSource Source(ExpertStore experts) => async (need, limit, cancellationToken) =>
    {
        await CatchUpAsync(experts, rebuild: false, cancellationToken);
        var ids = Top(need, limit);
        var found = (await experts.GetManyAsync(ids, cancellationToken)).ToDictionary(s => s.Expert.Id, s => s.Expert, StringComparer.Ordinal);
        return ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
    };

    /// <summary>Candidates as full profiles from a directory already in memory.</summary>
    public CandidateSource Source(IReadOnlyDictionary<string, Expert> experts) => (need, limit, _) =>
        Task.FromResult<IReadOnlyList<Expert>>(Top(need, limit).Where(experts.ContainsKey).Select(id => experts[id]).ToList());

    private float[]? NeedVector(Need need)
    {
        var text = NeedContext.EmbeddingText(need);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (store?.Get(TextKey.Of(text)) is { } stored)
        {
            return stored.Select(h => (float)h).ToArray();
        }

        return embedder?.Embed(text);
    }
}
