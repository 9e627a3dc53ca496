using ExpertNetwork.Search;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ExpertNetwork.Experts;

/// <summary>
/// Keeps a long-running process (the web app) in step with the other processes on its data directory: every
/// <see cref="SearchOptions.FollowIntervalMilliseconds"/> it picks up their index commits and generations and applies
/// store changes no index write has applied yet (<see cref="ExpertDirectory.FollowAsync(CancellationToken)"/>).
/// </summary>
public sealed class IndexFollower(ExpertDirectory directory, IOptions<SearchOptions> options, ILogger<IndexFollower> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.FollowIntervalMilliseconds);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A failure repeats at longer intervals (up to a minute) rather than every second.
                await Task.Delay(interval * Math.Min(60, 1 << Math.Min(failures, 6)), stoppingToken);
                await directory.FollowAsync(stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                logger.LogWarning(e, "Could not bring the search index up to date with the other processes on the data directory; trying again");
            }
        }
    }
}
