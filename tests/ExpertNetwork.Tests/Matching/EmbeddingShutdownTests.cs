using ExpertNetwork.Matching;
using ExpertNetwork.Tests.Support;
using ExpertNetwork.Tests.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ExpertNetwork.Tests.Matching;

public class EmbeddingShutdownTests
{
    [Fact]
    public async Task Stopping_the_app_mid_pass_frees_the_model_only_after_its_runs_end()
    {
        var logs = new CapturedLogs();

        // No grace at all: the host stops waiting for the background worker at once, as it does after its timeout
        // on a machine so busy that the lowest-priority embedding threads finish no batch in time.
        var app = new ExpertNetworkApp(demoCount: 150, configure: builder => builder
            .ConfigureLogging(logging => logging.AddProvider(logs))
            .ConfigureServices(services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.Zero)));
        var engine = app.Services.GetRequiredService<MatchingEngine>();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (engine.Status.EmbeddingsDone == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var status = engine.Status;
        Assert.InRange(status.EmbeddingsDone, 1, status.EmbeddingsTotal - 1);

        await app.DisposeAsync();

        // The app's own disposal may still be running on its main thread when the factory returns: wait for the
        // engine to be disposed (its store then refuses reads).
        while (!Disposed(engine.Store) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.True(Disposed(engine.Store), "the app was not disposed");
        Assert.Contains(logs.Lines, l => l.Contains("Matching: embedding stopped for shutdown", StringComparison.Ordinal));
        Assert.Throws<ObjectDisposedException>(() => engine.Embedder.Embed("after shutdown"));
        Assert.Empty(await EmbeddingThreadsAsync());
        Assert.DoesNotContain(logs.Lines, l => l.StartsWith("Critical") || l.StartsWith("Error"));
    }

    private static bool Disposed(EmbeddingStore store)
    {
        try
        {
            _ = store.Count;
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>Threads of this process still named for background embedding (Linux shows the first 15 characters).</summary>
    private static async Task<List<string>> EmbeddingThreadsAsync()
    {
        List<string> Named() => Directory.EnumerateDirectories("/proc/self/task")
            .Select(NameOf)
            .Where(name => name.StartsWith("expertnet-embed", StringComparison.Ordinal))
            .ToList();

        // Any thread of the test host may end between the listing and the read; it then has no name to check.
        static string NameOf(string task)
        {
            try
            {
                return File.ReadAllText(Path.Combine(task, "comm")).Trim();
            }
            catch (IOException)
            {
                return "";
            }
        }

        // A thread ends a moment after the work it ran reports done; at the lowest priority on a busy machine, a long moment.
        for (var i = 0; i < 1000 && Named().Count > 0; i++)
        {
            await Task.Delay(20);
        }

        return Named();
    }
}
