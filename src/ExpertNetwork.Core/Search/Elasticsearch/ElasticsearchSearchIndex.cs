using System.Globalization;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Transport;
using Elastic.Transport.Products.Elasticsearch;
using ExpertNetwork.Experts;
using ExpertNetwork.Search.Analysis;

namespace ExpertNetwork.Search.Elasticsearch;

/// <summary>
/// The Elasticsearch engine (Elasticsearch 9 only). Searches and writes go through the alias
/// <see cref="ElasticsearchOptions.IndexAlias"/>; behind it sits one versioned index
/// (<c>experts-v20260101120000-1a2b3c4d</c>) whose mapping <c>_meta</c> records the analysis hash it was built with.
/// The store stamp of the last write lives in a document of the shared state index (<see cref="ElasticsearchState"/>),
/// so a save costs no cluster-state update. A rebuild takes the cross-process rebuild lease, fills a new index
/// through an alias of its own, then moves the serving alias in one <c>_aliases</c> call and confirms it points at
/// exactly that index; searches never see a half-built index, and if anything fails before the swap the new index is
/// deleted and the old one keeps serving. Every bulk requires its target to be an alias, so a missing alias is an
/// error, never a dynamically mapped index created on the fly.
/// </summary>
public sealed class ElasticsearchSearchIndex : ISearchIndex
{
    /// <summary>The one major version this engine talks to.</summary>
    public const int SupportedMajorVersion = 9;

    private readonly ElasticsearchClient _client;
    private readonly ElasticsearchOptions _options;
    private readonly string _alias;
    private readonly TimeProvider _time;
    private readonly ElasticsearchState _state;
    private readonly IDisposable? _ownedSettings;

    // Built on the first search: a process that only writes (an import) never pays for the synonym maps.
    private readonly Lazy<ExpertAnalyzers> _analyzers = new(() => new ExpertAnalyzers());
    private readonly WriteGate _gate = new();
    private readonly SemaphoreSlim _rebuildLock = new(1, 1);
    private readonly System.Threading.Lock _journalLock = new();
    private List<IReadOnlyList<WriteOp>>? _journal;
    private string? _journalStamp;
    private int _versionChecked;
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
        _options = options;
        _alias = options.IndexAlias;
        _time = time ?? TimeProvider.System;
        _state = new ElasticsearchState(client, options, _time);
    }

    private ElasticsearchSearchIndex(ElasticsearchClientSettings settings, ElasticsearchOptions options, TimeProvider? time, bool ownsSettings)
        : this(new ElasticsearchClient(settings), options, time)
    {
        _ownedSettings = ownsSettings ? settings : null;
    }

    public string Alias => _alias;

    /// <summary>The alias a rebuild writes its new index through until the swap.</summary>
    public static string BuildAlias(string index) => index + "-build";

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
        await CheckVersionAsync(cancellationToken);
        var serving = await ServingAsync(cancellationToken);
        if (serving is null)
        {
            // Two processes starting together would each create an index with the alias, leaving it on both: the lease
            // lets one create while the other waits, then finds the alias there.
            var lease = await _state.AcquireLeaseAsync("create", cancellationToken);
            try
            {
                serving = await ServingAsync(cancellationToken);
                if (serving is null)
                {
                    await CreateIndexAsync(new IndexMeta(SearchAnalysis.Hash, StoreStamp: null), _alias, cancellationToken);
                    return IndexState.Missing;
                }
            }
            finally
            {
                await _state.ReleaseAsync(lease);
            }
        }

        if (serving.Value.Meta.AnalysisHash != SearchAnalysis.Hash)
        {
            return IndexState.AnalysisChanged;
        }

        return expectedStoreStamp is not null && await StampOfAsync(serving.Value, cancellationToken) != expectedStoreStamp
            ? IndexState.Stale
            : IndexState.Current;
    }

    public async Task<string?> GetStoreStampAsync(CancellationToken cancellationToken = default)
    {
        var serving = await ServingAsync(cancellationToken)
            ?? throw new InvalidOperationException($"The search index alias '{_alias}' does not exist: call EnsureCreatedAsync first.");
        return await StampOfAsync(serving, cancellationToken);
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
        ElasticsearchState.Lease? lease = null;
        string? built = null;
        var swapped = false;
        try
        {
            await CheckVersionAsync(cancellationToken);
            lease = await _state.AcquireLeaseAsync("rebuild", cancellationToken);
            lock (_journalLock)
            {
                _journal = [];
                _journalStamp = null;
            }

            built = await CreateIndexAsync(new IndexMeta(SearchAnalysis.Hash, storeStamp), alias: null, cancellationToken);
            var target = BuildAlias(built);
            await FillAsync(target, experts, progress, lease, cancellationToken);

            IReadOnlyList<string> previous;
            using (await _gate.EnterExclusiveAsync(cancellationToken))
            {
                var (missed, missedStamp) = TakeJournal();
                foreach (var ops in missed)
                {
                    foreach (var batch in Batches(ops))
                    {
                        await BulkAsync(target, batch, Refresh.False, cancellationToken);
                    }
                }

                if (missedStamp is not null)
                {
                    await _state.WriteStampAsync(built, missedStamp, cancellationToken);
                }

                await RefreshAsync(built, cancellationToken);
                // Proves the lease is still this rebuild's right before the swap: one that stalled past it stops here.
                await _state.RenewAsync(lease, cancellationToken);
                previous = await AliasTargetsAsync(_alias, cancellationToken);
                swapped = await SwapAliasAsync(previous, built, cancellationToken);
            }

            await DeleteRetiredAsync(keep: [built, .. previous], cancellationToken);
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

            if (lease is not null)
            {
                await _state.ReleaseAsync(lease);
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

    /// <summary>
    /// Refuses any cluster but Elasticsearch 9, once per instance. The client sends <c>compatible-with=9</c> on every
    /// request, which Elasticsearch 8 rejects; saying so at start beats a media-type error on the first search.
    /// </summary>
    private async Task CheckVersionAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _versionChecked) == 1)
        {
            return;
        }

        var response = await _client.InfoAsync(cancellationToken);
        var status = response.ApiCallDetails.HttpStatusCode;
        if (status == 403)
        {
            // A key without the monitor privilege cannot read the version; Elasticsearch 8 still refuses the first real request.
            Volatile.Write(ref _versionChecked, 1);
            return;
        }

        if (!response.IsValidResponse)
        {
            var error = response.ElasticsearchServerError?.Error;
            var text = $"{error?.Type} {error?.Reason}";
            if (status is 400 or 406 && (text.Contains("media_type", StringComparison.OrdinalIgnoreCase)
                || text.Contains("compatible", StringComparison.OrdinalIgnoreCase)))
            {
                throw new ElasticsearchSearchException(NotVersion9("an older version", text.Trim()), status, error?.Type);
            }

            throw ElasticsearchSearchException.From("reading the cluster version", response);
        }

        var number = response.Version?.Number ?? "";
        var dot = number.IndexOf('.');
        if (!int.TryParse(dot < 0 ? number : number[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || major != SupportedMajorVersion)
        {
            throw new ElasticsearchSearchException(NotVersion9($"version {number}", null));
        }

        Volatile.Write(ref _versionChecked, 1);
    }

    private string NotVersion9(string found, string? detail) =>
        $"Elasticsearch at {_options.Url} is {found}; ExpertNetwork needs Elasticsearch {SupportedMajorVersion}.x. Its client " +
        $"(Elastic.Clients.Elasticsearch {SupportedMajorVersion}) sends 'compatible-with={SupportedMajorVersion}' on every request, which " +
        "Elasticsearch 8 refuses, and the rebuild relies on 9's alias and bulk behaviour. Upgrade the cluster or use the embedded Lucene.NET engine." +
        (detail is null ? "" : $" ({detail})");

    private async Task WriteAsync(IReadOnlyList<WriteOp> ops, string? storeStamp, CancellationToken cancellationToken)
    {
        using (await _gate.EnterWriteAsync(cancellationToken))
        {
            var before = storeStamp is null ? null : SingleOrNull(await AliasTargetsAsync(_alias, cancellationToken));
            foreach (var batch in Batches(ops))
            {
                // The writer's next search must show the change, as Lucene.NET's refreshed searcher does.
                await BulkAsync(_alias, batch, Refresh.WaitFor, cancellationToken);
            }

            if (storeStamp is not null && before is not null)
            {
                // Another process may have swapped the alias while this bulk ran; then the new index may lack the change
                // and keeps its own (older) stamp, so the next catch-up applies it again.
                if (SingleOrNull(await AliasTargetsAsync(_alias, cancellationToken)) == before)
                {
                    await _state.WriteStampAsync(before, storeStamp, cancellationToken);
                }
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

    private static string? SingleOrNull(IReadOnlyList<string> indices) => indices.Count == 1 ? indices[0] : null;

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

    private async Task FillAsync(string target, IAsyncEnumerable<Expert> experts, IProgress<int>? progress, ElasticsearchState.Lease lease,
        CancellationToken cancellationToken)
    {
        var batch = new List<WriteOp>();
        long bytes = 0;
        var read = 0;
        await foreach (var expert in experts.WithCancellation(cancellationToken))
        {
            read++;
            var op = WriteOp.For(expert);
            if (op.Document is null)
            {
                continue;
            }

            var size = SizeOf(op);
            if (batch.Count > 0 && bytes + size > _options.BulkMaxBytes)
            {
                await FlushAsync(read - 1);
            }

            batch.Add(op);
            bytes += size;
            if (batch.Count == _options.BulkBatchSize)
            {
                await FlushAsync(read);
            }
        }

        if (batch.Count > 0)
        {
            await BulkAsync(target, batch, Refresh.False, cancellationToken);
        }

        progress?.Report(read);

        async Task FlushAsync(int done)
        {
            await BulkAsync(target, batch, Refresh.False, cancellationToken);
            await _state.KeepAsync(lease, cancellationToken);
            batch.Clear();
            bytes = 0;
            progress?.Report(done);
        }
    }

    /// <summary>Splits writes into bulks of at most <see cref="ElasticsearchOptions.BulkBatchSize"/> profiles and <see cref="ElasticsearchOptions.BulkMaxBytes"/> bytes.</summary>
    private IEnumerable<IReadOnlyList<WriteOp>> Batches(IReadOnlyList<WriteOp> ops)
    {
        var batch = new List<WriteOp>();
        long bytes = 0;
        foreach (var op in ops)
        {
            var size = SizeOf(op);
            if (batch.Count > 0 && (batch.Count == _options.BulkBatchSize || bytes + size > _options.BulkMaxBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(op);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>The NDJSON bytes one operation adds to a bulk body: its action line and its document line.</summary>
    private long SizeOf(WriteOp op)
    {
        long action = 32 + System.Text.Encoding.UTF8.GetByteCount(op.Id);
        if (op.Document is null)
        {
            return action;
        }

        using var buffer = new MemoryStream();
        _client.SourceSerializer.Serialize(op.Document, buffer);
        return action + buffer.Length + 1;
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
            RequireAlias = true,
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
                $"The alias '{_alias}' points at {response.Mappings.Count} indices ({string.Join(", ", response.Mappings.Keys)}); it must point at one. " +
                "A rebuild (expertnet index rebuild) moves it to a new index and repairs this.");
        }

        var (index, record) = response.Mappings.First();
        if (index == _alias)
        {
            throw new InvalidOperationException(
                $"'{_alias}' is an index, not an alias. Delete or rename it (or choose another {nameof(ElasticsearchOptions.IndexAlias)}) so the engine can put its alias there.");
        }

        return (index, ElasticsearchIndexDefinition.ReadMeta(record.Mappings?.Meta));
    }

    /// <summary>The stamp of the state index's document for the serving index; the mapping's <c>_meta</c> one (written at creation) until a write records one.</summary>
    private async Task<string?> StampOfAsync((string Index, IndexMeta Meta) serving, CancellationToken cancellationToken)
    {
        var (found, stamp) = await _state.ReadStampAsync(serving.Index, cancellationToken);
        return found ? stamp : serving.Meta.StoreStamp;
    }

    /// <summary>The indices an alias points at, in name order; empty when it does not exist.</summary>
    private async Task<IReadOnlyList<string>> AliasTargetsAsync(string alias, CancellationToken cancellationToken)
    {
        var response = await _client.Indices.GetAliasAsync(new GetAliasRequest(Names.Parse(alias)), cancellationToken);
        if (response.ApiCallDetails.HttpStatusCode == 404)
        {
            return [];
        }

        Ensure(response, $"reading the alias {alias}");
        return (response.Aliases?.Keys ?? []).Order(StringComparer.Ordinal).ToArray();
    }

    private async Task<string> CreateIndexAsync(IndexMeta meta, string? alias, CancellationToken cancellationToken)
    {
        var (settings, mappings) = ElasticsearchIndexDefinition.ToTyped(
            ElasticsearchIndexDefinition.CreateBody(meta, _options), _client.ElasticsearchClientSettings.RequestResponseSerializer);
        var createdAt = _time.GetUtcNow();
        for (var attempt = 0; ; attempt++)
        {
            var name = ElasticsearchIndexDefinition.IndexName(_alias, createdAt, meta.AnalysisHash ?? SearchAnalysis.Hash);
            // The alias comes with the index in one request, so no reader ever finds an alias-less index and every bulk can require one.
            var request = new CreateIndexRequest(name)
            {
                Settings = settings,
                Mappings = mappings,
                Aliases = new Dictionary<Name, Alias> { [alias ?? BuildAlias(name)] = new() },
            };
            var response = await _client.Indices.CreateAsync(request, cancellationToken);
            if (response.IsValidResponse)
            {
                return name;
            }

            // Two creations within one second get the same name; the next second is as good a version.
            if (attempt < 10 && response.ApiCallDetails.HttpStatusCode == 400
                && response.ElasticsearchServerError?.Error?.Type == "resource_already_exists_exception")
            {
                createdAt = createdAt.AddSeconds(1);
                continue;
            }

            throw ElasticsearchSearchException.From($"index creation of {name}", response);
        }
    }

    private async Task RefreshAsync(string index, CancellationToken cancellationToken)
    {
        var response = await _client.Indices.RefreshAsync(new RefreshRequest(index), cancellationToken);
        Ensure(response, $"refresh of {index}");
    }

    /// <summary>
    /// Moves the alias in one <c>_aliases</c> call (every search sees either the old index or the new one), with
    /// <c>must_exist</c> on each removal so a removal that finds nothing fails the whole call instead of leaving the
    /// alias on two indices. The answer's <c>errors</c> and <c>action_results</c> (not in the typed response, read
    /// from the raw body) are reported, and the alias is then read back: on the new index and others too, it is
    /// taken off the others; not on the new index, the swap failed. True once the alias is on <paramref name="next"/> alone.
    /// </summary>
    private async Task<bool> SwapAliasAsync(IReadOnlyList<string> previous, string next, CancellationToken cancellationToken)
    {
        var actions = new List<IndexUpdateAliasesAction>();
        foreach (var index in previous)
        {
            actions.Add(new IndexUpdateAliasesAction { Remove = new RemoveAction { Index = index, Alias = _alias, MustExist = true } });
        }

        actions.Add(new IndexUpdateAliasesAction { Remove = new RemoveAction { Index = next, Alias = BuildAlias(next), MustExist = true } });
        actions.Add(new IndexUpdateAliasesAction { Add = new AddAction { Index = next, Alias = _alias } });
        var failure = await UpdateAliasesAsync(actions, cancellationToken);

        IReadOnlyList<string> now;
        try
        {
            now = await AliasTargetsAsync(_alias, CancellationToken.None);
        }
        catch (Exception) when (failure is not null)
        {
            throw failure;
        }

        if (!now.Contains(next, StringComparer.Ordinal))
        {
            if (now.Count == 0 && previous.Count > 0)
            {
                // The removals went through but the add did not: put the alias back where it was, so searches keep working.
                await UpdateAliasesAsync(
                    previous.Select(index => new IndexUpdateAliasesAction { Add = new AddAction { Index = index, Alias = _alias } }).ToList(),
                    CancellationToken.None);
            }

            throw failure ?? new ElasticsearchSearchException(
                $"Elasticsearch acknowledged moving the alias {_alias} to {next}, but it points at [{string.Join(", ", now)}].");
        }

        var extra = now.Where(index => index != next).ToArray();
        if (extra.Length > 0)
        {
            var repair = extra
                .Select(index => new IndexUpdateAliasesAction { Remove = new RemoveAction { Index = index, Alias = _alias, MustExist = true } })
                .ToList();
            await UpdateAliasesAsync(repair, CancellationToken.None);
            var repaired = await AliasTargetsAsync(_alias, CancellationToken.None);
            if (repaired.Count != 1 || repaired[0] != next)
            {
                throw new ElasticsearchSearchException(
                    $"The alias {_alias} points at [{string.Join(", ", repaired)}] after moving it to {next}, and taking it off the others failed.");
            }
        }

        return true;
    }

    /// <summary>Sends one <c>_aliases</c> call; returns what went wrong (a refused call, <c>errors: true</c>), or null.</summary>
    private async Task<ElasticsearchSearchException?> UpdateAliasesAsync(List<IndexUpdateAliasesAction> actions, CancellationToken cancellationToken)
    {
        var request = new UpdateAliasesRequest
        {
            Actions = actions,
            RequestConfiguration = new RequestConfiguration { DisableDirectStreaming = true },
        };
        UpdateAliasesResponse response;
        try
        {
            response = await _client.Indices.UpdateAliasesAsync(request, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return new ElasticsearchSearchException($"Elasticsearch moving the alias {_alias} failed: {e.Message}", innerException: e);
        }

        if (!response.IsValidResponse)
        {
            return ElasticsearchSearchException.From($"moving the alias {_alias}", response);
        }

        var failed = ActionFailures(response.ApiCallDetails.ResponseBodyInBytes);
        return failed.Count == 0
            ? null
            : new ElasticsearchSearchException(
                $"Elasticsearch moving the alias {_alias} answered errors: true: {string.Join("; ", failed)}", response.ApiCallDetails.HttpStatusCode,
                "alias_action_failed");
    }

    /// <summary>The failed entries of an <c>_aliases</c> answer's <c>action_results</c> (Elasticsearch 8.14+), when <c>errors</c> is true.</summary>
    internal static IReadOnlyList<string> ActionFailures(byte[]? body)
    {
        if (body is not { Length: > 0 } || JsonNode.Parse(body) is not JsonObject answer || answer["errors"]?.GetValue<bool>() != true)
        {
            return [];
        }

        var failures = new List<string>();
        foreach (var result in answer["action_results"]?.AsArray() ?? [])
        {
            var status = result?["status"]?.GetValue<int>() ?? 0;
            if (status is >= 200 and < 300 && result?["error"] is null)
            {
                continue;
            }

            var action = result?["action"];
            failures.Add($"{action?["type"]} [{string.Join(", ", (action?["aliases"]?.AsArray() ?? []).Select(a => a?.ToString()))}] on " +
                $"[{string.Join(", ", (action?["indices"]?.AsArray() ?? []).Select(i => i?.ToString()))}]: {status} " +
                $"{result?["error"]?["type"]}: {result?["error"]?["reason"]}");
        }

        return failures.Count > 0 ? failures : ["errors: true without a failed action result"];
    }

    /// <summary>
    /// Deletes every index of this alias but <paramref name="keep"/> (the new one and the one it replaced, kept for
    /// rollback) and whatever the alias points at now, with their stamp documents. Runs under the rebuild lease, so an
    /// index another process is still filling is never among them: what is left are crashed rebuilds and old versions.
    /// Failures are swallowed: the swap has happened, old indices only cost disk, and the next rebuild tries again.
    /// </summary>
    private async Task DeleteRetiredAsync(IReadOnlyCollection<string> keep, CancellationToken cancellationToken)
    {
        try
        {
            var serving = await AliasTargetsAsync(_alias, cancellationToken);
            var response = await _client.Indices.GetAliasAsync(new GetAliasRequest(Indices.Parse(_alias + "-v*")), cancellationToken);
            if (!response.IsValidResponse || response.Aliases is null)
            {
                return;
            }

            var retired = response.Aliases.Keys
                .Where(index => ElasticsearchIndexDefinition.IsVersionOf(index, _alias) && !keep.Contains(index) && !serving.Contains(index))
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (retired.Length > 0)
            {
                await _client.Indices.DeleteAsync(new DeleteIndexRequest(Indices.Parse(string.Join(',', retired))), cancellationToken);
                foreach (var index in retired)
                {
                    await _client.DeleteAsync(new DeleteRequest(_state.Index, ElasticsearchState.StampId(index)), cancellationToken);
                }
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
