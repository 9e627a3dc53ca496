using ExpertNetwork.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExpertNetwork.Experts;

/// <summary>
/// Every change to profiles goes through here so the search index stays in step with the store:
/// the store commits first (it is the system of record), then the index catches up with the store. Catching up
/// reads the audit entries after the one the index's stamp names and applies those profiles, so it also applies
/// what other processes changed and did not index (one that died between the two, or gave up waiting for the
/// index's writer lock). <see cref="FollowAsync(CancellationToken)"/>, called every second by a long-running
/// process, picks up other processes' index commits and generations and catches up with the store.
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
        await ApplyAsync([stored.Expert.Id], cancellationToken);
        return stored;
    }

    public async Task<bool> DeleteAsync(string id, string changedBy, CancellationToken cancellationToken = default)
    {
        var deleted = await store.DeleteAsync(id, changedBy, cancellationToken);
        if (deleted)
        {
            await ApplyAsync([id], cancellationToken);
        }

        return deleted;
    }

    public async Task<ImportResult> ImportAsync(string path, ImportOptions importOptions, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var result = await importer.ImportAsync(path, importOptions, progress, cancellationToken);
        await ApplyAsync(result.ChangedIds, cancellationToken);
        return result;
    }

    public async Task<ImportResult> StoreAsync(IEnumerable<Expert> experts, string changedBy, IProgress<ImportProgress>? progress = null, int expected = 0, CancellationToken cancellationToken = default)
    {
        var result = await importer.StoreAsync(experts, changedBy, progress, expected, cancellationToken);
        await ApplyAsync(result.ChangedIds, cancellationToken);
        return result;
    }

    /// <summary>
    /// Brings the index up to the store: rebuilt when it is missing or built with other analysis files, caught up
    /// when it is stale (rebuilt when it is too far behind for that); returns what it found.
    /// </summary>
    public async Task<IndexState> SyncIndexAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var stamp = await store.StampAsync(cancellationToken);
        var state = await index.EnsureCreatedAsync(stamp, cancellationToken);
        var outcome = state == IndexState.Stale ? await TryCatchUpAsync(cancellationToken) : CatchUpOutcome.TooFarBehind;
        if (outcome == CatchUpOutcome.Applied)
        {
            logger.LogInformation("Search index was behind the store; caught up");
        }
        else if (state != IndexState.Current && outcome == CatchUpOutcome.TooFarBehind)
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

        // Other processes kept writing to the old index meanwhile; their changes are in the store after this stamp.
        if (await TryCatchUpAsync(cancellationToken) == CatchUpOutcome.TooFarBehind)
        {
            logger.LogWarning("The store changed too much while the search index was rebuilt to catch up; the next sync rebuilds again");
        }
    }

    /// <summary>
    /// What a long-running process calls every second or so: picks up index commits and generations of other
    /// processes, then catches up with store changes no index write has applied yet.
    /// </summary>
    public async Task FollowAsync(CancellationToken cancellationToken = default)
    {
        if (!_opened)
        {
            return;
        }

        await index.RefreshAsync(cancellationToken);
        var indexed = ExpertStore.ChangeOf(await index.GetStoreStampAsync(cancellationToken));
        if (indexed is not null && indexed == await store.LastChangeAsync(cancellationToken))
        {
            return;
        }

        if (await TryCatchUpAsync(cancellationToken) == CatchUpOutcome.TooFarBehind)
        {
            logger.LogInformation("Search index is too far behind the store to catch up; rebuilding it");
            await RebuildIndexAsync(cancellationToken: cancellationToken);
        }
    }

    private async Task ApplyAsync(IReadOnlyList<string> changedIds, CancellationToken cancellationToken)
    {
        if (changedIds.Count == 0 || !await OpenIndexAsync(cancellationToken))
        {
            return;
        }

        if (changedIds.Count > options.Value.RebuildThreshold || await TryCatchUpAsync(cancellationToken) == CatchUpOutcome.TooFarBehind)
        {
            await RebuildIndexAsync(cancellationToken: cancellationToken);
        }
    }

    /// <summary>
    /// Applies the store's changes since the index's stamp. The store has committed whatever the caller changed, so an
    /// index held by another process for too long is not the caller's failure: the change is searchable once
    /// <see cref="FollowAsync(CancellationToken)"/> next runs in any process.
    /// </summary>
    private async Task<CatchUpOutcome?> TryCatchUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await index.CatchUpAsync(ChangesSinceAsync, cancellationToken);
        }
        catch (SearchIndexBusyException e)
        {
            logger.LogWarning("{Message} The store has the change; the search index catches up later.", e.Message);
            return null;
        }
    }

    /// <summary>The store's side of a catch-up: what changed after the audit entry the index's stamp ends with.</summary>
    private async Task<IndexChanges?> ChangesSinceAsync(string? indexedStamp, CancellationToken cancellationToken)
    {
        var stamp = await store.StampAsync(cancellationToken);
        if (stamp == indexedStamp)
        {
            return new IndexChanges([], [], stamp);
        }

        // Same last change but another count or date: changed without an audit entry (by hand), which only a rebuild sees.
        if (ExpertStore.ChangeOf(indexedStamp) is not { } after || ExpertStore.ChangeOf(stamp) is not { } upTo || upTo <= after)
        {
            return null;
        }

        if (await store.ChangedBetweenAsync(after, upTo, options.Value.RebuildThreshold, cancellationToken) is not { } ids)
        {
            return null;
        }

        var stored = await store.GetManyAsync(ids, cancellationToken);
        var found = stored.Select(s => s.Expert.Id).ToHashSet(StringComparer.Ordinal);
        return new IndexChanges(stored.Select(s => s.Expert).ToList(), ids.Where(id => !found.Contains(id)).ToList(), stamp);
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
