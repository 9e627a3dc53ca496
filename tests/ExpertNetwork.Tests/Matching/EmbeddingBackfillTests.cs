using ExpertNetwork.Matching;

namespace ExpertNetwork.Tests.Matching;

public class EmbeddingBackfillTests
{
    [Fact]
    public void Two_workers_and_batches_store_each_text_once_with_the_vector_it_gets_alone()
    {
        var texts = new List<string>
        {
            "Ransomware detection",
            "Low-power analog front-end for biomedical sensors",
            "Thiết kế vi mạch",
            string.Join(' ', Enumerable.Repeat("Coral reef monitoring around Trường Sa with underwater drones and acoustic sensors.", 8)),
            string.Join(' ', Enumerable.Repeat("Graph neural networks for traffic forecasting in Quy Nhơn.", 10)),
        };
        texts.AddRange(Enumerable.Range(0, 20).Select(i => $"Short title number {i} on rice genomics"));
        texts.Add("Ransomware detection");
        using var embedder = new MiniLmEmbedder();
        var store = EmbeddingStore.InMemory();
        var progress = new List<EmbeddingProgress>();

        var embedded = new EmbeddingBackfill(embedder, store, workers: 2).Embed(texts, new SynchronousProgress(progress));

        Assert.Equal(25, embedded);
        Assert.Equal(25, store.Count);
        Assert.Equal(new EmbeddingProgress(25, 25), progress[^1]);
        foreach (var text in texts.Distinct())
        {
            Assert.True(VectorMath.Dot(embedder.Embed(text), store.Get(TextKey.Of(text))!) > 0.999, text);
        }
    }

    [Fact]
    public void Texts_the_same_once_normalised_are_run_through_the_model_once_per_backlog()
    {
        var texts = new List<string>
        {
            "Thiết kế vi mạch tương tự",
            "Thiết kế vi mạch tương tự".Normalize(System.Text.NormalizationForm.FormD),
            "Thiết  kế vi mạch   tương tự ",
            "Ransomware detection in banking networks",
            "Ransomware detection in banking networks",
            "Coral reef monitoring",
        };
        using var embedder = new MiniLmEmbedder();
        var store = EmbeddingStore.InMemory();

        var embedded = new EmbeddingBackfill(embedder, store).Embed(texts);

        Assert.Equal(3, embedded);
        Assert.Equal(3, embedder.TextsEmbedded);
        Assert.All(texts, text => Assert.NotNull(store.Get(TextKey.Of(text))));
    }

    [Fact]
    public void Cancelled_embedding_stops_every_worker_and_keeps_what_was_done()
    {
        var texts = Enumerable.Range(0, 400).Select(i => $"Publication {i} about semiconductor packaging reliability and thermal cycling").ToList();
        using var embedder = new MiniLmEmbedder();
        var store = EmbeddingStore.InMemory();
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress([], p =>
        {
            if (p.Done >= 48)
            {
                cancel.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() => new EmbeddingBackfill(embedder, store, workers: 2).Embed(texts, progress, cancel.Token));

        Assert.InRange(store.Count, 48, 399);
    }

    [Fact]
    public async Task Cancellation_stops_a_worker_before_its_next_text_rather_than_at_the_end_of_its_batch_and_stores_every_vector_made()
    {
        var texts = Enumerable.Range(0, 2000).Select(i => $"Publication {i} about semiconductor packaging reliability, thermal cycling and solder joint fatigue in power modules").ToList();
        using var embedder = new MiniLmEmbedder();
        var store = EmbeddingStore.InMemory();
        using var cancel = new CancellationTokenSource();
        var embeddedWhenCancelled = -1L;

        // A thread of its own: the test host's pool may be too busy to start a pooled one before the backlog is done.
        // It cancels about three texts into the second batch, timed by the first.
        var watcher = BackgroundThread.RunAsync("cancel-watcher", () =>
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            SpinWait.SpinUntil(() => embedder.TextsEmbedded >= 8);
            Thread.Sleep(started.Elapsed * 3 / 8);
            cancel.Cancel();
            return Interlocked.Exchange(ref embeddedWhenCancelled, embedder.TextsEmbedded);
        }, lowest: false);

        Assert.ThrowsAny<OperationCanceledException>(() => new EmbeddingBackfill(embedder, store).Embed(texts, cancellationToken: cancel.Token));
        await watcher;

        Assert.InRange(embedder.TextsEmbedded, embeddedWhenCancelled, embeddedWhenCancelled + 1);
        Assert.Equal(embedder.TextsEmbedded, store.Count);
    }

    private sealed class SynchronousProgress(List<EmbeddingProgress> seen, Action<EmbeddingProgress>? then = null) : IProgress<EmbeddingProgress>
    {
        public void Report(EmbeddingProgress value)
        {
            lock (seen)
            {
                seen.Add(value);
            }

            then?.Invoke(value);
        }
    }
}
