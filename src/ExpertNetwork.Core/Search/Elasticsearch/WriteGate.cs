namespace ExpertNetwork.Search.Elasticsearch;

/// <summary>
/// Lets any number of writes run together, and lets the end of a rebuild wait until none is in flight and
/// hold new ones back while it replays the writes it missed and swaps the alias. A write that slipped
/// between the replay and the swap would otherwise reach only the index being retired.
/// </summary>
internal sealed class WriteGate : IDisposable
{
    private readonly SemaphoreSlim _entry = new(1, 1);
    private readonly System.Threading.Lock _count = new();
    private int _writers;
    private TaskCompletionSource? _drained;

    public async Task<IDisposable> EnterWriteAsync(CancellationToken cancellationToken)
    {
        await _entry.WaitAsync(cancellationToken);
        lock (_count)
        {
            _writers++;
        }

        _entry.Release();
        return new Releaser(this, exclusive: false);
    }

    public async Task<IDisposable> EnterExclusiveAsync(CancellationToken cancellationToken)
    {
        await _entry.WaitAsync(cancellationToken);
        Task drained;
        lock (_count)
        {
            if (_writers == 0)
            {
                drained = Task.CompletedTask;
            }
            else
            {
                _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                drained = _drained.Task;
            }
        }

        try
        {
            await drained.WaitAsync(cancellationToken);
        }
        catch
        {
            lock (_count)
            {
                _drained = null;
            }

            _entry.Release();
            throw;
        }

        return new Releaser(this, exclusive: true);
    }

    public void Dispose() => _entry.Dispose();

    private void ExitWrite()
    {
        lock (_count)
        {
            if (--_writers == 0)
            {
                _drained?.TrySetResult();
                _drained = null;
            }
        }
    }

    private sealed class Releaser(WriteGate gate, bool exclusive) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            if (exclusive)
            {
                gate._entry.Release();
            }
            else
            {
                gate.ExitWrite();
            }
        }
    }
}
