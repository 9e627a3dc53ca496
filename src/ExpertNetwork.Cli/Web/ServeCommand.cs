using System.CommandLine;
using ExpertNetwork.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace ExpertNetwork.Cli.Web;

public static class ServeCommand
{
    public static readonly Option<string?> Urls = new("--urls")
    {
        Description = $"Addresses to listen on, separated by ';' (default: $ASPNETCORE_URLS, else {DefaultUrl}, as 'dotnet run --project src/ExpertNetwork.Web')",
    };

    /// <summary>The web project's launch profile address, so both ways of starting the app answer at the same place.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    public static Command Create()
    {
        var command = new Command("serve", "Start the web app: the same app as 'dotnet run --project src/ExpertNetwork.Web'") { Urls };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = Build(parse);
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The web app for this command line; --data wins over $EXPERTNET_DATA as in every other verb.</summary>
    public static WebApplication Build(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(Urls) is { Length: > 0 } urls)
        {
            overrides["urls"] = urls;
        }
        else if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_URLS")))
        {
            overrides["urls"] = DefaultUrl;
        }

        if (parse.GetValue(CliOptions.Data) is { Length: > 0 } data)
        {
            overrides[$"{StorageOptions.Section}:{nameof(StorageOptions.DataDirectory)}"] = data;
        }

        // The web app's appsettings.json is copied beside this executable; the working directory may be anywhere.
        return ExpertNetwork.Web.Program.CreateApp([$"--contentRoot={AppContext.BaseDirectory}"], overrides);
    }
}
