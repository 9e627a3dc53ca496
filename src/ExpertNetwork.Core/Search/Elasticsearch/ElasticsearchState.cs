using System.Text.Json.Serialization;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;

namespace ExpertNetwork.Search.Elasticsearch;

/// <summary>
/// A small index beside the experts indices (<c>{alias}-state</c>) that every process shares: the rebuild lease and
/// one store-stamp document per experts index. Writing a document costs no cluster-state update, unlike the mapping
/// <c>_meta</c> the stamp used to live in, and a document can be created only-if-absent, which is what a lease needs.
/// </summary>
internal sealed class ElasticsearchState(ElasticsearchClient client, ElasticsearchOptions options, TimeProvider time)
{
    public const string LeaseId = "rebuild-lease";

    private int _created;

    public string Index { get; } = options.IndexAlias + "-state";

    public static string StampId(string index) => "stamp-" + index;

    /// <summary>Creates the state index unless it exists; safe when several processes do it at once.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 1)
        {
            return;
        }

        var request = new CreateIndexRequest(Index)
        {
            Settings = new IndexSettings { NumberOfShards = 1, NumberOfReplicas = options.NumberOfReplicas },
            Mappings = new TypeMapping
            {
                Dynamic = DynamicMapping.Strict,
                Properties = new Properties
                {
                    { "owner", new KeywordProperty() },
                    { "expires_at", new DateProperty() },
                    { "purpose", new KeywordProperty() },
                    { "index", new KeywordProperty() },
                    { "store_stamp", new KeywordProperty { Index = false } },
                },
            },
        };
        var response = await client.Indices.CreateAsync(request, cancellationToken);
        if (!response.IsValidResponse && response.ElasticsearchServerError?.Error?.Type != "resource_already_exists_exception")
        {
            throw ElasticsearchSearchException.From($"creating the state index {Index}", response);
        }

        Volatile.Write(ref _created, 1);
    }

    /// <summary>The stamp recorded for <paramref name="index"/>, or null when none was (or the state index does not exist).</summary>
    public async Task<(bool Found, string? Stamp)> ReadStampAsync(string index, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync<StateDocument>(new GetRequest(Index, StampId(index)), cancellationToken);
        if (response.ApiCallDetails.HttpStatusCode == 404)
        {
            return (false, null);
        }

        if (!response.IsValidResponse)
        {
            throw ElasticsearchSearchException.From($"reading the store stamp of {index}", response);
        }

        return response.Found ? (true, response.Source?.StoreStamp) : (false, null);
    }

    public async Task WriteStampAsync(string index, string stamp, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var response = await client.IndexAsync(new IndexRequest<StateDocument>(new StateDocument { Index = index, StoreStamp = stamp }, Index, StampId(index)),
            cancellationToken);
        if (!response.IsValidResponse)
        {
            throw ElasticsearchSearchException.From($"recording the store stamp of {index}", response);
        }
    }

    /// <summary>
    /// Takes the rebuild lease: creates the lease document only if absent (<c>op_type=create</c>), takes over one whose
    /// holder let it expire, and waits up to <see cref="ElasticsearchOptions.RebuildLeaseWait"/> for a live one.
    /// </summary>
    /// <exception cref="SearchIndexBusyException">Another process held the lease for the whole wait.</exception>
    public async Task<Lease> AcquireLeaseAsync(string purpose, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        var waitingSince = time.GetTimestamp();
        while (true)
        {
            var document = new StateDocument { Owner = owner, ExpiresAt = time.GetUtcNow() + options.RebuildLeaseDuration, Purpose = purpose };
            var created = await client.IndexAsync(new IndexRequest<StateDocument>(document, Index, LeaseId) { OpType = OpType.Create }, cancellationToken);
            if (created.IsValidResponse)
            {
                return new Lease(owner, purpose, created.SeqNo ?? 0, created.PrimaryTerm ?? 0) { RenewedAt = time.GetUtcNow() };
            }

            if (created.ApiCallDetails.HttpStatusCode != 409)
            {
                throw ElasticsearchSearchException.From("taking the rebuild lease", created);
            }

            var held = await client.GetAsync<StateDocument>(new GetRequest(Index, LeaseId), cancellationToken);
            if (held.ApiCallDetails.HttpStatusCode == 404 || (held.IsValidResponse && !held.Found))
            {
                continue;
            }

            if (!held.IsValidResponse)
            {
                throw ElasticsearchSearchException.From("reading the rebuild lease", held);
            }

            var now = time.GetUtcNow();
            if (held.Source?.ExpiresAt is not { } expires || expires <= now)
            {
                // The holder crashed or stalled past its lease: remove exactly that lease document (not a newer one), then race for it again.
                await client.DeleteAsync(new DeleteRequest(Index, LeaseId) { IfSeqNo = held.SeqNo, IfPrimaryTerm = held.PrimaryTerm }, cancellationToken);
                continue;
            }

            if (time.GetElapsedTime(waitingSince) >= options.RebuildLeaseWait)
            {
                throw new SearchIndexBusyException(
                    $"Another process ({held.Source.Owner}, {held.Source.Purpose}) holds the Elasticsearch rebuild lease of '{options.IndexAlias}' " +
                    $"until {expires:u}; waited {options.RebuildLeaseWait}.",
                    ElasticsearchSearchException.From("taking the rebuild lease", created));
            }

            await Task.Delay(options.RebuildLeasePoll, time, cancellationToken);
        }
    }

    /// <summary>Extends the lease; throws when another process took it over (this one stalled past its expiry).</summary>
    public async Task RenewAsync(Lease lease, CancellationToken cancellationToken)
    {
        var document = new StateDocument { Owner = lease.Owner, ExpiresAt = time.GetUtcNow() + options.RebuildLeaseDuration, Purpose = lease.Purpose };
        var response = await client.IndexAsync(
            new IndexRequest<StateDocument>(document, Index, LeaseId) { IfSeqNo = lease.SeqNo, IfPrimaryTerm = lease.PrimaryTerm }, cancellationToken);
        if (!response.IsValidResponse)
        {
            throw response.ApiCallDetails.HttpStatusCode == 409
                ? new ElasticsearchSearchException(
                    $"The Elasticsearch rebuild lease of '{options.IndexAlias}' was taken over by another process; this rebuild stops.", 409,
                    "version_conflict_engine_exception")
                : ElasticsearchSearchException.From("renewing the rebuild lease", response);
        }

        lease.SeqNo = response.SeqNo ?? lease.SeqNo;
        lease.PrimaryTerm = response.PrimaryTerm ?? lease.PrimaryTerm;
        lease.RenewedAt = time.GetUtcNow();
    }

    /// <summary>Renews once half the lease has passed since the last renewal.</summary>
    public Task KeepAsync(Lease lease, CancellationToken cancellationToken) =>
        time.GetUtcNow() - lease.RenewedAt >= options.RebuildLeaseDuration / 2 ? RenewAsync(lease, cancellationToken) : Task.CompletedTask;

    /// <summary>Gives the lease back if it is still this holder's; never throws (an expired lease frees itself).</summary>
    public async Task ReleaseAsync(Lease lease)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await client.DeleteAsync(new DeleteRequest(Index, LeaseId) { IfSeqNo = lease.SeqNo, IfPrimaryTerm = lease.PrimaryTerm }, timeout.Token);
        }
        catch (Exception)
        {
            // See above: the lease expires on its own.
        }
    }

    public sealed class Lease(string owner, string purpose, long seqNo, long primaryTerm)
    {
        public string Owner { get; } = owner;

        public string Purpose { get; } = purpose;

        public long SeqNo { get; set; } = seqNo;

        public long PrimaryTerm { get; set; } = primaryTerm;

        public DateTimeOffset RenewedAt { get; set; }
    }

    internal sealed record StateDocument
    {
        [JsonPropertyName("owner")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Owner { get; init; }

        [JsonPropertyName("expires_at")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public DateTimeOffset? ExpiresAt { get; init; }

        [JsonPropertyName("purpose")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Purpose { get; init; }

        [JsonPropertyName("index")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Index { get; init; }

        [JsonPropertyName("store_stamp")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? StoreStamp { get; init; }
    }
}
