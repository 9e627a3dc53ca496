using ExpertNetwork.Experts;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Lucene;
using ExpertNetwork.Storage;
using ExpertNetwork.Tests.Support;
using static ExpertNetwork.Tests.Search.SearchFixtures;

namespace ExpertNetwork.Tests.Search;

/// <summary>
/// Two engine instances on one index folder stand for two processes: the writer lock and the leases are file locks,
/// which exclude a second holder in the same process exactly as in another one. <c>SharedDirectoryTests</c> runs the
/// same with real processes.
/// </summary>
public sealed class SharedLuceneFolderTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly List<LuceneSearchIndex> _open = [];

    private string Root => _directory.File("index");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var index in _open)
        {
            await index.DisposeAsync();
        }

        _directory.Dispose();
    }

    private LuceneSearchIndex Open(TimeSpan? writeLockTimeout = null)
    {
        var index = new LuceneSearchIndex(Root, new LuceneIndexOptions { RamBufferSizeMB = 16, WriteLockTimeout = writeLockTimeout ?? TimeSpan.FromSeconds(10) });
        _open.Add(index);
        return index;
    }

    private string[] Generations() =>
        Directory.GetDirectories(Root, "gen-*").Select(Path.GetFileName).OfType<string>().Order().ToArray();

    private static async Task<string[]> IdsAsync(ISearchIndex index, string? text = null) =>
        (await index.SearchAsync(new SearchQuery { Text = text, Size = 100 })).Hits.Select(h => h.Id).Order().ToArray();

    [Fact]
    public async Task Each_instance_sees_the_others_writes_once_it_refreshes()
    {
        var first = Open();
        await first.EnsureCreatedAsync();
        await first.RebuildAsync(Stream([P01, P02]));
        var second = Open();
        Assert.Equal(IndexState.Current, await second.EnsureCreatedAsync());

        await first.UpsertAsync([P05], "1:-:5");
        Assert.Equal(["P01", "P02"], await IdsAsync(second));
        await second.RefreshAsync();
        Assert.Equal(["P01", "P02", "P05"], await IdsAsync(second));
        Assert.Equal("1:-:5", await second.GetStoreStampAsync());

        await second.DeleteAsync(["P01"], "1:-:6");
        await first.RefreshAsync();
        Assert.Equal(["P02", "P05"], await IdsAsync(first));
        Assert.Equal("1:-:6", await first.GetStoreStampAsync());
    }

    [Fact]
    public async Task A_generation_another_instance_still_reads_is_kept_until_it_moves_on()
    {
        var first = Open();
        await first.EnsureCreatedAsync();
        await first.RebuildAsync(Stream([P01, P02]));
        var second = Open();
        await second.EnsureCreatedAsync();
        Assert.Equal(["gen-0002"], Generations());

        await first.RebuildAsync(Stream([P01, P02, P03]));

        // The second instance still searches gen-0002; its files are all there.
        Assert.Equal(["gen-0002", "gen-0003"], Generations());
        Assert.Equal(["P01", "P02"], await IdsAsync(second));
        Assert.Equal("P02", (await second.SearchAsync(new SearchQuery { Text = "kinh tế học" })).Hits[0].Id);

        // Its next write goes to the generation now served, not the one it read.
        await second.UpsertAsync([P05]);
        Assert.Equal(["P01", "P02", "P03", "P05"], await IdsAsync(second));
        await first.RefreshAsync();
        Assert.Equal(["P01", "P02", "P03", "P05"], await IdsAsync(first));
        Assert.Equal(["gen-0003"], Generations());
    }

    [Fact]
    public async Task A_refresh_moves_to_a_generation_another_instance_swapped_in()
    {
        var first = Open();
        await first.EnsureCreatedAsync();
        var second = Open();
        await second.EnsureCreatedAsync();

        await first.RebuildAsync(Stream([P01, P05]));
        Assert.Empty(await IdsAsync(second));
        await second.RefreshAsync();

        Assert.Equal(["P01", "P05"], await IdsAsync(second));
        Assert.Equal("P05", (await second.SuggestAsync("dang"))[0].Id);
        Assert.Equal(["gen-0002"], Generations());
    }

    [Fact]
    public async Task A_write_waits_for_the_writer_lock_and_gives_up_with_a_clear_error()
    {
        var index = Open(writeLockTimeout: TimeSpan.FromMilliseconds(300));
        await index.EnsureCreatedAsync();
        var other = new CrossProcessLock(Path.Combine(Root, "writer.lock"));

        using (var held = other.TryAcquire())
        {
            Assert.NotNull(held);
            var error = await Assert.ThrowsAsync<SearchIndexBusyException>(() => index.UpsertAsync([P01]));
            Assert.Contains("another process", error.Message);
        }

        using (var held = other.TryAcquire())
        {
            var late = Task.Run(async () =>
            {
                await Task.Delay(100);
                held!.Dispose();
            });
            await index.UpsertAsync([P01]);
            await late;
        }

        Assert.Equal(["P01"], await IdsAsync(index));
    }

    [Fact]
    public async Task Generations_left_by_dead_processes_are_retired_with_their_leases()
    {
        var index = Open();
        await index.EnsureCreatedAsync();
        await index.RebuildAsync(Stream([P01]));
        var leases = Path.Combine(Root, "leases");

        // What a killed rebuild leaves: a side generation and its lease file, no longer locked by anyone.
        Directory.CreateDirectory(Path.Combine(Root, "gen-0003"));
        var dead = Path.Combine(leases, "gen-0003.999999.deadbeef.lease");
        await File.WriteAllTextAsync(dead, "");
        await index.RefreshAsync();

        Assert.Equal(["gen-0002"], Generations());
        Assert.False(File.Exists(dead));
        Assert.All(Directory.GetFiles(leases), f => Assert.StartsWith("gen-0002.", Path.GetFileName(f)));
    }

    [Fact]
    public async Task Opening_waits_for_a_rebuild_in_another_instance_and_then_judges_its_result()
    {
        var first = Open();
        await first.EnsureCreatedAsync();
        var release = new TaskCompletionSource();
        var rebuilding = first.RebuildAsync(Stream([P01, P02], async i =>
        {
            if (i == 1)
            {
                await release.Task;
            }
        }), "1:-:9");

        var second = Open();
        var opening = second.EnsureCreatedAsync("1:-:9");
        await Task.Delay(500);
        Assert.False(opening.IsCompleted);
        release.SetResult();
        await rebuilding;

        Assert.Equal(IndexState.Current, await opening);
        Assert.Equal(["P01", "P02"], await IdsAsync(second));
    }

    [Fact]
    public async Task Catching_up_applies_the_feed_under_the_lock_and_records_its_stamp()
    {
        var first = Open();
        await first.EnsureCreatedAsync();
        await first.RebuildAsync(Stream([P01, P02]), "2:-:7");
        var seen = new List<string?>();

        var outcome = await first.CatchUpAsync((stamp, _) =>
        {
            seen.Add(stamp);
            return Task.FromResult<IndexChanges?>(new IndexChanges([P05], ["P01"], "2:-:9"));
        });
        var again = await first.CatchUpAsync((stamp, _) =>
        {
            seen.Add(stamp);
            return Task.FromResult<IndexChanges?>(new IndexChanges([], [], stamp!));
        });
        var behind = await first.CatchUpAsync((_, _) => Task.FromResult<IndexChanges?>(null));

        Assert.Equal([CatchUpOutcome.Applied, CatchUpOutcome.Current, CatchUpOutcome.TooFarBehind], [outcome, again, behind]);
        Assert.Equal(["2:-:7", "2:-:9"], seen);
        Assert.Equal(["P02", "P05"], await IdsAsync(first));
        Assert.Equal("2:-:9", await first.GetStoreStampAsync());
    }

    [Fact]
    public void An_unnamed_lease_is_swept_only_once_it_is_too_old_to_be_a_live_process_still_naming_it()
    {
        var folder = new GenerationFolder(Root);
        var leases = Path.Combine(Root, "leases");
        Directory.CreateDirectory(leases);
        var young = Path.Combine(leases, "young.tmp");
        var old = Path.Combine(leases, "old.tmp");
        File.WriteAllBytes(young, []);
        File.WriteAllBytes(old, []);
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow - GenerationFolder.UnnamedLeaseGrace - TimeSpan.FromMinutes(1));

        folder.Retire();

        Assert.True(File.Exists(young), "a lease created but not yet locked was taken for a dead process's");
        Assert.False(File.Exists(old));
    }
}
