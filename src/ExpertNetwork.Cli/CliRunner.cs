using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ExpertNetwork.Matching;
using ExpertNetwork.Storage;

namespace ExpertNetwork.Cli;

public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}

/// <summary>A failure the user can fix; printed as one line without a stack trace.</summary>
public sealed class CliException(string message) : Exception(message);

public static class CliOptions
{
    public static readonly Option<string?> Data = new("--data")
    {
        Description = "Data directory (default: $EXPERTNET_DATA, else ./data)",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show stack traces and detailed logs",
        Recursive = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Machine-readable JSON output" };
}

public static class CliRunner
{
    public static async Task<int> RunAsync(RootCommand root, string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                await error.WriteLineAsync($"expertnet: {parseError.Message}");
            }

            await error.WriteLineAsync("Run 'expertnet --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            await error.WriteLineAsync($"expertnet: {e.Message}");
            if (parse.GetValue(CliOptions.Verbose))
            {
                await error.WriteLineAsync(e.ToString());
            }

            return ExitCodes.Failure;
        }
    }

    /// <summary>Builds the same services the web app uses, for the data directory the command line names.</summary>
    public static async Task<ServiceProvider> ServicesAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var builder = new ConfigurationBuilder().AddExpertNetworkEnvironment();
        var data = parse.GetValue(CliOptions.Data);
        if (!string.IsNullOrWhiteSpace(data))
        {
            builder.AddInMemoryCollection(new Dictionary<string, string?> { [$"{StorageOptions.Section}:{nameof(StorageOptions.DataDirectory)}"] = data });
        }

        var configuration = builder.Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(parse.GetValue(CliOptions.Verbose) ? LogLevel.Debug : LogLevel.Warning))
            .AddExpertNetwork(configuration)
            .AddExpertMatching(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        await services.GetRequiredService<Migrator>().MigrateAsync(cancellationToken);
        return services;
    }
}

/// <summary>Reports on the caller's thread; <see cref="Progress{T}"/> would post to the thread pool and race the final update.</summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
