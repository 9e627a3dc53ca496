using ExpertNetwork.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExpertNetwork.Experts;

/// <summary>
/// Every change to profiles goes through here so the search index stays in step with the store:
/// the store commits first (it is the system of record), then the index follows with the store's stamp.
/// An index that missed a change (a crash between the two, another process writing) is found stale at
/// the next start-up by its stamp and rebuilt.
/// </summary>
public sealed class ExpertDirectory(
    ExpertStore store,
    ExpertImporter importer,
    ISearchIndex index,
    IOptions<SearchOptions> options,
    ILogger<ExpertDirectory> logger)
{
    private readonly SemaphoreSlim _opening = new(1, 1);
    private volatile bool _opened;

    public ExpertStore Store => store;

    public ISearchIndex Index => index;

    public async Task<StoredExpert> SaveAsync(Expert expert, string changedBy, long? expectedRowVersion = null, CancellationToken cancellationToken = default)
    {
        var stored = await store.SaveAsync(expert, changedBy, expectedRowVersion, cancellationToken);
        await FollowAsync([stored.Expert.Id], cancellationToken);
        return stored;
    }

    public async Task<bool> DeleteAsync(string id, string changedBy, CancellationToken cancellationToken = default)
    {
        var deleted = await store.DeleteAsync(id, changedBy, cancellationToken);
        if (deleted && await OpenIndexAsync(cancellationToken))
        {
            await index.DeleteAsync([id], await store.StampAsync(cancellationToken), cancellationToken);
        }

        return deleted;
    }

    public async Task<ImportResult> ImportAsync(string path, ImportOptions importOptions, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var result = await importer.ImportAsync(path, importOptions, progress, cancellationToken);
        await FollowAsync(result.ChangedIds, cancellationToken);
        return result;
    }

    public async Task<ImportResult> StoreAsync(IEnumerable<Expert> experts, string changedBy, IProgress<ImportProgress>? progress = null, int expected = 0, CancellationToken cancellationToken = default)
    {
        var result = await importer.StoreAsync(experts, changedBy, progress, expected, cancellationToken);
        await FollowAsync(result.ChangedIds, cancellationToken);
        return result;
    }

    /// <summary>Rebuilds the index when it is missing, stale or built with other analysis files; returns what it found.</summary>
    public async Task<IndexState> SyncIndexAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var stamp = await store.StampAsync(cancellationToken);
        var state = await index.EnsureCreatedAsync(stamp, cancellationToken);
        if (state != IndexState.Current)
        {
            logger.LogInformation("Search index is {State}; rebuilding it from the store", state);
            await RebuildIndexAsync(progress, cancellationToken);
        }

        _opened = true;
        return state;
    }

    public async Task RebuildIndexAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var stamp = await store.StampAsync(cancellationToken);
        await index.EnsureCreatedAsync(cancellationToken: cancellationToken);
        await index.RebuildAsync(ProfilesAsync(cancellationToken), stamp, progress, cancellationToken);
    }

    private async Task FollowAsync(IReadOnlyList<string> changedIds, CancellationToken cancellationToken)
    {
        if (changedIds.Count == 0 || !await OpenIndexAsync(cancellationToken))
        {
            return;
        }

        if (changedIds.Count > options.Value.RebuildThreshold)
        {
            await RebuildIndexAsync(cancellationToken: cancellationToken);
            return;
        }

        var stamp = await store.StampAsync(cancellationToken);
        foreach (var chunk in changedIds.Chunk(1000))
        {
            var stored = await store.GetManyAsync(chunk, cancellationToken);
            await index.UpsertAsync(stored.Select(s => s.Expert).ToList(), stamp, cancellationToken);
        }
    }

    /// <summary>
    /// Opens the index on first use. An index that was missing or out of date is rebuilt from the store,
    /// which already holds the change being followed; false then tells the caller there is nothing left to do.
    /// </summary>
    private async Task<bool> OpenIndexAsync(CancellationToken cancellationToken)
    {
        if (_opened)
        {
            return true;
        }

        await _opening.WaitAsync(cancellationToken);
        try
        {
            if (_opened)
            {
                return true;
            }

            var state = await SyncIndexAsync(cancellationToken: cancellationToken);
            return state == IndexState.Current;
        }
        finally
        {
            _opening.Release();
        }
    }

    private async IAsyncEnumerable<Expert> ProfilesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var stored in store.StreamAsync(cancellationToken: cancellationToken))
        {
            yield return stored.Expert;
        }
    }
}
