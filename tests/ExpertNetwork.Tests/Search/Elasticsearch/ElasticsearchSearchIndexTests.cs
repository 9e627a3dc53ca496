using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.IndexManagement;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Elasticsearch;

namespace ExpertNetwork.Tests.Search.Elasticsearch;

/// <summary>
/// The shared behaviour suite against a real cluster at <c>EXPERTNET_TEST_ELASTICSEARCH_URL</c> (credentials, if
/// any, in <c>EXPERTNET_TEST_ELASTICSEARCH_API_KEY</c> or <c>_USERNAME</c>/<c>_PASSWORD</c>). Without the URL every
/// test is reported as skipped. Each test gets its own alias and deletes the indices behind it (and its state index) afterwards.
/// </summary>
[RequiresEnvironmentVariable(UrlVariable)]
public sealed class ElasticsearchSearchIndexTests : SearchIndexBehaviourTests
{
    public const string UrlVariable = "EXPERTNET_TEST_ELASTICSEARCH_URL";

    private readonly ElasticsearchOptions _options = new()
    {
        Url = Environment.GetEnvironmentVariable(UrlVariable),
        ApiKey = Environment.GetEnvironmentVariable("EXPERTNET_TEST_ELASTICSEARCH_API_KEY"),
        Username = Environment.GetEnvironmentVariable("EXPERTNET_TEST_ELASTICSEARCH_USERNAME"),
        Password = Environment.GetEnvironmentVariable("EXPERTNET_TEST_ELASTICSEARCH_PASSWORD"),
        IndexAlias = "expertnet-test-" + Guid.NewGuid().ToString("N")[..16],
    };

    protected override ISearchIndex OpenIndex() => new ElasticsearchSearchIndex(_options);

    protected override async Task DeleteStorageAsync()
    {
        using var settings = ElasticsearchSearchIndex.CreateSettings(_options);
        var client = new ElasticsearchClient(settings);
        var indices = await client.Indices.GetAliasAsync(new GetAliasRequest(Indices.Parse(_options.IndexAlias + "-v*")));
        var names = indices.IsValidResponse && indices.Aliases is not null
            ? indices.Aliases.Keys.Where(name => ElasticsearchIndexDefinition.IsVersionOf(name, _options.IndexAlias)).ToArray()
            : [];
        if (names.Length > 0)
        {
            await client.Indices.DeleteAsync(new DeleteIndexRequest(Indices.Parse(string.Join(',', names))));
        }

        // The rebuild lease and the store stamps live beside the indices.
        await client.Indices.DeleteAsync(new DeleteIndexRequest(_options.IndexAlias + "-state"));
    }
}
