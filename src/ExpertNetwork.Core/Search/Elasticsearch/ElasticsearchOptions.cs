using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace ExpertNetwork.Search.Elasticsearch;

/// <summary>
/// Where the Elasticsearch engine finds its cluster and under which alias the experts index lives.
/// Bound from the <see cref="Section"/> configuration section; the environment variables below are the
/// documented way to pass the URL and the secrets, so they never need to be in a settings file.
/// </summary>
public sealed partial class ElasticsearchOptions : IValidatableObject
{
    public const string Section = "Elasticsearch";

    public const string UrlVariable = "EXPERTNET_ELASTICSEARCH_URL";
    public const string ApiKeyVariable = "EXPERTNET_ELASTICSEARCH_API_KEY";
    public const string UsernameVariable = "EXPERTNET_ELASTICSEARCH_USERNAME";
    public const string PasswordVariable = "EXPERTNET_ELASTICSEARCH_PASSWORD";
    public const string ReplicasVariable = "EXPERTNET_ELASTICSEARCH_REPLICAS";
    public const string RefreshIntervalVariable = "EXPERTNET_ELASTICSEARCH_REFRESH_INTERVAL";
    public const string BulkMaxBytesVariable = "EXPERTNET_ELASTICSEARCH_BULK_MAX_BYTES";

    public const string DefaultIndexAlias = "experts";

    /// <summary>The cluster endpoint, e.g. <c>https://search.example.org:9200</c>.</summary>
    [Required]
    public string? Url { get; set; }

    /// <summary>The encoded API key (the <c>encoded</c> value Elasticsearch returns); wins over user and password.</summary>
    public string? ApiKey { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// The alias searches and writes go through. Physical indices are named
    /// <c>{IndexAlias}-v{yyyyMMddHHmmss}-{analysis hash, 8 hex}</c> and swapped behind it.
    /// </summary>
    public string IndexAlias { get; set; } = DefaultIndexAlias;

    /// <summary>At most this many profiles per bulk request when rebuilding or importing.</summary>
    [Range(1, 10_000)]
    public int BulkBatchSize { get; set; } = 1000;

    /// <summary>
    /// At most this many bytes of NDJSON per bulk request (a single larger profile goes alone). Elasticsearch refuses
    /// bodies over <c>http.max_content_length</c> (100 MB by default); a few megabytes keep each request quick.
    /// </summary>
    [Range(64 * 1024, 10 * 1024 * 1024)]
    public int BulkMaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Replicas of each index this engine creates; the single-node default is 0, a cluster of three wants 1.</summary>
    [Range(0, 16)]
    public int NumberOfReplicas { get; set; } = 0;

    /// <summary>How often Elasticsearch makes new writes searchable (<c>refresh_interval</c>) on the indices it creates.</summary>
    [RegularExpression(@"^(-1|\d+(ms|s|m))$")]
    public string RefreshInterval { get; set; } = "1s";

    /// <summary>
    /// How long a rebuild's lease lasts without renewal. A rebuilder renews it as it goes; a crashed one's lease is
    /// taken over once this has passed, so it bounds how long a crash blocks the next rebuild.
    /// </summary>
    public TimeSpan RebuildLeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a rebuild (or the first creation of the index) waits for another process's lease before giving up.</summary>
    public TimeSpan RebuildLeaseWait { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often a waiting rebuilder looks at the lease again.</summary>
    public TimeSpan RebuildLeasePoll { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one request may take before it fails; bulk and refresh included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult($"{Section}:{nameof(Url)} must be an absolute http or https URL.", [nameof(Url)]);
        }

        if (string.IsNullOrEmpty(ApiKey) && (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password)))
        {
            yield return new ValidationResult($"{Section}: give both {nameof(Username)} and {nameof(Password)}, or an {nameof(ApiKey)}.",
                [nameof(Username), nameof(Password)]);
        }

        if (RebuildLeaseDuration < TimeSpan.FromSeconds(10) || RebuildLeasePoll <= TimeSpan.Zero || RebuildLeaseWait < TimeSpan.Zero)
        {
            yield return new ValidationResult(
                $"{Section}: {nameof(RebuildLeaseDuration)} must be at least 10 seconds, {nameof(RebuildLeasePoll)} positive and {nameof(RebuildLeaseWait)} not negative.",
                [nameof(RebuildLeaseDuration), nameof(RebuildLeasePoll), nameof(RebuildLeaseWait)]);
        }

        if (!AliasPattern().IsMatch(IndexAlias ?? ""))
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(IndexAlias)} must be lower-case letters, digits, '-' or '_', starting with a letter or digit.",
                [nameof(IndexAlias)]);
        }
    }

    /// <summary>Throws with every problem at once, for callers that build the engine without the options pipeline.</summary>
    public void EnsureValid()
    {
        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), problems, validateAllProperties: true))
        {
            throw new ValidationException(string.Join(" ", problems.Select(p => p.ErrorMessage)));
        }
    }

    // Elasticsearch index names: lower case, no \ / * ? " < > | space , # :, not starting with - _ +.
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,200}$", RegexOptions.CultureInvariant)]
    private static partial Regex AliasPattern();
}
