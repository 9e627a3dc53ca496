using ExpertNetwork.Experts;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Lucene;
using ExpertNetwork.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ExpertNetwork.Tests.Experts;

public sealed class ExpertDirectoryTests
{
    private static ExpertDirectory Create(TestStore test, out LuceneSearchIndex index)
    {
        index = new LuceneSearchIndex(test.File("index"));
        return new ExpertDirectory(test.Store, new ExpertImporter(test.Store), index, Options.Create(new SearchOptions()), NullLogger<ExpertDirectory>.Instance);
    }

    [Fact]
    public async Task ImportedProfilesAreSearchableAtOnce()
    {
        using var test = await TestStore.CreateAsync();
        var directory = Create(test, out var index);
        await using var _ = index;
        await File.WriteAllLinesAsync(test.File("e.jsonl"), [ExpertBuilder.ValidLine(1), ExpertBuilder.ValidLine(2)]);

        await directory.ImportAsync(test.File("e.jsonl"), new ImportOptions());
        var result = await index.SearchAsync(new SearchQuery { Text = "Lê Văn Tám" });

        Assert.Equal(2, result.Total);
    }

    [Fact]
    public async Task EditsAndDeletesReachTheIndex()
    {
        using var test = await TestStore.CreateAsync();
        var directory = Create(test, out var index);
        await using var _ = index;
        var expert = ExpertBuilder.Full("e-1");
        await directory.SaveAsync(expert, "test");

        await directory.SaveAsync(expert with { Keywords = ["kiểm thử xâm nhập"] }, "test", expectedRowVersion: 1);
        var afterEdit = await index.SearchAsync(new SearchQuery { Text = "penetration testing" });
        await directory.SaveAsync(ExpertBuilder.Full("e-2"), "test");
        await directory.DeleteAsync("e-2", "test");
        var afterDelete = await index.SearchAsync(new SearchQuery());

        Assert.Equal(["e-1"], afterEdit.Hits.Select(h => h.Id));
        Assert.Equal(["e-1"], afterDelete.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task MakingAProfileUnlistedTakesItOutOfSearch()
    {
        using var test = await TestStore.CreateAsync();
        var directory = Create(test, out var index);
        await using var _ = index;
        var expert = ExpertBuilder.Full("e-1");
        await directory.SaveAsync(expert, "test");

        await directory.SaveAsync(expert with { Consent = new Consent(Listed: false) }, "test");

        Assert.Equal(0, (await index.SearchAsync(new SearchQuery { Text = expert.FullName })).Total);
        Assert.NotNull(await test.Store.GetAsync("e-1"));
    }

    [Fact]
    public async Task AChangeMadeBehindTheIndexsBackIsFoundStaleAndRebuilt()
    {
        using var test = await TestStore.CreateAsync();
        var directory = Create(test, out var index);
        await using (index)
        {
            await directory.SaveAsync(ExpertBuilder.Full("e-1"), "test");
        }

        await test.Store.SaveAsync(ExpertBuilder.Full("e-2", "Hoàng Phủ Ngọc Tường"), "another process");
        var reopened = Create(test, out var index2);
        await using var _ = index2;

        var state = await reopened.SyncIndexAsync();
        var result = await index2.SearchAsync(new SearchQuery { Text = "Hoang Phu Ngoc Tuong" });

        Assert.Equal(IndexState.Stale, state);
        Assert.Equal("e-2", result.Hits[0].Id);
        Assert.Equal(IndexState.Current, await reopened.SyncIndexAsync());
    }

    [Fact]
    public async Task AFailedImportLeavesTheIndexAsItWas()
    {
        using var test = await TestStore.CreateAsync();
        var directory = Create(test, out var index);
        await using var _ = index;
        await directory.SaveAsync(ExpertBuilder.Full("e-1"), "test");
        await File.WriteAllLinesAsync(test.File("bad.jsonl"), [ExpertBuilder.ValidLine(1), """{"id": "x", "fullName": "X", "country": "Vietnam"}"""]);

        await directory.ImportAsync(test.File("bad.jsonl"), new ImportOptions());

        Assert.Equal(["e-1"], (await index.SearchAsync(new SearchQuery())).Hits.Select(h => h.Id));
    }
}
