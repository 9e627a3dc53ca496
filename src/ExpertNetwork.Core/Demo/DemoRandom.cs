namespace ExpertNetwork.Demo;

/// <summary>
/// SplitMix64. System.Random is avoided on purpose: its algorithm is not part of the contract
/// and has changed between .NET versions, while demo data must stay identical forever.
/// </summary>
internal sealed class DemoRandom(ulong state)
{
    private ulong _state = state;

    /// <summary>Every record gets its own stream so that it depends on (seed, stream, index) alone.</summary>
    public static DemoRandom For(int seed, ulong stream, long index, long sub = 0) =>
        new(Mix(Mix(Mix((ulong)(uint)seed) ^ stream) ^ (ulong)index) ^ Mix((ulong)sub + 0x5851F42D4C957F2DUL));

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        return Mix(z);
    }

    public int Next(int exclusiveMax)
    {
        if (exclusiveMax <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(exclusiveMax));
        }

        return (int)Math.BigMul(NextUInt64(), (ulong)exclusiveMax, out _);
    }

    public int Next(int min, int inclusiveMax) => min + Next(inclusiveMax - min + 1);

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Skewed towards <paramref name="min"/>: most careers and citation counts are modest.</summary>
    public int Skewed(int min, int max, double power = 1.6) =>
        min + (int)Math.Floor(Math.Pow(NextDouble(), power) * (max - min + 1));

    public List<T> Sample<T>(IReadOnlyList<T> items, int count)
    {
        var indices = Enumerable.Range(0, items.Count).ToArray();
        count = Math.Min(count, items.Count);
        var result = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            var j = i + Next(indices.Length - i);
            (indices[i], indices[j]) = (indices[j], indices[i]);
            result.Add(items[indices[i]]);
        }

        return result;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

internal sealed class Weighted<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public Weighted(IEnumerable<(T Item, double Weight)> entries)
    {
        var list = entries.ToArray();
        _items = list.Select(e => e.Item).ToArray();
        _cumulative = new double[list.Length];
        var total = 0.0;
        for (var i = 0; i < list.Length; i++)
        {
            total += list[i].Weight;
            _cumulative[i] = total;
        }
    }

    public IReadOnlyList<T> Items => _items;

    public T Pick(DemoRandom random)
    {
        var x = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, x);
        index = index < 0 ? ~index : index + 1;
        return _items[Math.Min(index, _items.Length - 1)];
    }
}
