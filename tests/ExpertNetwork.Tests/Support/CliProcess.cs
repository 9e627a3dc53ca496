using System.Diagnostics;

namespace ExpertNetwork.Tests.Support;

/// <summary>Runs the built expertnet CLI as a separate process, for what several processes do at once.</summary>
public static class CliProcess
{
    public sealed record Result(int Exit, string Output, string Error);

    public static Task<Result> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args) => RunWithInputAsync(environment, null, args);

    /// <summary>Like <see cref="RunAsync"/>, with <paramref name="input"/> on standard input (then closed).</summary>
    public static async Task<Result> RunWithInputAsync(IReadOnlyDictionary<string, string?> environment, string? input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(ExpertNetwork.Cli.CliApp).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var variable in ExpertNetworkServices.EnvironmentVariables.Keys)
        {
            start.Environment.Remove(variable);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"expertnet {string.Join(' ', args)} did not finish in 3 minutes");
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
