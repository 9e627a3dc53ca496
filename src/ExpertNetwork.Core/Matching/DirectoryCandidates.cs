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
    /// <summary>Nearest neighbours by vector added per lexical candidate asked for: half as many again.</summary>
    public const double VectorShare = 0.5;

    private VectorNeighbours _vectors = VectorNeighbours.Empty;

    public CandidateIndex Lexical => lexical;

    public VectorNeighbours Vectors => Volatile.Read(ref _vectors);

    /// <summary>Rebuilds the per-expert vectors from what the store holds now.</summary>
    public void RefreshVectors(IEnumerable<Expert> experts)
    {
        if (store is not null)
        {
            Volatile.Write(ref _vectors, VectorNeighbours.Build(experts, store));
        }
    }

    /// <summary>Ids, lexical candidates first, then the nearest by vector that lexical retrieval missed.</summary>
    public IReadOnlyList<string> Top(Need need, int limit)
    {
        var ids = lexical.Top(need, limit);
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

    /// <summary>Candidates as full profiles, read from the store in one query.</summary>
    public CandidateSource Source(ExpertStore experts) => async (need, limit, cancellationToken) =>
    {
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
