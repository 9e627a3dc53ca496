using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ExpertNetwork.Tests.MultiProcess;

/// <summary>
/// The <c>expertnet</c> command as a real operating-system process (the build copies it beside the tests): a
/// short command that runs to its exit code, or <c>expertnet serve</c> on a real Kestrel port.
/// </summary>
public sealed partial class ExpertnetProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ExpertnetProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>Everything the process wrote so far, standard output and error interleaved.</summary>
    public string Output => string.Join('\n', _lines);

    public bool HasExited => _process.HasExited;

    public static ExpertnetProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "expertnet.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A test run may carry settings of its own in the environment; the child gets only what the test gives it.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("EXPERTNET_", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var wrapper = new ExpertnetProcess(process);
        process.OutputDataReceived += (_, e) => wrapper.Receive(e.Data);
        process.ErrorDataReceived += (_, e) => wrapper.Receive(e.Data);
        process.Exited += (_, _) => wrapper._listening.TrySetException(new InvalidOperationException($"expertnet exited with {process.ExitCode} before listening:\n{wrapper.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
    }

    /// <summary>Runs a command to its end and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        await using var process = Start(args, environment);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process._process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"expertnet {string.Join(' ', args)} did not finish in {timeout}:\n{process.Output}");
        }

        // The exit event can arrive before the last redirected lines; WaitForExit without a timeout drains them.
        process._process.WaitForExit();
        return (process._process.ExitCode, process.Output);
    }

    /// <summary>The address from Kestrel's "Now listening on:" line.</summary>
    public async Task<string> ListeningAsync(TimeSpan timeout)
    {
        var finished = await Task.WhenAny(_listening.Task, Task.Delay(timeout));
        return finished == _listening.Task
            ? await _listening.Task
            : throw new TimeoutException($"expertnet did not listen within {timeout}:\n{Output}");
    }

    /// <summary>Asks the app to stop as an operator would (SIGTERM) and waits for it; false if it had to be killed.</summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return true;
        }

        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = Kill(_process.Id, 15);
        }
        else
        {
            _process.Kill();
        }

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            _process.WaitForExit();
            return true;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(match.Groups[1].Value);
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
