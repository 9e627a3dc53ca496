using System.Numerics;
using System.Runtime.InteropServices;
using ExpertNetwork.Experts;

namespace ExpertNetwork.Matching;

/// <summary>
/// Nearest experts to a need by meaning: one unit vector per expert (the direction of the mean of
/// their stored publication and profile vectors), scanned in full for each query. A scan over
/// 100,000 rows of 384 floats is a few tens of milliseconds on one core, so no approximate index is
/// kept. An expert none of whose texts has a vector yet has no row.
/// </summary>
public sealed class VectorNeighbours
{
    private readonly float[] _rows;
    private readonly string[] _ids;

    private VectorNeighbours(float[] rows, string[] ids)
    {
        _rows = rows;
        _ids = ids;
    }

    public static VectorNeighbours Empty { get; } = new([], []);

    public int Count => _ids.Length;

    public static VectorNeighbours Build(IEnumerable<Expert> experts, EmbeddingStore store)
    {
        var builder = new Builder(store);
        foreach (var expert in experts)
        {
            builder.Add(expert);
        }

        return builder.Build();
    }

    /// <summary>Collects one row per expert as profiles stream past, so the directory is never held in memory whole.</summary>
    public sealed class Builder(EmbeddingStore store)
    {
        private readonly List<float> _rows = [];
        private readonly List<string> _ids = [];
        private readonly float[] _sum = new float[MiniLmEmbedder.Dimensions];

        public void Add(Expert expert)
        {
            if (!expert.Consent.Listed)
            {
                return;
            }

            Array.Clear(_sum);
            var found = 0;
            foreach (var text in EmbeddingBackfill.TextsOf(expert))
            {
                if (store.Get(TextKey.Of(text)) is { } vector)
                {
                    VectorMath.Add(_sum, vector);
                    found++;
                }
            }

            var norm = MathF.Sqrt(Dot(_sum, _sum));
            if (found == 0 || norm == 0)
            {
                return;
            }

            _ids.Add(expert.Id);
            _rows.AddRange(_sum.Select(v => v / norm));
        }

        public VectorNeighbours Build() => new([.. _rows], [.. _ids]);
    }

    /// <summary>The ids of the <paramref name="limit"/> experts whose vector is closest to <paramref name="need"/>, closest first.</summary>
    public IReadOnlyList<string> Top(float[] need, int limit)
    {
        if (limit <= 0 || _ids.Length == 0)
        {
            return [];
        }

        var d = MiniLmEmbedder.Dimensions;
        var heap = new PriorityQueue<int, float>(limit + 1);
        for (var row = 0; row < _ids.Length; row++)
        {
            var similarity = Dot(need, _rows.AsSpan(row * d, d));
            if (heap.Count < limit)
            {
                heap.Enqueue(row, similarity);
            }
            else if (heap.TryPeek(out _, out var worst) && similarity > worst)
            {
                heap.DequeueEnqueue(row, similarity);
            }
        }

        var best = new string[heap.Count];
        for (var i = best.Length - 1; i >= 0; i--)
        {
            best[i] = _ids[heap.Dequeue()];
        }

        return best;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        var acc = Vector<float>.Zero;
        for (var i = 0; i < va.Length; i++)
        {
            acc += va[i] * vb[i];
        }

        var sum = Vector.Sum(acc);
        for (var i = va.Length * Vector<float>.Count; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
