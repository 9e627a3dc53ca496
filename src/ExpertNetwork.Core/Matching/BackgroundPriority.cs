using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ExpertNetwork.Matching;

/// <summary>
/// Requests this process is serving right now. The web app counts them (<c>UseForegroundRequests</c>); background
/// embedding waits between batches while any are in flight, so a request never queues behind a batch.
/// </summary>
public sealed class ForegroundActivity
{
    /// <summary>Under requests that never stop, background work still moves on at least once per this long.</summary>
    public static readonly TimeSpan MaxYield = TimeSpan.FromSeconds(1);

    private int _active;

    public int Active => Volatile.Read(ref _active);

    public void Enter() => Interlocked.Increment(ref _active);

    public void Exit() => Interlocked.Decrement(ref _active);

    /// <summary>Blocks the calling background thread while requests are in flight, up to <see cref="MaxYield"/>.</summary>
    public void WaitForQuiet(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (Active > 0 && Stopwatch.GetElapsedTime(started) < MaxYield)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Thread.Sleep(2);
        }
    }

    /// <summary><see cref="WaitForQuiet"/> for background work on the thread pool, which must not hold a pool thread meanwhile.</summary>
    public async Task WaitForQuietAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (Active > 0 && Stopwatch.GetElapsedTime(started) < MaxYield)
        {
            await Task.Delay(2, cancellationToken);
        }
    }
}

/// <summary>Runs CPU-bound background work on a thread of its own at the lowest scheduling priority the OS gives without privileges.</summary>
public static partial class BackgroundThread
{
    /// <param name="lowest">False: normal priority where the OS has thread priorities of its own; on Linux the thread inherits its creator's nice value.</param>
    public static Task<T> RunAsync<T>(string name, Func<T> work, bool lowest = true)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            if (lowest)
            {
                LowerPriority();
            }

            try
            {
                done.SetResult(work());
            }
            catch (OperationCanceledException e)
            {
                done.SetCanceled(e.CancellationToken);
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return done.Task;
    }

    /// <summary>
    /// .NET ignores <see cref="Thread.Priority"/> on Linux, where each thread has its own nice value instead: 19 gives the
    /// thread about 1/70 of a core's share against a request thread at 0, and threads it starts (ONNX Runtime's pool) inherit it.
    /// </summary>
    private static void LowerPriority()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                _ = SetPriority(0, GetThreadId(), 19);
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
            }
        }
        else
        {
            Thread.CurrentThread.Priority = ThreadPriority.Lowest;
        }
    }

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();

    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);
}
