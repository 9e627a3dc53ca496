using System.Numerics;
using System.Runtime.InteropServices;
using ExpertNetwork.Experts;

namespace ExpertNetwork.Matching;

/// <summary>
/// Nearest experts to a need by meaning: one unit vector per expert (the direction of the mean of
/// their stored publication and profile vectors), scanned in full for each query. A scan over
/// 100,000 rows of 384 floats is a few tens of milliseconds on one core, so no approximate index is
/// kept. An expert none of whose texts has a vector yet has no row.
/// Kept up to date in place: a changed profile replaces its own row, and <see cref="Refresh"/> looks again only at
/// the experts some of whose texts had no vector, so following the store never reads the directory again.
/// One writer at a time (the owner serialises them); queries run alongside.
/// </summary>
public sealed class VectorNeighbours(EmbeddingStore? store)
{
    private const int Dimensions = MiniLmEmbedder.Dimensions;

    private readonly Dictionary<string, Entry> _experts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _incomplete = new(StringComparer.Ordinal);
    private readonly Stack<int> _freeRows = new();
    private readonly float[] _sum = new float[Dimensions];
    private Table _table = new(new float[64 * Dimensions], new string?[64]);
    private int _count;

    /// <summary>Experts with a row.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Experts listed with texts, some of which have no vector yet.</summary>
    public int Incomplete => _incomplete.Count;

    public static VectorNeighbours Build(IEnumerable<Expert> experts, EmbeddingStore store)
    {
        var neighbours = new VectorNeighbours(store);
        foreach (var expert in experts)
        {
            neighbours.Set(expert);
        }

        return neighbours;
    }

    /// <summary>Adds or replaces the expert's row from what the store holds now; an unlisted profile loses its row.</summary>
    public void Set(Expert expert)
    {
        if (store is null)
        {
            return;
        }

        if (!expert.Consent.Listed)
        {
            Remove(expert.Id);
            return;
        }

        var keys = EmbeddingBackfill.TextsOf(expert).Select(TextKey.Of).Distinct().ToArray();
        if (!_experts.TryGetValue(expert.Id, out var entry))
        {
            entry = new Entry();
            _experts[expert.Id] = entry;
        }

        entry.Keys = keys;
        entry.Found = -1;
        Update(expert.Id, entry);
    }

    public void Remove(string id)
    {
        if (!_experts.Remove(id, out var entry))
        {
            return;
        }

        _incomplete.Remove(id);
        ClearRow(entry);
    }

    /// <summary>Rows for the experts whose missing vectors the store has gained since; the number of rows changed.</summary>
    public int Refresh()
    {
        var changed = 0;
        foreach (var id in _incomplete.ToList())
        {
            var entry = _experts[id];
            if (entry.Keys.Count(k => store!.Contains(k)) > entry.Found)
            {
                Update(id, entry);
                changed++;
            }
        }

        return changed;
    }

    /// <summary>The ids of the <paramref name="limit"/> experts whose vector is closest to <paramref name="need"/>, closest first.</summary>
    public IReadOnlyList<string> Top(float[] need, int limit)
    {
        var table = Volatile.Read(ref _table);
        var used = Volatile.Read(ref table.Used);
        if (limit <= 0 || used == 0)
        {
            return [];
        }

        var heap = new PriorityQueue<string, float>(limit + 1);
        for (var row = 0; row < used; row++)
        {
            if (Volatile.Read(ref table.Ids[row]) is not { } id)
            {
                continue;
            }

            var similarity = Dot(need, table.Rows.AsSpan(row * Dimensions, Dimensions));
            if (heap.Count < limit)
            {
                heap.Enqueue(id, similarity);
            }
            else if (heap.TryPeek(out _, out var worst) && similarity > worst)
            {
                heap.DequeueEnqueue(id, similarity);
            }
        }

        var best = new string[heap.Count];
        for (var i = best.Length - 1; i >= 0; i--)
        {
            best[i] = heap.Dequeue();
        }

        return best;
    }

    private void Update(string id, Entry entry)
    {
        Array.Clear(_sum);
        var found = 0;
        foreach (var key in entry.Keys)
        {
            if (store!.Get(key) is { } vector)
            {
                VectorMath.Add(_sum, vector);
                found++;
            }
        }

        entry.Found = found;
        if (found < entry.Keys.Length)
        {
            _incomplete.Add(id);
        }
        else
        {
            _incomplete.Remove(id);
        }

        var norm = MathF.Sqrt(Dot(_sum, _sum));
        if (found == 0 || norm == 0)
        {
            ClearRow(entry);
            return;
        }

        for (var i = 0; i < Dimensions; i++)
        {
            _sum[i] /= norm;
        }

        // A query scanning this row while it is rewritten may read part old, part new direction: at worst one
        // neighbour more or less joins that one query's pool, which the re-ranker then scores on the expert's own vectors.
        var table = _table;
        if (entry.Row >= 0)
        {
            _sum.CopyTo(table.Rows.AsSpan(entry.Row * Dimensions, Dimensions));
            return;
        }

        int row;
        if (_freeRows.Count > 0)
        {
            row = _freeRows.Pop();
        }
        else
        {
            if (table.Used == table.Ids.Length)
            {
                table = Grow(table);
            }

            row = table.Used;
        }

        _sum.CopyTo(table.Rows.AsSpan(row * Dimensions, Dimensions));
        Volatile.Write(ref table.Ids[row], id);
        if (row == table.Used)
        {
            Volatile.Write(ref table.Used, row + 1);
        }

        entry.Row = row;
        Interlocked.Increment(ref _count);
    }

    private void ClearRow(Entry entry)
    {
        if (entry.Row < 0)
        {
            return;
        }

        Volatile.Write(ref _table.Ids[entry.Row], null);
        _freeRows.Push(entry.Row);
        entry.Row = -1;
        Interlocked.Decrement(ref _count);
    }

    /// <summary>A table twice the size, published whole: a query still scanning the old one finishes on it.</summary>
    private Table Grow(Table table)
    {
        var grown = new Table(new float[table.Rows.Length * 2], new string?[table.Ids.Length * 2]) { Used = table.Used };
        table.Rows.CopyTo(grown.Rows, 0);
        table.Ids.CopyTo(grown.Ids, 0);
        Volatile.Write(ref _table, grown);
        return grown;
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

    private sealed class Table(float[] rows, string?[] ids)
    {
        public readonly float[] Rows = rows;
        public readonly string?[] Ids = ids;
        public int Used;
    }

    private sealed class Entry
    {
        public TextKey[] Keys = [];
        public int Found;
        public int Row = -1;
    }
}
