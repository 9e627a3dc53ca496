using ExpertNetwork.Experts;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Lucene;
using ExpertNetwork.Storage;
using ExpertNetwork.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ExpertNetwork.Tests.Experts;

/// <summary>Two directories on one store and one index folder, as two processes on one data directory have them.</summary>
public sealed class SharedDirectoryCatchUpTests : IAsyncLifetime
{
    private readonly List<LuceneSearchIndex> _indexes = [];
    private TestStore _test = null!;

    public async Task InitializeAsync() => _test = await TestStore.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var index in _indexes)
        {
            await index.DisposeAsync();
        }

        _test.Dispose();
    }

    private ExpertDirectory Process(out LuceneSearchIndex index, int rebuildThreshold = 20_000)
    {
        index = new LuceneSearchIndex(_test.File("index"), new LuceneIndexOptions { RamBufferSizeMB = 16, WriteLockTimeout = TimeSpan.FromMilliseconds(300) });
        _indexes.Add(index);
        return new ExpertDirectory(_test.Store, new ExpertImporter(_test.Store), index,
            Options.Create(new SearchOptions { RebuildThreshold = rebuildThreshold }), NullLogger<ExpertDirectory>.Instance);
    }

    private string Serving() => File.ReadAllText(Path.Combine(_test.File("index"), "current"));

    private string[] Generations() =>
        Directory.GetDirectories(_test.File("index"), "gen-*").Select(Path.GetFileName).OfType<string>().Order().ToArray();

    private static async Task<string[]> IdsAsync(ISearchIndex index, string? text = null) =>
        (await index.SearchAsync(new SearchQuery { Text = text, Size = 100 })).Hits.Select(h => h.Id).Order().ToArray();

    [Fact]
    public async Task What_one_process_saves_or_deletes_the_other_finds_after_following()
    {
        var first = Process(out var firstIndex);
        var second = Process(out var secondIndex);
        await first.SaveAsync(ExpertBuilder.Full("e-1"), "test");
        await second.SyncIndexAsync();

        await first.SaveAsync(ExpertBuilder.Full("e-2", "Hoàng Phủ Ngọc Tường"), "test");
        await first.DeleteAsync("e-1", "test");
        Assert.Equal(["e-1"], await IdsAsync(secondIndex));
        await second.FollowAsync();

        Assert.Equal(["e-2"], await IdsAsync(secondIndex));
        Assert.Equal(["e-2"], await IdsAsync(firstIndex));
        Assert.Equal(await _test.Store.StampAsync(), await secondIndex.GetStoreStampAsync());
    }

    [Fact]
    public async Task A_save_while_another_process_holds_the_writer_succeeds_and_is_indexed_once_it_lets_go()
    {
        var directory = Process(out var index);
        await directory.SaveAsync(ExpertBuilder.Full("e-1"), "test");
        var writerLock = new CrossProcessLock(Path.Combine(_test.File("index"), "writer.lock"));

        using (writerLock.TryAcquire())
        {
            var saved = await directory.SaveAsync(ExpertBuilder.Full("e-2", "Hoàng Phủ Ngọc Tường"), "test");
            Assert.Equal(1, saved.RowVersion);
            Assert.Equal(["e-1"], await IdsAsync(index));
            await directory.FollowAsync();
            Assert.Equal(["e-1"], await IdsAsync(index));
        }

        await directory.FollowAsync();
        Assert.Equal(["e-1", "e-2"], await IdsAsync(index));
    }

    [Fact]
    public async Task A_stale_index_catches_up_in_place_instead_of_rebuilding()
    {
        var first = Process(out _);
        await first.StoreAsync(Enumerable.Range(1, 30).Select(i => ExpertBuilder.Full($"e-{i:D2}")), "test");
        Assert.Equal(["gen-0002"], Generations());
        await _test.Store.SaveAsync(ExpertBuilder.Full("e-99", "Hoàng Phủ Ngọc Tường"), "another process that died before indexing");
        await _test.Store.DeleteAsync("e-01", "another process that died before indexing");

        var second = Process(out var secondIndex);
        Assert.Equal(IndexState.Stale, await second.SyncIndexAsync());

        Assert.Equal(["gen-0002"], Generations());
        Assert.Equal("e-99", (await secondIndex.SearchAsync(new SearchQuery { Text = "Hoang Phu Ngoc Tuong" })).Hits[0].Id);
        Assert.Equal(30, (await secondIndex.SearchAsync(new SearchQuery())).Total);
        Assert.Equal(IndexState.Current, await second.SyncIndexAsync());
    }

    [Fact]
    public async Task Too_many_changes_to_catch_up_one_by_one_rebuild_instead()
    {
        var first = Process(out _, rebuildThreshold: 5);
        await first.SaveAsync(ExpertBuilder.Full("e-00"), "test");
        var generation = Serving();
        foreach (var i in Enumerable.Range(1, 8))
        {
            await _test.Store.SaveAsync(ExpertBuilder.Full($"e-{i:D2}"), "another process");
        }

        var second = Process(out var secondIndex, rebuildThreshold: 5);
        await second.SyncIndexAsync();

        Assert.NotEqual(generation, Serving());
        Assert.Equal(9, (await secondIndex.SearchAsync(new SearchQuery())).Total);
    }

    [Fact]
    public async Task A_change_made_by_another_process_while_this_one_rebuilds_survives_the_swap()
    {
        var first = Process(out var firstIndex);
        var second = Process(out var secondIndex);
        await first.StoreAsync(Enumerable.Range(1, 5).Select(i => ExpertBuilder.Full($"e-{i}")), "test");
        await second.SyncIndexAsync();
        var stamp = await _test.Store.StampAsync();

        // The rebuild reads the store as it was; the second process changes it (and indexes the old generation) meanwhile.
        await firstIndex.RebuildAsync(Profiles(), stamp);
        await first.FollowAsync();

        Assert.Equal(["e-1", "e-2", "e-3", "e-4", "e-5", "e-6"], await IdsAsync(firstIndex));
        await second.FollowAsync();
        Assert.Equal(["e-1", "e-2", "e-3", "e-4", "e-5", "e-6"], await IdsAsync(secondIndex));

        async IAsyncEnumerable<Expert> Profiles()
        {
            var read = 0;
            await foreach (var stored in _test.Store.StreamAsync())
            {
                if (++read == 2)
                {
                    await second.SaveAsync(ExpertBuilder.Full("e-6", "Hoàng Phủ Ngọc Tường"), "test");
                }

                yield return stored.Expert;
            }
        }
    }
}
