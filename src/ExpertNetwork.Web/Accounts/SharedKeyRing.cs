using ExpertNetwork.Storage;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace ExpertNetwork.Web.Accounts;

/// <summary>
/// Makes the first sign-in key at start-up, one process at a time. Left to the first request, two app processes
/// starting on a new data directory would each make one and refuse each other's cookies until their key rings
/// reload; later keys are made days before they are needed, which is how the key ring shares them.
/// </summary>
internal sealed class SharedKeyRing(IKeyManager keys, IOptions<StorageOptions> storage, TimeProvider clock, ILogger<SharedKeyRing> logger) : IHostedService
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(storage.Value.DataDirectory, "keys");
        using var exclusive = await new CrossProcessLock(Path.Combine(folder, "keys.lock")).AcquireAsync(TimeSpan.FromMinutes(1), cancellationToken);
        var now = clock.GetUtcNow();
        if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
        {
            keys.CreateNewKey(now, now + Lifetime);
            logger.LogInformation("Created the first sign-in key in {Folder}", folder);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
