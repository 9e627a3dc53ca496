using ExpertNetwork.Accounts;
using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Needs;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Elasticsearch;
using ExpertNetwork.Search.Lucene;
using ExpertNetwork.Shortlists;
using ExpertNetwork.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExpertNetwork;

public static class ExpertNetworkServices
{
    /// <summary>
    /// The short environment variables the README documents, mapped onto configuration keys. They are
    /// added last so they win over appsettings files; secrets never need to live in a file.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> EnvironmentVariables = new Dictionary<string, string>
    {
        ["EXPERTNET_DATA"] = $"{StorageOptions.Section}:{nameof(StorageOptions.DataDirectory)}",
        ["EXPERTNET_SQLSERVER"] = $"{StorageOptions.Section}:{nameof(StorageOptions.SqlServerConnectionString)}",
        ["EXPERTNET_MODEL"] = $"{MatchingOptions.Section}:{nameof(MatchingOptions.ModelPath)}",
        ["EXPERTNET_SEARCH_ENGINE"] = $"{SearchOptions.Section}:{nameof(SearchOptions.Engine)}",
        [ElasticsearchOptions.UrlVariable] = $"{ElasticsearchOptions.Section}:{nameof(ElasticsearchOptions.Url)}",
        [ElasticsearchOptions.ApiKeyVariable] = $"{ElasticsearchOptions.Section}:{nameof(ElasticsearchOptions.ApiKey)}",
        [ElasticsearchOptions.UsernameVariable] = $"{ElasticsearchOptions.Section}:{nameof(ElasticsearchOptions.Username)}",
        [ElasticsearchOptions.PasswordVariable] = $"{ElasticsearchOptions.Section}:{nameof(ElasticsearchOptions.Password)}",
        [ElasticsearchOptions.ReplicasVariable] = $"{ElasticsearchOptions.Section}:{nameof(ElasticsearchOptions.NumberOfReplicas)}",
        [ElasticsearchOptions.RefreshIntervalVariable] = $"{ElasticsearchOptions.Section}:{nameof(ElasticsearchOptions.RefreshInterval)}",
        [ElasticsearchOptions.BulkMaxBytesVariable] = $"{ElasticsearchOptions.Section}:{nameof(ElasticsearchOptions.BulkMaxBytes)}",
    };

    public static IConfigurationBuilder AddExpertNetworkEnvironment(this IConfigurationBuilder builder)
    {
        var values = EnvironmentVariables
            .Select(pair => (Key: pair.Value, Value: Environment.GetEnvironmentVariable(pair.Key)))
            .Where(pair => !string.IsNullOrEmpty(pair.Value))
            .ToDictionary(pair => pair.Key, pair => pair.Value);
        return builder.AddInMemoryCollection(values);
    }

    public static IServiceCollection AddExpertNetwork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Database>();
        services.AddSingleton<Migrator>();
        services.AddSingleton<ExpertStore>();
        services.AddSingleton<ExpertImporter>();
        services.AddSingleton<ExpertExporter>();
        services.AddSingleton<NeedStore>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<ExpertNetwork.Accounts.Registrations>();
        services.AddSingleton<ExpertNetwork.Accounts.SignInThrottle>();
        services.AddSingleton<ShortlistStore>();
        services.AddSingleton<ExpertNetwork.Events.EventStore>();
        services.AddSingleton<ExpertNetwork.Researchers.ProfileClaims>();
        services.AddSingleton<ShortlistJudgments>();
        services.AddSingleton<ExpertDirectory>();
        services.AddOptions<SearchOptions>()
            .Bind(configuration.GetSection(SearchOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var engine = configuration.GetSection(SearchOptions.Section).Get<SearchOptions>()?.Engine ?? SearchEngine.Lucene;
        if (engine == SearchEngine.Elasticsearch)
        {
            services.AddOptions<ElasticsearchOptions>()
                .Bind(configuration.GetSection(ElasticsearchOptions.Section))
                .ValidateDataAnnotations()
                .ValidateOnStart();
            services.AddSingleton<ISearchIndex>(sp => new ElasticsearchSearchIndex(
                sp.GetRequiredService<IOptions<ElasticsearchOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        }
        else
        {
            services.AddSingleton<ISearchIndex>(sp =>
            {
                var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
                var search = sp.GetRequiredService<IOptions<SearchOptions>>().Value;
                return new LuceneSearchIndex(search.IndexDirectory ?? Path.Combine(storage.DataDirectory, "index"));
            });
        }

        return services;
    }
}
