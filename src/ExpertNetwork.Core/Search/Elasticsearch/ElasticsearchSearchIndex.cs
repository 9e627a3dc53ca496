using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Transport;
using Elastic.Transport.Products.Elasticsearch;
using ExpertNetwork.Experts;
using ExpertNetwork.Search.Lucene;

namespace ExpertNetwork.Search.Elasticsearch;

/// <summary>
/// The Elasticsearch engine. Searches and writes go through the alias <see cref="ElasticsearchOptions.IndexAlias"/>;
/// behind it sits one versioned index (<c>experts-v20260101120000-1a2b3c4d</c>) whose mapping <c>_meta</c> records
/// the analysis hash it was built with and the store stamp of the last write. A rebuild fills a new index, then
/// moves the alias in one atomic <c>_aliases</c> call, so searches never see a half-built index; if anything
/// fails before that call the new index is deleted and the old one keeps serving.
/// </summary>
public sealed class ElasticsearchSearchIndex : ISearchIndex
{
    private readonly ElasticsearchClient _client;
    private readonly string _alias;
    private readonly int _batchSize;
    private readonly TimeProvider _time;
    private readonly IDisposable? _ownedSettings;

    // Built on the first search: a process that only writes (an import) never pays for the synonym maps.
    private readonly Lazy<ExpertAnalyzers> _analyzers = new(() => new ExpertAnalyzers());
    private readonly WriteGate _gate = new();
    private readonly SemaphoreSlim _rebuildLock = new(1, 1);
    private readonly System.Threading.Lock _journalLock = new();
    private List<IReadOnlyList<WriteOp>>? _journal;
    private string? _journalStamp;

    // The analysis hash of the index behind the alias, kept so a store-stamp update rewrites _meta without changing it.
    private string? _servingAnalysis;
    private int _disposed;

    /// <summary>Connects with <see cref="CreateSettings"/>; the engine owns the connection.</summary>
    public ElasticsearchSearchIndex(ElasticsearchOptions options, TimeProvider? time = null)
        : this(CreateSettings(options), options, time, ownsSettings: true)
    {
    }

    /// <summary>Uses the caller's client (tests pass one over an in-memory invoker); the caller keeps ownership.</summary>
    public ElasticsearchSearchIndex(ElasticsearchClient client, ElasticsearchOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _alias = options.IndexAlias;
        _batchSize = options.BulkBatchSize;
        _time = time ?? TimeProvider.System;
    }

    private ElasticsearchSearchIndex(ElasticsearchClientSettings settings, ElasticsearchOptions options, TimeProvider? time, bool ownsSettings)
        : this(new ElasticsearchClient(settings), options, time)
    {
        _ownedSettings = ownsSettings ? settings : null;
    }

    public string Alias => _alias;

    /// <summary>Client settings for <paramref name="options"/>: one node, API key or basic authentication, the request timeout.</summary>
    public static ElasticsearchClientSettings CreateSettings(ElasticsearchOptions options, IRequestInvoker? invoker = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        var pool = new SingleNodePool(new Uri(options.Url!));
        var settings = invoker is null ? new ElasticsearchClientSettings(pool) : new ElasticsearchClientSettings(pool, invoker);
        settings.RequestTimeout(options.RequestTimeout);
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            settings.Authentication(new ApiKey(options.ApiKey));
        }
        else if (!string.IsNullOrEmpty(options.Username))
        {
            settings.Authentication(new BasicAuthentication(options.Username, options.Password ?? ""));
        }

        return settings;
    }

    public async Task<IndexState> EnsureCreatedAsync(string? expectedStoreStamp = null, CancellationToken cancellationToken = default)
    {
        var serving = await ServingAsync(cancellationToken);
        if (serving is null)
        {
            await CreateIndexAsync(new IndexMeta(SearchAnalysis.Hash, StoreStamp: null), withAlias: true, cancellationToken);
            _servingAnalysis = SearchAnalysis.Hash;
            return IndexState.Missing;
        }

        if (serving.Value.Meta.AnalysisHash != SearchAnalysis.Hash)
        {
            return IndexState.AnalysisChanged;
        }

        return expectedStoreStamp is not null && serving.Value.Meta.StoreStamp != expectedStoreStamp
            ? IndexState.Stale
            : IndexState.Current;
    }

    public async Task<string?> GetStoreStampAsync(CancellationToken cancellationToken = default)
    {
        var serving = await ServingAsync(cancellationToken)
            ?? throw new InvalidOperationException($"The search index alias '{_alias}' does not exist: call EnsureCreatedAsync first.");
        return serving.Meta.StoreStamp;
    }

    public Task UpsertAsync(IReadOnlyCollection<Expert> experts, string? storeStamp = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experts);
        var ops = experts.Select(WriteOp.For).ToArray();
        return WriteAsync(ops, storeStamp, cancellationToken);
    }

    public Task DeleteAsync(IReadOnlyCollection<string> expertIds, string? storeStamp = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expertIds);
        var ops = expertIds.Distinct(StringComparer.Ordinal).Select(id => new WriteOp(id, null)).ToArray();
        return WriteAsync(ops, storeStamp, cancellationToken);
    }

    public async Task RebuildAsync(IAsyncEnumerable<Expert> experts, string? storeStamp = null, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experts);
        await _rebuildLock.WaitAsync(cancellationToken);
        string? built = null;
        string? previous = null;
        var swapped = false;
        try
        {
            lock (_journalLock)
            {
                _journal = [];
                _journalStamp = null;
            }

            built = await CreateIndexAsync(new IndexMeta(SearchAnalysis.Hash, storeStamp), withAlias: false, cancellationToken);
            await FillAsync(built, experts, progress, cancellationToken);

            using (await _gate.EnterExclusiveAsync(cancellationToken))
            {
                var (missed, missedStamp) = TakeJournal();
                foreach (var ops in missed)
                {
                    await BulkAsync(built, ops, Refresh.False, cancellationToken);
                }

                if (missedStamp is not null)
                {
                    await PutMetaAsync(built, new IndexMeta(SearchAnalysis.Hash, missedStamp), cancellationToken);
                }

                await RefreshAsync(built, cancellationToken);
                previous = (await ServingAsync(cancellationToken))?.Index;
                swapped = await SwapAliasAsync(previous, built, cancellationToken);
                _servingAnalysis = SearchAnalysis.Hash;
            }

            await DeleteRetiredAsync(keep: [built, previous], cancellationToken);
        }
        catch (Exception) when (built is not null && !swapped)
        {
            await DeleteHalfBuiltAsync(built);
            throw;
        }
        finally
        {
            lock (_journalLock)
            {
                _journal = null;
                _journalStamp = null;
            }

            _rebuildLock.Release();
        }
    }

    public async Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var request = new ElasticsearchQueries(_analyzers.Value).Search(_alias, query);
        var response = await _client.SearchAsync<ElasticsearchHitSource>(request, cancellationToken);
        Ensure(response, "search");
        return ElasticsearchResults.Read(response, query.WithFacets);
    }

    public async Task<IReadOnlyList<NameSuggestion>> SuggestAsync(string prefix, int size = 10, CancellationToken cancellationToken = default)
    {
        var request = new ElasticsearchQueries(_analyzers.Value).Suggest(_alias, prefix ?? "", size);
        if (request is null)
        {
            return [];
        }

        var response = await _client.SearchAsync<ElasticsearchSuggestions.Source>(request, cancellationToken);
        Ensure(response, "suggest");
        return ElasticsearchSuggestions.Read(response);
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return ValueTask.CompletedTask;
        }

        _ownedSettings?.Dispose();
        if (_analyzers.IsValueCreated)
        {
            _analyzers.Value.Dispose();
        }

        _gate.Dispose();
        _rebuildLock.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WriteAsync(IReadOnlyList<WriteOp> ops, string? storeStamp, CancellationToken cancellationToken)
    {
        using (await _gate.EnterWriteAsync(cancellationToken))
        {
            for (var start = 0; start < ops.Count; start += _batchSize)
            {
                var batch = ops.Skip(start).Take(_batchSize).ToArray();
                // The writer's next search must show the change, as Lucene.NET's refreshed searcher does.
                await BulkAsync(_alias, batch, Refresh.WaitFor, cancellationToken);
            }

            if (storeStamp is not null)
            {
                var analysis = _servingAnalysis ?? (await ServingAsync(cancellationToken))?.Meta.AnalysisHash;
                await PutMetaAsync(_alias, new IndexMeta(analysis, storeStamp), cancellationToken);
            }

            lock (_journalLock)
            {
                if (_journal is not null)
                {
                    _journal.Add(ops);
                    _journalStamp = storeStamp ?? _journalStamp;
                }
            }
        }
    }

    private (List<IReadOnlyList<WriteOp>> Ops, string? Stamp) TakeJournal()
    {
        lock (_journalLock)
        {
            var ops = _journal ?? [];
            var stamp = _journalStamp;
            _journal = [];
            _journalStamp = null;
            return (ops, stamp);
        }
    }

    private async Task FillAsync(string index, IAsyncEnumerable<Expert> experts, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var batch = new List<WriteOp>(_batchSize);
        var read = 0;
        await foreach (var expert in experts.WithCancellation(cancellationToken))
        {
            read++;
            var op = WriteOp.For(expert);
            if (op.Document is not null)
            {
                batch.Add(op);
            }

            if (batch.Count == _batchSize)
            {
                await BulkAsync(index, batch, Refresh.False, cancellationToken);
                batch.Clear();
                progress?.Report(read);
            }
        }

        if (batch.Count > 0)
        {
            await BulkAsync(index, batch, Refresh.False, cancellationToken);
        }

        progress?.Report(read);
    }

    private async Task BulkAsync(string target, IReadOnlyCollection<WriteOp> ops, Refresh refresh, CancellationToken cancellationToken)
    {
        if (ops.Count == 0)
        {
            return;
        }

        var operations = new BulkOperationsCollection();
        foreach (var op in ops)
        {
            operations.Add(op.Document is null
                ? new BulkDeleteOperation(op.Id)
                : new BulkIndexOperation<ElasticsearchDocument>(op.Document) { Id = op.Id });
        }

        var request = new BulkRequest(target)
        {
            Operations = operations,
            Refresh = refresh == Refresh.False ? null : refresh,
        };
        var response = await _client.BulkAsync(request, cancellationToken);
        if (!response.IsValidResponse)
        {
            var failed = response.ItemsWithErrors.FirstOrDefault();
            if (failed?.Error is { } error && response.ApiCallDetails.HasSuccessfulStatusCode)
            {
                throw new ElasticsearchSearchException(
                    $"Elasticsearch bulk write to {target} failed for {response.ItemsWithErrors.Count()} of {ops.Count} profiles; " +
                    $"first: {failed.Id}: {error.Type}: {error.Reason}",
                    failed.Status, error.Type);
            }

            throw ElasticsearchSearchException.From($"bulk write to {target}", response);
        }
    }

    /// <summary>The index behind the alias and its meta; null when the alias does not exist.</summary>
    private async Task<(string Index, IndexMeta Meta)?> ServingAsync(CancellationToken cancellationToken)
    {
        var response = await _client.Indices.GetMappingAsync(new GetMappingRequest(_alias), cancellationToken);
        if (response.ApiCallDetails.HttpStatusCode == 404)
        {
            return null;
        }

        Ensure(response, $"reading the mapping of {_alias}");
        if (response.Mappings.Count != 1)
        {
            throw new InvalidOperationException(
                $"The alias '{_alias}' points at {response.Mappings.Count} indices ({string.Join(", ", response.Mappings.Keys)}); it must point at one.");
        }

        var (index, record) = response.Mappings.First();
        if (index == _alias)
        {
            throw new InvalidOperationException(
                $"'{_alias}' is an index, not an alias. Delete or rename it (or choose another {nameof(ElasticsearchOptions.IndexAlias)}) so the engine can put its alias there.");
        }

        var meta = ElasticsearchIndexDefinition.ReadMeta(record.Mappings?.Meta);
        _servingAnalysis = meta.AnalysisHash;
        return (index, meta);
    }

    private async Task<string> CreateIndexAsync(IndexMeta meta, bool withAlias, CancellationToken cancellationToken)
    {
        var body = ElasticsearchIndexDefinition.CreateBody(meta);
        if (withAlias)
        {
            // The alias comes with the index in one request, so no reader ever finds an alias-less index.
            body["aliases"] = new System.Text.Json.Nodes.JsonObject { [_alias] = new System.Text.Json.Nodes.JsonObject() };
        }

        var json = body.ToJsonString();
        var createdAt = _time.GetUtcNow();
        for (var attempt = 0; ; attempt++)
        {
            var name = ElasticsearchIndexDefinition.IndexName(_alias, createdAt, meta.AnalysisHash ?? SearchAnalysis.Hash);
            var response = await _client.Transport.RequestAsync<StringResponse>(
                Elastic.Transport.HttpMethod.PUT, "/" + Uri.EscapeDataString(name), PostData.String(json), cancellationToken);
            if (response.ApiCallDetails.HasSuccessfulStatusCode)
            {
                return name;
            }

            // Two creations within one second get the same name; the next second is as good a version.
            if (attempt < 10 && response.ApiCallDetails.HttpStatusCode == 400
                && response.Body?.Contains("resource_already_exists_exception", StringComparison.Ordinal) == true)
            {
                createdAt = createdAt.AddSeconds(1);
                continue;
            }

            throw new ElasticsearchSearchException(
                $"Elasticsearch index creation of {name} failed ({response.ApiCallDetails.HttpStatusCode?.ToString() ?? "no response"}): " +
                (response.Body is { Length: > 0 } text ? text : response.ApiCallDetails.OriginalException?.Message ?? "no error body"),
                response.ApiCallDetails.HttpStatusCode, innerException: response.ApiCallDetails.OriginalException);
        }
    }

    private async Task PutMetaAsync(string target, IndexMeta meta, CancellationToken cancellationToken)
    {
        var request = new PutMappingRequest(target)
        {
            Meta = ElasticsearchIndexDefinition.MetaObject(meta).ToDictionary(p => p.Key, p => (object)p.Value!.DeepClone()),
        };
        var response = await _client.Indices.PutMappingAsync(request, cancellationToken);
        Ensure(response, $"recording the store stamp on {target}");
    }

    private async Task RefreshAsync(string index, CancellationToken cancellationToken)
    {
        var response = await _client.Indices.RefreshAsync(new RefreshRequest(index), cancellationToken);
        Ensure(response, $"refresh of {index}");
    }

    /// <summary>
    /// Moves the alias in one <c>_aliases</c> call: Elasticsearch applies its remove and add together, so every
    /// search sees either the old index or the new one. True once the alias is on <paramref name="next"/>.
    /// </summary>
    private async Task<bool> SwapAliasAsync(string? previous, string next, CancellationToken cancellationToken)
    {
        var actions = new List<IndexUpdateAliasesAction>();
        if (previous is not null)
        {
            actions.Add(new IndexUpdateAliasesAction { Remove = new RemoveAction { Index = previous, Alias = _alias } });
        }

        actions.Add(new IndexUpdateAliasesAction { Add = new AddAction { Index = next, Alias = _alias } });
        try
        {
            var response = await _client.Indices.UpdateAliasesAsync(new UpdateAliasesRequest { Actions = actions }, cancellationToken);
            Ensure(response, $"moving the alias {_alias} to {next}");
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            if (await AliasIsOnAsync(next))
            {
                // The answer was lost but the swap went through: the new index serves, so the rebuild succeeded.
                return true;
            }

            throw;
        }
    }

    private async Task<bool> AliasIsOnAsync(string index)
    {
        try
        {
            return (await ServingAsync(CancellationToken.None))?.Index == index;
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>
    /// Deletes every index of this alias but <paramref name="keep"/>: the new one and the one it replaced, kept for
    /// rollback. Also removes what a crashed rebuild left. Failures are swallowed: the swap has happened, old
    /// indices only cost disk, and the next rebuild tries again.
    /// </summary>
    private async Task DeleteRetiredAsync(IReadOnlyCollection<string?> keep, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.Indices.GetAliasAsync(new GetAliasRequest(Indices.Parse(_alias + "-v*")), cancellationToken);
            if (!response.IsValidResponse || response.Aliases is null)
            {
                return;
            }

            var retired = response.Aliases.Keys
                .Where(index => ElasticsearchIndexDefinition.IsVersionOf(index, _alias) && !keep.Contains(index))
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (retired.Length > 0)
            {
                await _client.Indices.DeleteAsync(new DeleteIndexRequest(Indices.Parse(string.Join(',', retired))), cancellationToken);
            }
        }
        catch (Exception)
        {
            // See above: cleanup after a completed swap never fails (nor cancels) the rebuild.
        }
    }

    private async Task DeleteHalfBuiltAsync(string index)
    {
        try
        {
            // Not the caller's token: a cancelled rebuild must still clean up after itself.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _client.Indices.DeleteAsync(new DeleteIndexRequest(index), timeout.Token);
        }
        catch (Exception)
        {
            // The rebuild's own failure is the one to report; a leftover index is deleted by the next rebuild.
        }
    }

    private static void Ensure(ElasticsearchResponse response, string step)
    {
        if (!response.IsValidResponse)
        {
            throw ElasticsearchSearchException.From(step, response);
        }
    }

    /// <summary>One change to an expert: index <see cref="Document"/>, or delete when it is null (gone or unlisted).</summary>
    private sealed record WriteOp(string Id, ElasticsearchDocument? Document)
    {
        public static WriteOp For(Expert expert) =>
            new(expert.Id, ExpertDocument.From(expert) is { } document ? ElasticsearchDocument.From(document) : null);
    }
}
