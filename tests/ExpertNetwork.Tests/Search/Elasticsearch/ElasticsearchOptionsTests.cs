using System.ComponentModel.DataAnnotations;
using System.Text;
using Elastic.Clients.Elasticsearch;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Elasticsearch;
using Microsoft.Extensions.Configuration;

namespace ExpertNetwork.Tests.Search.Elasticsearch;

public sealed class ElasticsearchOptionsTests
{
    [Fact]
    public void The_options_bind_from_the_elasticsearch_section_with_the_experts_alias_by_default()
    {
        Assert.Equal("Elasticsearch", ElasticsearchOptions.Section);
        Assert.Equal("experts", new ElasticsearchOptions().IndexAlias);
        Assert.Equal(1000, new ElasticsearchOptions().BulkBatchSize);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("localhost:9200")]
    [InlineData("ftp://search.example.org")]
    public void A_missing_or_non_http_url_is_refused(string? url)
    {
        var error = Assert.Throws<ValidationException>(() => new ElasticsearchOptions { Url = url }.EnsureValid());
        Assert.Contains("Url", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_without_a_password_is_refused()
    {
        var error = Assert.Throws<ValidationException>(() => new ElasticsearchOptions { Url = "http://localhost:9200", Username = "elastic" }.EnsureValid());
        Assert.Contains("Password", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Experts")]
    [InlineData("_experts")]
    [InlineData("experts*")]
    [InlineData("")]
    public void An_alias_elasticsearch_would_refuse_is_refused_up_front(string alias)
    {
        Assert.Throws<ValidationException>(() => new ElasticsearchOptions { Url = "http://localhost:9200", IndexAlias = alias }.EnsureValid());
    }

    [Fact]
    public async Task An_api_key_is_sent_as_an_api_key_authorization_header()
    {
        await using var cluster = new FakeCluster();
        cluster.Invoker.On("POST", "/experts/_search", CannedResponse.Ok(Golden.Read("suggest.response.json")));

        await cluster.Index.SuggestAsync("dang");

        Assert.Equal("ApiKey dGVzdDp0ZXN0", cluster.Invoker.Requests.Single().Authorization);
    }

    [Fact]
    public async Task A_user_and_password_are_sent_as_basic_authentication()
    {
        using var invoker = new RecordingRequestInvoker();
        invoker.On("POST", "/experts/_search", CannedResponse.Ok(Golden.Read("suggest.response.json")));
        var options = new ElasticsearchOptions { Url = "https://search.example.org:9200", Username = "expertnet", Password = "s3cret" };
        using var settings = ElasticsearchSearchIndex.CreateSettings(options, invoker);
        await using var index = new ElasticsearchSearchIndex(new ElasticsearchClient(settings), options);

        await index.SuggestAsync("dang");

        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("expertnet:s3cret")), invoker.Requests.Single().Authorization);
    }

    [Fact]
    public void Index_names_carry_the_creation_time_and_the_analysis_hash_and_are_recognised_as_the_aliases_own()
    {
        var created = new DateTimeOffset(2026, 3, 1, 15, 30, 5, TimeSpan.FromHours(7));
        var name = ElasticsearchIndexDefinition.IndexName("experts", created, SearchAnalysis.Hash);

        Assert.Equal($"experts-v20260301083005-{SearchAnalysis.Hash[..8]}", name);
        Assert.True(ElasticsearchIndexDefinition.IsVersionOf(name, "experts"));
        Assert.Equal(created, ElasticsearchIndexDefinition.CreatedAt(name, "experts"));
        Assert.False(ElasticsearchIndexDefinition.IsVersionOf(name, "expert"));
        Assert.False(ElasticsearchIndexDefinition.IsVersionOf("experts-archive", "experts"));
        Assert.False(ElasticsearchIndexDefinition.IsVersionOf("experts-test-v20260301083005-0badc0de", "experts"));
        Assert.Null(ElasticsearchIndexDefinition.CreatedAt("experts-v2026-0badc0de", "experts"));
    }
}

public sealed class ElasticsearchEnvironmentTests
{
    [Fact]
    public void The_replicas_refresh_and_bulk_size_variables_bind_to_the_options_the_web_app_and_the_cli_share()
    {
        var values = new Dictionary<string, string?>
        {
            [ExpertNetwork.ExpertNetworkServices.EnvironmentVariables[ElasticsearchOptions.ReplicasVariable]] = "2",
            [ExpertNetwork.ExpertNetworkServices.EnvironmentVariables[ElasticsearchOptions.RefreshIntervalVariable]] = "30s",
            [ExpertNetwork.ExpertNetworkServices.EnvironmentVariables[ElasticsearchOptions.BulkMaxBytesVariable]] = "1048576",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var options = new ElasticsearchOptions();
        configuration.GetSection(ElasticsearchOptions.Section).Bind(options);

        Assert.Equal(2, options.NumberOfReplicas);
        Assert.Equal("30s", options.RefreshInterval);
        Assert.Equal(1_048_576, options.BulkMaxBytes);
    }

    [Theory]
    [InlineData("5 seconds")]
    [InlineData("1h")]
    public void A_refresh_interval_elasticsearch_would_not_read_is_refused(string interval)
    {
        var error = Assert.Throws<ValidationException>(() => new ElasticsearchOptions { Url = "http://localhost:9200", RefreshInterval = interval }.EnsureValid());
        Assert.Contains("RefreshInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bulks_over_ten_megabytes_are_refused()
    {
        var error = Assert.Throws<ValidationException>(() => new ElasticsearchOptions { Url = "http://localhost:9200", BulkMaxBytes = 20 * 1024 * 1024 }.EnsureValid());
        Assert.Contains("BulkMaxBytes", error.Message, StringComparison.Ordinal);
    }
}
