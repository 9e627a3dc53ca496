using ExpertNetwork.Experts;
using ExpertNetwork.Needs;

namespace ExpertNetwork.Matching;

public sealed record EmbeddingProgress(int Done, int Total)
{
    public double Fraction => Total == 0 ? 1 : (double)Done / Total;
}

/// <summary>
/// Embeds the texts the store does not have yet, each distinct text once, in small batches: the unit of work
/// between two checks for requests to yield to. Cancellation is checked before every text.
/// <paramref name="workers"/> threads embed side by side, each with a model session of its own (one
/// ONNX thread each); the ones it starts run at the lowest priority when there are requests to yield to
/// (the web app), at normal priority for `expertnet embed`.
/// With <paramref name="foreground"/> (the web app), each batch waits until no request is in flight;
/// cancellation stops every worker before its next text, keeping the vectors already made.
/// </summary>
public sealed class EmbeddingBackfill(MiniLmEmbedder embedder, EmbeddingStore store, ForegroundActivity? foreground = null, int workers = 1)
{
    private const int Batch = 8;
    private const int WriteEvery = 64;

    public static IEnumerable<string> TextsOf(Expert expert)
    {
        foreach (var publication in expert.Publications)
        {
            var text = ExpertEvidence.PublicationEmbeddingText(publication);
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

    public static IEnumerable<string> TextsOf(Need need) => TextsOf(need, null);

    /// <summary>The need's text as a match against a directory with these statistics embeds it (<see cref="NeedContext.EmbeddingText(Need, TermStatistics?)"/>).</summary>
    public static IEnumerable<string> TextsOf(Need need, TermStatistics? statistics)
    {
        yield return NeedContext.EmbeddingText(need, statistics);
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
        progress?.Report(new EmbeddingProgress(0, missing.Count));
        if (missing.Count == 0)
        {
            return 0;
        }

        var batches = missing.Chunk(Batch).ToList();
        var next = -1;
        var done = 0;
        var pending = new List<(TextKey, float[])>();
        var gate = new Lock();

        void Work(MiniLmEmbedder model)
        {
            int b;
            while ((b = Interlocked.Increment(ref next)) < batches.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreground?.WaitForQuiet(cancellationToken);
                var batch = batches[b];

                var vectors = EmbedUntilCancelled(model, batch, cancellationToken);
                List<(TextKey, float[])>? write = null;
                lock (gate)
                {
                    pending.AddRange(vectors.Select((v, i) => (TextKey.Of(batch[i]), v)));
                    done += vectors.Count;
                    if (pending.Count >= WriteEvery)
                    {
                        write = [.. pending];
                        pending.Clear();
                    }

                    progress?.Report(new EmbeddingProgress(done, missing.Count));
                }

                if (write is not null)
                {
                    store.Add(write);
                }
            }
        }

        var helpers = Enumerable.Range(1, Math.Clamp(workers, 1, batches.Count) - 1)
            .Select(i => BackgroundThread.RunAsync($"expertnet-embedding-{i}", () =>
            {
                using var own = new MiniLmEmbedder(1);
                Work(own);
                return 0;
            }, lowest: foreground is not null))
            .ToList();
        try
        {
            Work(embedder);
        }
        finally
        {
            // Whatever ends this worker (cancellation, a failure), the others stop at their next batch and are waited for.
            Interlocked.Exchange(ref next, batches.Count);
            try
            {
                Task.WaitAll(helpers.ToArray<Task>(), CancellationToken.None);
            }
            catch (AggregateException) when (cancellationToken.IsCancellationRequested)
            {
            }

            store.Add(pending);
        }

        return missing.Count;
    }

    /// <summary>
    /// The batch's vectors, one model run per text, stopping before the next text once cancelled. Shutdown waits for the
    /// run in flight, and at the lowest priority on a busy machine one text can take seconds, a whole batch minutes; a
    /// run is never cancelled midway, which ONNX Runtime answers with an exception of its own.
    /// </summary>
    private static List<float[]> EmbedUntilCancelled(MiniLmEmbedder model, string[] batch, CancellationToken cancellationToken)
    {
        var vectors = new List<float[]>(batch.Length);
        foreach (var text in batch)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            vectors.Add(model.Embed([text], CancellationToken.None)[0]);
        }

        return vectors;
    }
}
