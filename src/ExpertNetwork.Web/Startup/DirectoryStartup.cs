using ExpertNetwork.Demo;
using ExpertNetwork.Experts;
using ExpertNetwork.Storage;
using Microsoft.Extensions.Options;

namespace ExpertNetwork.Web.Startup;

/// <summary>
/// Brings the store and the index up to date before the app takes requests: schema migrations, the demo
/// directory on an empty store, then a rebuild of a search index that is missing, stale or built with other analysis files.
/// </summary>
internal sealed class DirectoryStartup(
    Migrator migrator,
    ExpertStore store,
    ExpertDirectory directory,
    Database database,
    IOptions<DemoOptions> demo,
    ILogger<DirectoryStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await migrator.MigrateAsync(cancellationToken);
        logger.LogInformation("Store: {Store}; {Count} migrations applied", database.Description, applied.Count);
        if (demo.Value.SeedWhenEmpty && await store.CountAsync(cancellationToken) == 0)
        {
            // Two apps started at once on a new data directory seed it once.
            using var seeding = database.DataDirectory is { } data
                ? await new CrossProcessLock(Path.Combine(data, "seed.lock")).AcquireAsync(TimeSpan.FromMinutes(30), cancellationToken)
                : null;
            if (await store.CountAsync(cancellationToken) == 0)
            {
                var result = await directory.StoreAsync(DemoDirectory.Generate(demo.Value.Count), "demo", expected: demo.Value.Count, cancellationToken: cancellationToken);
                logger.LogInformation("Seeded the demo directory: {Count} experts", result.Created);
            }
        }

        var state = await directory.SyncIndexAsync(cancellationToken: cancellationToken);
        logger.LogInformation("Search index was {State} at start-up", state);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
