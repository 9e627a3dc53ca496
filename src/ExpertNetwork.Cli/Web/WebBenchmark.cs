using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using ExpertNetwork.Demo;
using ExpertNetwork.Search;

namespace ExpertNetwork.Cli.Web;

/// <summary>What one concurrency level measured.</summary>
public sealed record WebLoadLevel(
    int Clients,
    TimeSpan Duration,
    int Requests,
    int Errors,
    int TooManyRequests,
    LatencySummary Latency,
    TimeSpan ClientCpu,
    TimeSpan ServerCpu,
    long VectorsEmbedded)
{
    public double RequestsPerSecond => Requests / Math.Max(Duration.TotalSeconds, 1e-9);

    public double ServerCpuPerRequestMs => Requests == 0 ? 0 : ServerCpu.TotalMilliseconds / Requests;

    public double ClientCpuShare => ClientCpu / Duration;
}

/// <summary>
/// Bounded loopback load on a running app: a fixed mix of search URLs, <c>clients</c> concurrent loops for a fixed time,
/// every answer that is not a 2xx (429 included) counted as an error. Client and server CPU are read before and after.
/// </summary>
public sealed partial class WebBenchmark(HttpClient client, IReadOnlyList<string> urls, Func<TimeSpan> serverCpu, Func<long> vectors)
{
    /// <summary>The built-in query mix: names, skills in Vietnamese and English, filters, sorts and paging over the demo directory's vocabulary.</summary>
    public static IReadOnlyList<string> DemoMix(string path = "/api/search")
    {
        var experts = DemoDirectory.Generate(400).ToList();
        var urls = new List<string>();
        for (var i = 0; i < experts.Count; i++)
        {
            var expert = experts[i];
            var query = (i % 10) switch
            {
                0 or 1 => $"q={Escape(expert.FullName)}",
                2 => $"q={Escape(Text.VietnameseText.Fold(expert.FullName))}",
                3 or 4 => $"q={Escape(expert.Keywords[0])}",
                5 => $"q={Escape(string.Join(' ', expert.Keywords.Take(2)))}",
                6 => $"q={Escape(expert.Keywords[^1])}&field={Escape(expert.Fields[0])}",
                7 => $"q={Escape(expert.Keywords[0])}&location=province&sort=hindex",
                8 => $"q={Escape(expert.Keywords[0])}&page=2",
                _ => $"field={Escape(expert.Fields[0])}&sort=name",
            };
            urls.Add($"{path}?{query}");
        }

        return urls;
    }

    /// <summary>One query per line (e.g. the shared bench queries), as plain text searches.</summary>
    public static IReadOnlyList<string> FromFile(string file, string path = "/api/search") =>
        File.ReadLines(file).Select(l => l.Trim()).Where(l => l.Length > 0).Select(q => $"{path}?q={Escape(q)}").ToList();

    public async Task<WebLoadLevel> RunAsync(int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var process = Process.GetCurrentProcess();
        var clientCpu = process.TotalProcessorTime;
        var server = serverCpu();
        var embedded = vectors();
        var latencies = new List<double>[clients];
        var errors = 0;
        var tooMany = 0;
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var loops = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = new List<double>(4096);
            for (var i = c * 37; Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested; i++)
            {
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.GetAsync(urls[i % urls.Count], HttpCompletionOption.ResponseContentRead, cancellationToken);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                        if (response.StatusCode == HttpStatusCode.TooManyRequests)
                        {
                            Interlocked.Increment(ref tooMany);
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(loops);
        var elapsed = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        var all = latencies.SelectMany(l => l).ToList();
        return new WebLoadLevel(clients, elapsed, all.Count, errors, tooMany, LatencySummary.From(all), process.TotalProcessorTime - clientCpu,
            serverCpu() - server, vectors() - embedded);
    }

    /// <summary>Signs in through the sign-in form, as a browser does: the form's antiforgery token, then the post.</summary>
    public static async Task SignInAsync(HttpClient client, string email, string password, CancellationToken cancellationToken)
    {
        var form = await client.GetStringAsync("/account/sign-in", cancellationToken);
        var token = FormToken().Match(form);
        if (!token.Success)
        {
            throw new CliException("the sign-in page has no antiforgery token");
        }

        using var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new CliException($"signing in the benchmark user answered {(int)response.StatusCode}");
        }
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
