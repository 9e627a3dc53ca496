using ExpertNetwork.Storage;
using Lucene.Net.Index;
using Lucene.Net.Store;

namespace ExpertNetwork.Search.Lucene;

/// <summary>
/// The Lucene.NET index folder that every process on the data directory shares (the web apps and the CLI):
/// <list type="bullet">
/// <item>generations <c>gen-0001</c>, <c>gen-0002</c>… and the file <c>current</c> naming the serving one, replaced
/// by an atomic rename;</item>
/// <item><c>writer.lock</c>: held by whichever process writes to the serving generation or moves <c>current</c>
/// (Lucene allows one IndexWriter per index; each process opens its own for one batch of writes and closes it);</item>
/// <item><c>rebuild.lock</c>: held by the one process building a new generation, which is how generation names
/// stay unique;</item>
/// <item><c>leases/</c>: a locked file per process and generation it reads or builds. A generation is deleted
/// only when it is neither served nor leased; a lease whose process died is unlocked and is removed.</item>
/// </list>
/// </summary>
internal sealed class GenerationFolder
{
    public const string PointerFile = "current";
    public const string GenerationPrefix = "gen-";
    private const string RetiredPrefix = "retired-";
    private const string LeaseFolder = "leases";
    private const string LeaseSuffix = ".lease";

    /// <summary>How old an unnamed lease must be before it is taken for a dead process's; naming one takes microseconds.</summary>
    public static readonly TimeSpan UnnamedLeaseGrace = TimeSpan.FromMinutes(1);

    public GenerationFolder(string root)
    {
        Root = System.IO.Path.GetFullPath(root);
        Writer = new CrossProcessLock(System.IO.Path.Combine(Root, "writer.lock"));
        Rebuild = new CrossProcessLock(System.IO.Path.Combine(Root, "rebuild.lock"));
    }

    public string Root { get; }

    public CrossProcessLock Writer { get; }

    public CrossProcessLock Rebuild { get; }

    public string PathOf(string name) => System.IO.Path.Combine(Root, name);

    public string? ReadPointer()
    {
        try
        {
            var name = File.ReadAllText(System.IO.Path.Combine(Root, PointerFile)).Trim();
            return name.StartsWith(GenerationPrefix, StringComparison.Ordinal) ? name : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Only while holding <see cref="Writer"/>, so a writer never sees the pointer move under it.</summary>
    public void WritePointer(string name)
    {
        var path = System.IO.Path.Combine(Root, PointerFile);
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, name);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Only while holding <see cref="Rebuild"/>: one past the highest generation there is.</summary>
    public string NextName()
    {
        var highest = System.IO.Directory.EnumerateDirectories(Root, GenerationPrefix + "*")
            .Select(d => int.TryParse(System.IO.Path.GetFileName(d)[GenerationPrefix.Length..], out var n) ? n : 0)
            .Append(ReadPointer() is { } serving && int.TryParse(serving[GenerationPrefix.Length..], out var current) ? current : 0)
            .Max();
        return $"{GenerationPrefix}{highest + 1:D4}";
    }

    /// <summary>Takes a lease on a generation this process is about to build; nobody deletes it while the lease is held.</summary>
    public GenerationLease Lease(string name) => GenerationLease.Take(System.IO.Path.Combine(Root, LeaseFolder), name, LeaseSuffix);

    /// <summary>
    /// A lease on the generation <c>current</c> names, if it holds an index. The lease is taken first and the pointer
    /// read again after it: a generation retired in between is then never opened, and one still served when the lease
    /// was taken cannot be retired before the lease is seen.
    /// </summary>
    public (string Name, GenerationLease Lease)? LeaseServing()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (ReadPointer() is not { } name)
            {
                return null;
            }

            var lease = Lease(name);
            if (ReadPointer() == name)
            {
                if (IndexExists(PathOf(name)))
                {
                    return (name, lease);
                }

                lease.Dispose();
                return null;
            }

            lease.Dispose();
        }

        throw new IOException($"{Root}: the serving generation kept changing while it was being opened");
    }

    /// <summary>
    /// Deletes every generation that is neither served nor leased by a live process: old ones everybody has left,
    /// and side directories of rebuilds whose process died. Best effort; whatever fails is tried again next time.
    /// </summary>
    public void Retire()
    {
        var serving = ReadPointer();
        foreach (var directory in System.IO.Directory.EnumerateDirectories(Root, GenerationPrefix + "*"))
        {
            var name = System.IO.Path.GetFileName(directory);
            if (name == serving || IsLeased(name))
            {
                continue;
            }

            // A rename is atomic: nobody can open half a deleted generation, and a crash mid-delete leaves a retired- folder.
            var retired = PathOf($"{RetiredPrefix}{name}-{Guid.NewGuid():N}");
            try
            {
                System.IO.Directory.Move(directory, retired);
            }
            catch (IOException)
            {
                continue;
            }

            DeleteQuietly(retired);
        }

        foreach (var directory in System.IO.Directory.EnumerateDirectories(Root, RetiredPrefix + "*"))
        {
            DeleteQuietly(directory);
        }

        var leases = System.IO.Path.Combine(Root, LeaseFolder);
        if (System.IO.Directory.Exists(leases))
        {
            // Leases of processes killed between locking one and naming it. A lease file is created before it is locked
            // (FileShare.None is a lock taken after the open on Linux), so a young one may be a live process's that is not
            // locked yet: deleting it made that process's rename fail when two apps started on one new directory at once.
            foreach (var file in System.IO.Directory.EnumerateFiles(leases, "*.tmp"))
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > UnnamedLeaseGrace)
                {
                    GenerationLease.IsLive(file);
                }
            }
        }
    }

    public static void DeleteQuietly(string path)
    {
        try
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Another process is deleting it too, or (on Windows) a file is still open: the next Retire takes it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private bool IsLeased(string name)
    {
        var leases = System.IO.Path.Combine(Root, LeaseFolder);
        if (!System.IO.Directory.Exists(leases))
        {
            return false;
        }

        var leased = false;
        foreach (var file in System.IO.Directory.EnumerateFiles(leases, name + ".*" + LeaseSuffix))
        {
            if (GenerationLease.IsLive(file))
            {
                leased = true;
            }
        }

        return leased;
    }

    private static bool IndexExists(string path)
    {
        if (!System.IO.Directory.Exists(path))
        {
            return false;
        }

        using var directory = OpenDirectory(path);
        return DirectoryReader.IndexExists(directory);
    }

    /// <summary>
    /// A generation's files, as every process reads and writes them. Not <see cref="FSDirectory.Open(string)"/>: on
    /// 64-bit systems it picks <see cref="MMapDirectory"/>, whose inputs record every clone (a search makes dozens) in a
    /// ConditionalWeakTable, one dependent GC handle each, and every garbage collection scans them all: at 50,000
    /// profiles under load each gen0 collection stopped every request for about 34 ms, against 3 ms with
    /// <see cref="NIOFSDirectory"/>'s positional reads.
    /// </summary>
    public static global::Lucene.Net.Store.Directory OpenDirectory(string path) => new PositionalReads(path);

    /// <summary>
    /// Positional reads of 8 KB instead of Lucene's 1 KB: on the 100,000-profile bench a query then costs about 12 %
    /// more CPU than memory-mapped when nothing else runs (25–55 % more with 1 KB reads; 16 KB was slower again).
    /// </summary>
    private sealed class PositionalReads(string path) : NIOFSDirectory(path)
    {
        private const int ReadSize = 8 * 1024;

        public override IndexInput OpenInput(string name, IOContext context) => Sized(base.OpenInput(name, context));

        public override IndexInputSlicer CreateSlicer(string name, IOContext context) => new Slicer(base.CreateSlicer(name, context));

        private static IndexInput Sized(IndexInput input)
        {
            if (input is BufferedIndexInput buffered)
            {
                buffered.SetBufferSize(ReadSize);
            }

            return input;
        }

        private sealed class Slicer(IndexInputSlicer inner) : IndexInputSlicer
        {
            public override IndexInput OpenSlice(string sliceDescription, long offset, long length) => Sized(inner.OpenSlice(sliceDescription, offset, length));

            [Obsolete("Only for reading CFS files from 3.x indexes.")]
            public override IndexInput OpenFullSlice() => Sized(inner.OpenFullSlice());

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    inner.Dispose();
                }
            }
        }
    }
}

/// <summary>A process's claim on one generation: a file in <c>leases/</c> that stays locked while the claim lasts.</summary>
internal sealed class GenerationLease : IDisposable
{
    private readonly FileStream _handle;
    private readonly string _path;

    private GenerationLease(FileStream handle, string path)
    {
        _handle = handle;
        _path = path;
    }

    public static GenerationLease Take(string folder, string generation, string suffix)
    {
        System.IO.Directory.CreateDirectory(folder);
        var id = Guid.NewGuid().ToString("N");

        // Locked under a temporary name, then renamed into view: nobody ever sees the lease unlocked and takes its holder for dead.
        var temp = Path.Combine(folder, id + ".tmp");
        var handle = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        var path = Path.Combine(folder, $"{generation}.{Environment.ProcessId}.{id}{suffix}");
        try
        {
            File.Move(temp, path);
        }
        catch
        {
            handle.Dispose();
            File.Delete(temp);
            throw;
        }

        return new GenerationLease(handle, path);
    }

    /// <summary>True while the lease's process holds it; a lease left by a process that died is deleted.</summary>
    public static bool IsLive(string path)
    {
        FileStream probe;
        try
        {
            probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }

        using (probe)
        {
            File.Delete(path);
        }

        return false;
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
        }

        _handle.Dispose();
    }
}
