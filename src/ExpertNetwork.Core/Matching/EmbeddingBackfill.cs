using ExpertNetwork.Experts;
using ExpertNetwork.Needs;

namespace ExpertNetwork.Matching;

public sealed record EmbeddingProgress(int Done, int Total)
{
    public double Fraction => Total == 0 ? 1 : (double)Done / Total;
}

/// <summary>
/// Embeds the texts the store does not have yet. Long texts go one at a time and short ones in
/// small batches: on these CPUs batching helped short texts and hurt abstract-length ones.
/// With <paramref name="foreground"/> (the web app), each batch waits until no request is in flight.
/// </summary>
public sealed class EmbeddingBackfill(MiniLmEmbedder embedder, EmbeddingStore store, ForegroundActivity? foreground = null)
{
    private const int ShortWords = 48;
    private const int ShortBatch = 16;
    private const int WriteEvery = 32;

    public static IEnumerable<string> TextsOf(Expert expert)
    {
        foreach (var publication in expert.Publications)
        {
            var text = ExpertEvidence.PublicationText(publication);
            if (!string.IsNullOrWhiteSpace(text))
            {
                yield return text;
            }
        }

        var profile = ExpertEvidence.ProfileEmbeddingText(expert);
        if (!string.IsNullOrWhiteSpace(profile))
        {
            yield return profile;
        }
    }

    public static IEnumerable<string> TextsOf(Need need)
    {
        yield return NeedContext.EmbeddingText(need);
    }

    /// <summary>Distinct texts that still need a vector, in the order given.</summary>
    public List<string> Missing(IEnumerable<string> texts)
    {
        var seen = new HashSet<TextKey>();
        return texts.Where(t => seen.Add(TextKey.Of(t)) && !store.Contains(TextKey.Of(t))).ToList();
    }

    public async Task<int> RunAsync(IAsyncEnumerable<Expert> experts, IProgress<EmbeddingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var texts = new List<string>();
        await foreach (var expert in experts.WithCancellation(cancellationToken))
        {
            if (expert.Consent.Listed)
            {
                texts.AddRange(TextsOf(expert));
            }
        }

        return await Task.Run(() => Embed(texts, progress, cancellationToken), cancellationToken);
    }

    public int Embed(IEnumerable<string> texts, IProgress<EmbeddingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var missing = Missing(texts);
        var pending = new List<(TextKey, float[])>();
        var done = 0;
        progress?.Report(new EmbeddingProgress(0, missing.Count));

        var shortTexts = missing.Where(t => WordCount(t) <= ShortWords).ToList();
        var longTexts = missing.Where(t => WordCount(t) > ShortWords).ToList();
        foreach (var batch in shortTexts.Chunk(ShortBatch).Concat(longTexts.Chunk(1)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreground?.WaitForQuiet(cancellationToken);

            // Stopped between batches only: ONNX Runtime answers a run cancelled midway with an exception of its own.
            var vectors = embedder.Embed(batch, CancellationToken.None);
            pending.AddRange(batch.Select((t, i) => (TextKey.Of(t), vectors[i])));
            done += batch.Length;
            if (pending.Count >= WriteEvery)
            {
                store.Add(pending);
                pending.Clear();
            }

            progress?.Report(new EmbeddingProgress(done, missing.Count));
        }

        store.Add(pending);
        return missing.Count;
    }

    private static int WordCount(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
