namespace ExpertNetwork.Storage;

/// <summary>
/// A lock that every process on the data directory shares, held as an exclusive open of one file: .NET takes
/// that as an advisory <c>flock</c> on Linux and macOS and a sharing lock on Windows, so it also excludes a second
/// holder in the same process. The operating system drops it when its holder exits, however it exits, so a killed
/// process never leaves it held; the file itself stays and is never deleted (deleting a lock file lets two holders
/// in). Waits are short polls with a deadline: nobody waits forever for a process that hangs.
/// </summary>
public sealed class CrossProcessLock(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The lock if it is free now, else null.</summary>
    public IDisposable? TryAcquire()
    {
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            return new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None);
        }
        catch (IOException) when (File.Exists(Path))
        {
            return null;
        }
    }

    /// <summary>Polls for the lock until <paramref name="timeout"/>; then throws <see cref="LockTimeoutException"/>.</summary>
    public async Task<IDisposable> AcquireAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        foreach (var pause in Pauses(timeout))
        {
            if (TryAcquire() is { } held)
            {
                return held;
            }

            await Task.Delay(pause, cancellationToken);
        }

        return TryAcquire() ?? throw new LockTimeoutException(Path, timeout);
    }

    /// <summary>The same for callers that cannot await (a store that writes from a worker thread).</summary>
    public IDisposable Acquire(TimeSpan timeout)
    {
        foreach (var pause in Pauses(timeout))
        {
            if (TryAcquire() is { } held)
            {
                return held;
            }

            Thread.Sleep(pause);
        }

        return TryAcquire() ?? throw new LockTimeoutException(Path, timeout);
    }

    /// <summary>True while another holder (another process, or another instance here) has the lock.</summary>
    public bool IsHeldElsewhere()
    {
        using var probe = TryAcquire();
        return probe is null;
    }

    /// <summary>
    /// Milliseconds to wait between tries until the deadline: short at first for the common case of a brief hold, longer
    /// (up to 100 ms) when someone holds it for a while, with jitter so waiters do not move in step.
    /// </summary>
    private static IEnumerable<int> Pauses(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        for (var pause = 2; DateTime.UtcNow < deadline; pause = Math.Min(pause * 2, 100))
        {
            yield return pause + Random.Shared.Next(pause);
        }
    }
}

/// <summary>Another process held a shared lock for longer than the caller would wait.</summary>
public sealed class LockTimeoutException(string path, TimeSpan waited)
    : TimeoutException($"{path} stayed locked by another process for {waited.TotalSeconds:0.#} s")
{
    public string LockPath { get; } = path;
}
