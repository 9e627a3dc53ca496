using ExpertNetwork.Demo;
using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Needs;
using ExpertNetwork.Tests.Support;

namespace ExpertNetwork.Tests.Matching;

public class CandidateTests
{
    private static Expert PapersOnly(string id, string title, string summary) => new()
    {
        Id = id,
        FullName = "Reviewer " + id,
        Publications = [new Publication { Title = title, Abstract = summary }],
    };

    private static readonly Need Compression = new()
    {
        Id = "n",
        Title = "Lossless medical image compression with latent variables",
        Description = "Autoregressive models of sub-images suffer posterior collapse; we want a latent variable model for lossless compression of CT scans.",
    };

    [Fact]
    public void A_profile_described_only_by_its_papers_is_a_candidate_among_thousands_with_keywords()
    {
        var experts = DemoDirectory.Generate(3000).ToList();
        experts.Add(PapersOnly("r1", "LVPNet: latent-variable prediction for lossless compression of medical images",
            "Posterior collapse and inefficient use of latent variables in autoregressive sub-image models; global latent variables predict pixel values."));

        var index = CandidateIndex.Build(experts);

        Assert.Equal("r1", index.Top(Compression, 10)[0]);
    }

    [Fact]
    public void Changed_unlisted_and_removed_profiles_are_found_by_what_they_say_now()
    {
        var experts = Enumerable.Range(0, 40).Select(i => PapersOnly($"e{i}", $"Rice paddy irrigation scheduling {i}", "Water use in the Mekong delta.")).ToList();
        experts.Add(PapersOnly("moved", "Lossless image compression", "Latent variable models for medical images."));
        var index = CandidateIndex.Build(experts);
        Assert.Contains("moved", index.Top(Compression, 5));

        // Enough replacements that dead slots pass a quarter of all and the postings are compacted.
        for (var round = 0; round < 20; round++)
        {
            index.AddOrReplace([PapersOnly("moved", "Coral reef survey methods", $"Transects around Hoàng Sa, round {round}.")]);
        }

        index.AddOrReplace([experts[0] with { Consent = new Consent(Listed: false, Contact: false) }]);
        index.Remove("e1");

        Assert.DoesNotContain("moved", index.Top(Compression, 50));
        Assert.Equal("moved", index.Top(new Need { Id = "r", Description = "coral reef transect survey" }, 5)[0]);
        var irrigation = index.Top(new Need { Id = "i", Description = "paddy irrigation scheduling" }, 100);
        Assert.DoesNotContain("e0", irrigation);
        Assert.DoesNotContain("e1", irrigation);
        Assert.Equal(38, irrigation.Count);
        Assert.Equal(39, index.Count);
    }

    [Fact]
    public async Task The_start_up_read_of_the_store_waits_while_requests_are_in_flight_and_then_reads_everything()
    {
        using var test = await TestStore.CreateAsync();
        await using (var session = await test.Store.BeginWriteAsync("test"))
        {
            for (var i = 0; i < 2 * DirectoryCandidates.ProfilesBetweenYields; i++)
            {
                await session.SaveAsync(PapersOnly($"e{i}", $"Rice paddy irrigation scheduling {i}", "Water use in the Mekong delta."));
            }

            await session.SaveAsync(PapersOnly("last", "Lossless image compression", "Latent variable models for medical images."));
            await session.CommitAsync();
        }

        var foreground = new ForegroundActivity();
        foreground.Enter();
        var loading = DirectoryCandidates.LoadAsync(test.Store, null, CancellationToken.None, foreground);

        // Each wait lasts until the request ends or, under requests that never stop, MaxYield: two of them lie ahead.
        await Task.Delay(ForegroundActivity.MaxYield / 2);
        Assert.False(loading.IsCompleted, "the read went on while a request was in flight");
        foreground.Exit();
        var candidates = await loading.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("last", Assert.Single(candidates.Top(Compression, null, 10)));
    }

    [Fact]
    public async Task The_app_candidates_take_in_profiles_stored_after_they_were_read()
    {
        using var test = await TestStore.CreateAsync();
        await test.Store.SaveAsync(PapersOnly("a", "Rice paddy irrigation", "Water use in the Mekong delta."), "test");
        var candidates = await DirectoryCandidates.LoadAsync(test.Store, null, CancellationToken.None);
        Assert.Empty(candidates.Top(Compression, null, 10));

        await test.Store.SaveAsync(PapersOnly("b", "Lossless image compression", "Latent variable models for medical images."), "test");
        var matched = await candidates.Source(test.Store)(Compression, Task.FromResult<float[]?>(null), 10, CancellationToken.None).ByWords;
        Assert.Equal("b", Assert.Single(matched).Id);

        await test.Store.SaveAsync(PapersOnly("a", "Medical image compression", "Lossless coding of CT scans."), "test");
        await candidates.FollowAsync(test.Store, CancellationToken.None);

        Assert.Equal(["a", "b"], candidates.Top(Compression, null, 10).Order(StringComparer.Ordinal).ToArray());

        await test.Store.DeleteAsync("b", "test");
        await candidates.FollowAsync(test.Store, CancellationToken.None);

        Assert.Equal(["a"], candidates.Top(Compression, null, 10));
    }

    /// <summary>
    /// A need whose words only "lexical" shares and whose stored vector only "close" is near ("far" points elsewhere).
    /// </summary>
    private static (EmbeddingStore Store, Need Need, float[] Direction, Expert[] Experts) WordsAndMeaning()
    {
        var store = EmbeddingStore.InMemory();
        var need = new Need { Id = "n", Description = "xyzzy plugh" };
        var close = PapersOnly("close", "Quantum error correction", "Surface codes.");
        var far = PapersOnly("far", "Soil salinity", "Mekong delta.");
        var lexical = PapersOnly("lexical", "Xyzzy plugh", "Plugh xyzzy.");
        var direction = Unit(1);
        store.Add([
            (TextKey.Of(NeedContext.EmbeddingText(need)), direction),
            (TextKey.Of(ExpertEvidence.PublicationEmbeddingText(close.Publications[0])), Blend(direction, Unit(2), 0.9f)),
            (TextKey.Of(ExpertEvidence.PublicationEmbeddingText(far.Publications[0])), Unit(3)),
        ]);
        var experts = new[] { close, far, lexical };
        return (store, need, direction, experts);
    }

    [Fact]
    public void Nearest_by_vector_join_the_lexical_candidates_and_find_who_shares_no_word_with_the_need()
    {
        var (store, need, direction, experts) = WordsAndMeaning();
        var candidates = new DirectoryCandidates(CandidateIndex.Build(experts), store);
        Assert.Equal(["lexical"], candidates.Top(need, direction, 2));

        candidates.RefreshVectors(experts);

        Assert.Equal(2, candidates.Vectors.Count);
        Assert.Equal(["lexical", "close"], candidates.Top(need, direction, 2));
    }

    [Fact]
    public async Task A_match_ranks_the_word_candidates_and_those_found_later_by_vector_as_the_matcher_ranks_them_all_at_once()
    {
        var (store, need, direction, experts) = WordsAndMeaning();
        var (close, far, lexical) = (experts[0], experts[1], experts[2]);
        var candidates = new DirectoryCandidates(CandidateIndex.Build(experts), store);
        candidates.RefreshVectors(experts);
        var source = candidates.Source(experts.ToDictionary(e => e.Id));
        var model = MatchModels.Fallback(experts);
        using var embedder = new MiniLmEmbedder();
        using var engine = new MatchingEngine(model, store, embedder, 2026);
        engine.DirectoryAnalysed(TermStatistics.Build(experts));

        var pool = source(need, Task.FromResult<float[]?>(direction), 2, CancellationToken.None);
        Assert.Equal(["lexical"], (await pool.ByWords).Select(e => e.Id));
        Assert.Equal(["close"], (await pool.ByMeaning).Select(e => e.Id));

        var outcome = await engine.MatchAsync(need, source, 3);
        var matcher = new Matcher(model, TermStatistics.Build(experts), store, needEmbedder: null, referenceYear: 2026);
        var atOnce = matcher.Rank(matcher.Prepare(need, NeedContext.VectorOf(need, store, embedder: null)), [lexical, close, far], 3);

        Assert.Equal(0, embedder.TextsEmbedded);
        Assert.Equal(3, outcome.Candidates);
        Assert.Equal(atOnce.Select(r => (r.ExpertId, r.Score)), outcome.Results.Select(r => (r.ExpertId, r.Score)));
        Assert.True(outcome.Results.Single(r => r.ExpertId == "close").Explanation.Embedded);
    }

    [Fact]
    public async Task A_match_embeds_an_unstored_need_once_for_both_the_candidates_and_the_re_ranker()
    {
        var store = EmbeddingStore.InMemory();
        var experts = Enumerable.Range(0, 30)
            .Select(i => PapersOnly($"e{i}", $"Lossless image compression, study {i}", "Latent variable models for medical images."))
            .ToList();
        store.Add(experts.Select((e, i) => (TextKey.Of(ExpertEvidence.PublicationEmbeddingText(e.Publications[0])), Unit(10 + i))).ToList());
        var candidates = new DirectoryCandidates(CandidateIndex.Build(experts), store);
        candidates.RefreshVectors(experts);
        using var embedder = new MiniLmEmbedder();
        using var engine = new MatchingEngine(MatchModels.Fallback(experts), store, embedder, 2026);
        var source = candidates.Source(experts.ToDictionary(e => e.Id));

        var outcome = await engine.MatchAsync(Compression, source, 5);

        Assert.Equal(1, embedder.TextsEmbedded);
        Assert.True(outcome.Candidates > 0);
        Assert.True(outcome.Results[0].Explanation.Embedded);
        Assert.Equal(experts.Count, candidates.Vectors.Count);
    }

    [Fact]
    public async Task Following_the_store_reads_only_the_changed_profiles_and_gives_newly_embedded_experts_their_vectors()
    {
        using var test = await TestStore.CreateAsync();
        var store = EmbeddingStore.InMemory();
        await using (var session = await test.Store.BeginWriteAsync("test"))
        {
            for (var i = 0; i < 200; i++)
            {
                await session.SaveAsync(PapersOnly($"e{i}", $"Rice paddy irrigation scheduling {i}", "Water use in the Mekong delta."));
            }

            await session.CommitAsync();
        }

        var candidates = await DirectoryCandidates.LoadAsync(test.Store, store, CancellationToken.None);
        Assert.Equal(200, candidates.ProfilesRead);
        Assert.Equal(0, candidates.Vectors.Count);

        // Another process embeds two profiles' texts and saves a new profile.
        var need = new Need { Id = "n", Description = "xyzzy plugh" };
        var direction = Unit(1);
        var embedded = await test.Store.GetManyAsync(["e7", "e8"]);
        store.Add([
            (TextKey.Of(ExpertEvidence.PublicationEmbeddingText(embedded[0].Expert.Publications[0])), Blend(direction, Unit(2), 0.9f)),
            (TextKey.Of(ExpertEvidence.PublicationEmbeddingText(embedded[1].Expert.Publications[0])), Unit(3)),
        ]);
        var added = PapersOnly("new", "Lossless image compression", "Latent variable models for medical images.");
        await test.Store.SaveAsync(added, "test");
        store.Add([(TextKey.Of(ExpertEvidence.PublicationEmbeddingText(added.Publications[0])), Unit(4))]);

        await candidates.FollowAsync(test.Store, CancellationToken.None);

        Assert.Equal(201, candidates.ProfilesRead);
        Assert.Equal(3, candidates.Vectors.Count);
        Assert.Equal(198, candidates.Vectors.Incomplete);
        Assert.Equal("e7", candidates.Vectors.Top(direction, 1)[0]);
        Assert.Equal("new", candidates.Top(Compression, null, 1)[0]);

        // An edit replaces the expert's own row; a deletion removes it; still only the changed profiles are read.
        await test.Store.SaveAsync(PapersOnly("e8", "Quantum error correction", "Surface codes."), "test");
        store.Add([(TextKey.Of("Quantum error correction. Surface codes."), direction)]);
        await test.Store.DeleteAsync("e7", "test");

        await candidates.FollowAsync(test.Store, CancellationToken.None);

        Assert.Equal(202, candidates.ProfilesRead);
        Assert.Equal(["e8", "new"], candidates.Vectors.Top(direction, 5));
        Assert.Contains("e8", candidates.Top(need, direction, 1));
    }

    [SkippableFact]
    public void Lr_bench_experts_graded_4_or_5_are_among_the_top_200_candidates_among_5000_demo_profiles()
    {
        var folder = LrBenchTests.Folder();
        Skip.If(folder is null, "LR-bench is not at ../shared/datasets/lr-bench beside the checkout");
        var set = MatchingData.Read(Path.Combine(folder!, "needs.jsonl"), Path.Combine(folder!, "qrels.tsv"));
        var experts = DemoDirectory.Generate(5000).Concat(MatchingData.ReadExperts(Path.Combine(folder!, "experts.jsonl"))).ToList();

        var index = CandidateIndex.Build(experts);

        var relevant = set.Judgments.Where(j => j.Grade >= 4).ToList();
        var found = relevant.Count(j => index.Top(set.Needs.Single(n => n.Id == j.NeedId), Matcher.DefaultCandidates).Contains(j.ExpertId));
        Assert.True(found >= 0.9 * relevant.Count, $"{found} of {relevant.Count}");
    }

    private static float[] Unit(int seed)
    {
        var random = new Random(seed);
        var vector = Enumerable.Range(0, MiniLmEmbedder.Dimensions).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return vector.Select(v => v / norm).ToArray();
    }

    private static float[] Blend(float[] a, float[] b, float share)
    {
        var mixed = a.Zip(b, (x, y) => share * x + (1 - share) * y).ToArray();
        var norm = MathF.Sqrt(mixed.Sum(v => v * v));
        return mixed.Select(v => v / norm).ToArray();
    }
}
