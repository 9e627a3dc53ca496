using ExpertNetwork.Matching;
using ExpertNetwork.Tests.Support;

namespace ExpertNetwork.Tests.MultiProcess;

public sealed class BackgroundEmbeddingTests
{
    [Fact]
    public async Task Stopping_the_app_while_it_embeds_ends_cleanly_and_keeps_the_vectors_written()
    {
        using var data = new TempDirectory();
        var environment = SharedDirectoryTests.AppEnvironment();
        environment["Matching__EmbedInBackground"] = "true";
        environment["Demo__Count"] = "400";
        await using var app = ExpertnetProcess.Start(["serve", "--urls", "http://127.0.0.1:0", "--data", data.Path], environment);
        await app.ListeningAsync(TimeSpan.FromMinutes(3));
        var vectors = data.File(EmbeddingStore.FileName);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!(File.Exists(vectors) && new FileInfo(vectors).Length > 10_000) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.True(File.Exists(vectors), "embedding never started:\n" + app.Output);
        var stopped = await app.StopAsync(TimeSpan.FromSeconds(60));

        Assert.True(stopped, "the app did not stop within a minute:\n" + app.Output);
        Assert.DoesNotContain("crit", app.Output);
        Assert.DoesNotContain("Exception", app.Output);
        using var store = EmbeddingStore.Open(vectors);
        Assert.True(store.Count >= 32, app.Output);
    }

    [Fact]
    public async Task Two_embed_commands_at_once_write_each_vector_once()
    {
        using var data = new TempDirectory();
        string[] args = ["embed", "--demo-experts", "60", "--demo-needs", "4", "--data", data.Path];
        var runs = await Task.WhenAll(
            ExpertnetProcess.RunAsync(args, TimeSpan.FromMinutes(5)),
            ExpertnetProcess.RunAsync(args, TimeSpan.FromMinutes(5)));

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Output));
        var path = data.File(EmbeddingStore.FileName);
        var keys = RecordKeys(path);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        using var store = EmbeddingStore.Open(path);
        Assert.Equal(keys.Count, store.Count);
        Assert.All(runs, r => Assert.Contains($"the store holds {keys.Count} vectors", r.Output));
    }

    private static List<(ulong, ulong)> RecordKeys(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        reader.ReadBytes(6 + 4);
        reader.ReadBytes(reader.ReadInt32());
        var keys = new List<(ulong, ulong)>();
        while (reader.BaseStream.Length - reader.BaseStream.Position >= 16 + 2 * MiniLmEmbedder.Dimensions)
        {
            keys.Add((reader.ReadUInt64(), reader.ReadUInt64()));
            reader.ReadBytes(2 * MiniLmEmbedder.Dimensions);
        }

        Assert.Equal(reader.BaseStream.Length, reader.BaseStream.Position);
        return keys;
    }
}
