using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using ExpertNetwork.Accounts;
using ExpertNetwork.Cli.Experts;
using ExpertNetwork.Demo;
using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExpertNetwork.Cli.Web;

/// <summary>
/// <c>expertnet bench web</c>: starts the web app on the data directory as a process of its own (rate limits raised for
/// the run), signs in a benchmark recruiter, and loads <c>/api/search</c> (or the search page) from this process over
/// loopback at each concurrency level. The server is a separate process so its CPU per request and the client's own
/// CPU are measured apart.
/// </summary>
public static partial class WebBenchCommand
{
    private const int VectorRecordBytes = 16 + 2 * MiniLmEmbedder.Dimensions;

    public static Command Create()
    {
        var clients = new Option<string>("--clients") { Description = "Concurrency levels, comma-separated", DefaultValueFactory = _ => "1,8,32" };
        var duration = new Option<int>("--duration") { Description = "Seconds per level", DefaultValueFactory = _ => 20 };
        var warmup = new Option<int>("--warmup") { Description = "Seconds of unrecorded load first, at the highest level", DefaultValueFactory = _ => 10 };
        var profiles = new Option<int?>("--profiles") { Description = "Seed a demo directory of this many profiles when the store is empty" };
        var queries = new Option<FileInfo?>("--queries") { Description = "One query per line (e.g. the shared bench queries) instead of the built-in mix" };
        var embedding = new Option<bool>("--embedding")
        {
            Description = "Let the server embed in the background during the run, into a scratch embeddings file so it always has work",
        };
        var page = new Option<bool>("--page") { Description = "Load the HTML search page (/search) instead of /api/search" };
        var server = new Option<FileInfo?>("--server") { Description = "expertnet.dll of another build to serve (e.g. main's, for a before/after pair)" };
        var command = new Command("web", "Load the web app's search over loopback and print req/s, latency percentiles, errors and CPU per request")
        {
            clients, duration, warmup, profiles, queries, embedding, page, server,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var levels = ParseLevels(parse.GetValue(clients)!);
            var seconds = parse.GetValue(duration);
            if (seconds is < 1 or > 3600)
            {
                throw new CliException($"--duration must be between 1 and 3600 seconds, got {seconds}");
            }

            var path = parse.GetValue(page) ? "/search" : "/api/search";
            var mix = parse.GetValue(queries) is { } file
                ? file.Exists ? WebBenchmark.FromFile(file.FullName, path) : throw new CliException($"{file.Name}: no such file")
                : WebBenchmark.DemoMix(path);
            var serverDll = parse.GetValue(server)?.FullName ?? typeof(CliApp).Assembly.Location;
            if (!File.Exists(serverDll))
            {
                throw new CliException($"{serverDll}: no such file");
            }

            var output = parse.InvocationConfiguration.Output;
            await using var services = await CliRunner.ServicesAsync(parse, cancellationToken);
            var data = Path.GetFullPath(services.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory);
            var count = await PrepareDirectoryAsync(parse, services, parse.GetValue(profiles), cancellationToken);
            var users = services.GetRequiredService<UserStore>();
            var password = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
            var email = $"bench-web-{Guid.NewGuid():N}"[..20] + "@expertnet.invalid";
            var hash = new PasswordHasher<UserAccount>().HashPassword(new UserAccount("", email, null, Roles.Recruiter, "", "", default), password);
            var user = await users.CreateAsync(email, "Benchmark", Roles.Recruiter, hash, cancellationToken);
            var scratch = Path.Combine(Path.GetTempPath(), $"expertnet-bench-web-{Environment.ProcessId}");
            try
            {
                Directory.CreateDirectory(scratch);
                var vectors = Path.Combine(scratch, EmbeddingStore.FileName);
                using var served = ServedApp.Start(serverDll, data, parse.GetValue(embedding) ? vectors : null);
                var url = await served.ListeningAsync(TimeSpan.FromMinutes(30), cancellationToken);

                // The app reads the whole directory once at start-up for matching (about half a minute of a core at 50,000
                // profiles); measured on top of it, the levels would report start-up, not serving, and a run with
                // --embedding (which waits for it below anyway) would be compared with one that did not.
                var analysing = Stopwatch.StartNew();
                var analysed = await served.AnalysedAsync(TimeSpan.FromMinutes(15), cancellationToken);
                using var handler = new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = true,
                    CookieContainer = new CookieContainer(),
                    MaxConnectionsPerServer = int.MaxValue,
                };
                using var client = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
                await WebBenchmark.SignInAsync(client, user.Email, password, cancellationToken);
                var bench = new WebBenchmark(client, mix, served.CpuTime,
                    () => File.Exists(vectors) ? new FileInfo(vectors).Length / VectorRecordBytes : 0);

                output.WriteLine($"web benchmark: {path}, {count:N0} profiles in {data}, {mix.Count} URLs in the mix, background embedding {(parse.GetValue(embedding) ? "on" : "off")}");
                output.WriteLine($"machine load average at start: {LoadAverage()} ({Environment.ProcessorCount} cores)");
                output.WriteLine($"server: {(parse.GetValue(server) is null ? "this build" : serverDll)}, pid {served.Id}, {url}");
                output.WriteLine(analysed
                    ? $"server start-up: directory analysed for matching {analysing.Elapsed.TotalSeconds:F0} s after listening, before any load"
                    : "server start-up: the directory analysis had not finished after 15 minutes; measuring anyway");
                if (parse.GetValue(warmup) > 0)
                {
                    var warm = await bench.RunAsync(levels.Max(), TimeSpan.FromSeconds(parse.GetValue(warmup)), cancellationToken);
                    output.WriteLine($"warm-up {parse.GetValue(warmup)} s at {levels.Max()} clients: {warm.Requests:N0} requests, {warm.Errors} errors");
                }

                if (parse.GetValue(embedding))
                {
                    // The server reads the whole directory before it embeds; the levels are to run while it embeds.
                    var waited = Stopwatch.StartNew();
                    while (!File.Exists(vectors) && waited.Elapsed < TimeSpan.FromMinutes(15))
                    {
                        await bench.RunAsync(1, TimeSpan.FromSeconds(2), cancellationToken);
                    }

                    output.WriteLine(File.Exists(vectors)
                        ? $"background embedding started {waited.Elapsed.TotalSeconds:F0} s after the warm-up; its CPU counts in the server's CPU per request"
                        : "background embedding had not started after 15 minutes; measuring anyway");
                }

                output.WriteLine("clients    req/s   p50 ms   p95 ms   p99 ms   requests  errors (429)  client CPU  server CPU/request  vectors embedded");
                foreach (var level in levels)
                {
                    var result = await bench.RunAsync(level, TimeSpan.FromSeconds(seconds), cancellationToken);
                    output.WriteLine(
                        $"{result.Clients,7} {result.RequestsPerSecond,8:F1} {result.Latency.P50,8:F2} {result.Latency.P95,8:F2} {result.Latency.P99,8:F2} " +
                        $"{result.Requests,10:N0} {result.Errors,7} ({result.TooManyRequests}) {result.ClientCpuShare,11:P0} {result.ServerCpuPerRequestMs,15:F2} ms {result.VectorsEmbedded,17:N0}");
                }

                var clean = await served.StopAsync(TimeSpan.FromSeconds(60));
                output.WriteLine($"server stopped {(clean ? "cleanly" : "only when killed")}; {served.Problems} warning, error or critical lines in its log");
            }
            finally
            {
                await users.DeleteAsync(user.Id, CancellationToken.None);
                if (Directory.Exists(scratch))
                {
                    Directory.Delete(scratch, recursive: true);
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<long> PrepareDirectoryAsync(ParseResult parse, ServiceProvider services, int? profiles, CancellationToken cancellationToken)
    {
        var directory = services.GetRequiredService<ExpertDirectory>();
        var count = await directory.Store.CountAsync(cancellationToken);
        if (count == 0)
        {
            if (profiles is not { } n || n < 1)
            {
                throw new CliException("the store is empty: give --profiles N to seed a demo directory, or import one first");
            }

            await ExpertCommands.WithProgressAsync(parse, "Storing demo directory",
                progress => directory.StoreAsync(DemoDirectory.Generate(n), "demo", progress, n, cancellationToken));
            count = await directory.Store.CountAsync(cancellationToken);
        }
        else if (profiles is { } wanted && wanted != count)
        {
            parse.InvocationConfiguration.Error.WriteLine($"the store already holds {count:N0} profiles; --profiles {wanted} is ignored");
        }

        // Built here, so the server starts on a current index rather than rebuilding while it is timed.
        await directory.SyncIndexAsync(cancellationToken: cancellationToken);
        return count;
    }

    private static int[] ParseLevels(string value)
    {
        var levels = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => int.TryParse(v, out var n) && n is >= 1 and <= 1024 ? n : throw new CliException($"--clients: '{v}' is not a number from 1 to 1024"))
            .ToArray();
        return levels.Length > 0 ? levels : throw new CliException("--clients needs at least one level");
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The web app as a child process: <c>expertnet serve</c> on a free loopback port.</summary>
    private sealed partial class ServedApp : IDisposable
    {
        private readonly Process _process;
        private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _analysed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _tail = new();
        private int _problems;

        private ServedApp(Process process) => _process = process;

        public int Id => _process.Id;

        public int Problems => Volatile.Read(ref _problems);

        public static ServedApp Start(string dll, string data, string? embeddings)
        {
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH")
                ?? (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet");
            var start = new ProcessStartInfo(host)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetDirectoryName(dll)!,
            };
            foreach (var arg in new[] { dll, "serve", "--urls", "http://127.0.0.1:0", "--data", data })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["Security__SearchPermitLimit"] = "100000";
            start.Environment["Security__SearchWindowSeconds"] = "1";
            start.Environment["Demo__SeedWhenEmpty"] = "false";
            start.Environment["Matching__EmbedInBackground"] = embeddings is null ? "false" : "true";
            if (embeddings is not null)
            {
                start.Environment["Matching__EmbeddingsPath"] = embeddings;
            }

            start.Environment["Logging__LogLevel__Default"] = "Warning";
            start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
            start.Environment["Logging__LogLevel__ExpertNetwork.Matching.EmbeddingWorker"] = "Information";
            var process = new Process { StartInfo = start, EnableRaisingEvents = true };
            var app = new ServedApp(process);
            process.OutputDataReceived += (_, e) => app.Receive(e.Data);
            process.ErrorDataReceived += (_, e) => app.Receive(e.Data);
            process.Exited += (_, _) =>
            {
                app._listening.TrySetException(new CliException($"the server exited with {process.ExitCode} before listening:\n{string.Join('\n', app._tail)}"));
                app._analysed.TrySetException(new CliException($"the server exited with {process.ExitCode} during start-up:\n{string.Join('\n', app._tail)}"));
            };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return app;
        }

        public async Task<string> ListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cancel.CancelAfter(timeout);
            return await _listening.Task.WaitAsync(cancel.Token);
        }

        /// <summary>False when the app has not said it analysed the directory within <paramref name="timeout"/>.</summary>
        public async Task<bool> AnalysedAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            try
            {
                await _analysed.Task.WaitAsync(timeout, cancellationToken);
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }

        public TimeSpan CpuTime()
        {
            _process.Refresh();
            return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
        }

        /// <summary>SIGTERM, as an operator stops it; false if it had to be killed.</summary>
        public async Task<bool> StopAsync(TimeSpan timeout)
        {
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
                return true;
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                return false;
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }

        private void Receive(string? line)
        {
            if (line is null)
            {
                return;
            }

            _tail.Enqueue(line);
            while (_tail.Count > 40)
            {
                _tail.TryDequeue(out _);
            }

            if (ProblemLine().IsMatch(line))
            {
                Interlocked.Increment(ref _problems);
            }

            if (AnalysedLine().IsMatch(line))
            {
                _analysed.TrySetResult();
            }

            if (ListeningLine().Match(line) is { Success: true } match)
            {
                _listening.TrySetResult(match.Groups[1].Value);
            }
        }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
        private static extern int Kill(int pid, int signal);

        [GeneratedRegex(@"Now listening on: (http://\S+)")]
        private static partial Regex ListeningLine();

        [GeneratedRegex(@"Matching: analysed \d+ listed experts")]
        private static partial Regex AnalysedLine();

        [GeneratedRegex(@"^(warn|fail|crit):")]
        private static partial Regex ProblemLine();
    }
}
