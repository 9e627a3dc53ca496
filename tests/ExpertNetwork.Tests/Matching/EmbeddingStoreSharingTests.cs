using ExpertNetwork.Matching;
using ExpertNetwork.Tests.Support;

namespace ExpertNetwork.Tests.Matching;

/// <summary>
/// embeddings.bin written by several stores at once. Two instances in one process stand for two processes: the file lock
/// excludes a second holder here exactly as in another process (<c>MultiProcess/</c> runs real ones).
/// </summary>
public sealed class EmbeddingStoreSharingTests
{
    private static readonly int RecordLength = 16 + 2 * MiniLmEmbedder.Dimensions;

    private static float[] Vector(int seed)
    {
        var random = new Random(seed);
        var vector = Enumerable.Range(0, MiniLmEmbedder.Dimensions).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return vector.Select(v => v / norm).ToArray();
    }

    private static (TextKey, float[]) Item(int i) => (TextKey.Of($"text {i}"), Vector(i));

    [Fact]
    public async Task Two_stores_appending_at_once_lose_nothing_and_mix_no_records()
    {
        using var directory = new TempDirectory();
        var path = directory.File(EmbeddingStore.FileName);
        using var first = EmbeddingStore.Open(path);
        using var second = EmbeddingStore.Open(path);

        // Interleaved batches, some texts embedded by both.
        var writers = new[] { (first, 0), (second, 600) }.Select(w => Task.Run(() =>
        {
            for (var batch = 0; batch < 40; batch++)
            {
                w.Item1.Add(Enumerable.Range(w.Item2 + batch * 25, 25).Select(Item).ToList());
            }
        }));
        await Task.WhenAll(writers);

        using var reopened = EmbeddingStore.Open(path);
        Assert.Equal(1_600, reopened.Count);
        Assert.All(Enumerable.Range(0, 1_600), i => Assert.True(VectorMath.Dot(Vector(i), reopened.Get(TextKey.Of($"text {i}"))!) > 0.999, $"text {i}"));
        Assert.Equal(0, (new FileInfo(path).Length - HeaderLength(path)) % RecordLength);
        Assert.Equal(1_600, (new FileInfo(path).Length - HeaderLength(path)) / RecordLength);
    }

    [Fact]
    public void A_store_reads_what_another_appended_when_it_refreshes_or_writes()
    {
        using var directory = new TempDirectory();
        var path = directory.File(EmbeddingStore.FileName);
        using var first = EmbeddingStore.Open(path);
        using var second = EmbeddingStore.Open(path);

        first.Add([Item(1), Item(2)]);
        Assert.Equal(0, second.Count);
        second.Refresh();
        Assert.Equal(2, second.Count);

        first.Add([Item(3)]);
        second.Add([Item(3), Item(4)]);

        Assert.Equal(4, second.Count);
        using var reopened = EmbeddingStore.Open(path);
        Assert.Equal(4, reopened.Count);
        Assert.Equal(HeaderLength(path) + 4 * RecordLength, new FileInfo(path).Length);
    }

    [Fact]
    public void A_record_a_crashed_writer_left_half_written_is_skipped_by_readers_and_cut_off_by_the_next_writer()
    {
        using var directory = new TempDirectory();
        var path = directory.File(EmbeddingStore.FileName);
        using var store = EmbeddingStore.Open(path);
        store.Add([Item(1)]);
        using (var file = new FileStream(path, FileMode.Append))
        {
            file.Write(new byte[RecordLength / 2]);
        }

        using var reader = EmbeddingStore.Open(path);
        Assert.Equal(1, reader.Count);
        Assert.Equal(HeaderLength(path) + RecordLength + RecordLength / 2, new FileInfo(path).Length);

        store.Add([Item(2)]);
        reader.Refresh();

        Assert.Equal(2, reader.Count);
        Assert.Equal(HeaderLength(path) + 2 * RecordLength, new FileInfo(path).Length);
    }

    private static long HeaderLength(string path)
    {
        using var file = File.OpenRead(path);
        using var reader = new BinaryReader(file);
        reader.ReadBytes(6 + 4);
        return 6 + 4 + 4 + reader.ReadInt32();
    }
}
