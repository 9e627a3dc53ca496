using ExpertNetwork.Experts;
using ExpertNetwork.Needs;
using ExpertNetwork.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        return services;
    }
}
