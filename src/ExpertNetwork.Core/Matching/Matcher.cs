using System.Collections.Concurrent;
using ExpertNetwork.Experts;
using ExpertNetwork.Needs;

namespace ExpertNetwork.Matching;

/// <summary>
/// Candidates for a need: the directory's own in the app and the CLI, the search index's top K until the directory is
/// read, a fixed list in tests and evaluation. <paramref name="needVector"/> completes with the need's embedding (null
/// when it has none); it is still being computed when this is called, so the candidates found by words come first.
/// </summary>
public delegate CandidatePool CandidateSource(Need need, Task<float[]?> needVector, int limit, CancellationToken cancellationToken);

/// <summary>
/// <see cref="ByWords"/>, best first, as soon as they are found; <see cref="ByMeaning"/>, the nearest by vector that words
/// missed, once the need's vector is there (empty where the source has no vectors).
/// </summary>
public sealed record CandidatePool(Task<IReadOnlyList<Expert>> ByWords, Task<IReadOnlyList<Expert>> ByMeaning)
{
    public static CandidatePool Of(IReadOnlyList<Expert> experts) => new(Task.FromResult(experts), Task.FromResult<IReadOnlyList<Expert>>([]));

    public static CandidatePool ByWordsOnly(Task<IReadOnlyList<Expert>> experts) => new(experts, Task.FromResult<IReadOnlyList<Expert>>([]));
}

public sealed record ClosePublication(string? Title, int? Year, string? Venue, double Similarity);

/// <summary>
/// Why an expert ranks where they do. On the logit scale, Baseline + the factors + Others = logit(Score):
/// the factors shown and the sum of the smaller ones not shown add up to the fit exactly.
/// </summary>
public sealed record MatchExplanation(
    IReadOnlyList<Factor> Factors,
    IReadOnlyList<string> MatchedSkills,
    IReadOnlyList<ClosePublication> Publications,
    IReadOnlyList<string> Fields,
    bool FieldsInferred,
    bool Embedded,
    double Baseline = 0,
    double Others = 0);

/// <summary>A ranked expert, carrying the profile it was ranked on so callers need not read the store again.</summary>
public sealed record MatchResult(Expert Expert, int Rank, double Score, MatchExplanation Explanation)
{
    public string ExpertId => Expert.Id;

    public string FullName => Expert.FullName;
}

/// <summary>
/// Re-ranks candidates for a need: features per pair, a fit score from the loaded model (or the
/// blend), and an explanation. The directory side is never embedded here: a profile whose
/// vectors are not in the store yet is scored on its other features.
/// </summary>
public sealed class Matcher(
    IFitModel model,
    TermStatistics statistics,
    EmbeddingStore? embeddings,
    MiniLmEmbedder? needEmbedder,
    int referenceYear,
    int evidenceCapacity = Matcher.DefaultEvidenceCapacity)
{
    public const int DefaultCandidates = 200;

    /// <summary>Profiles whose evidence stays cached: a training set or a long day's candidates, not a million profiles' vectors.</summary>
    public const int DefaultEvidenceCapacity = 50_000;

    private const int FactorsShown = 5;

    private readonly ConcurrentDictionary<string, CachedEvidence> _evidence = new(StringComparer.Ordinal);
    private readonly System.Threading.Lock _trimLock = new();
    private long _clock;
    private int _cached;
    private readonly FeatureExtractor _features = new(statistics, embeddings, model.Scale, referenceYear);

    public IFitModel Model => model;

    public TermStatistics Statistics => statistics;

    internal int CachedEvidenceCount => Volatile.Read(ref _cached);

    public ExpertEvidence Evidence(Expert expert)
    {
        var now = Interlocked.Increment(ref _clock);
        if (_evidence.TryGetValue(expert.Id, out var cached)
            && (ReferenceEquals(cached.Evidence.Expert, expert) || cached.Evidence.Expert.Equivalent(expert)))
        {
            cached.LastUsed = now;
            return cached.Evidence;
        }

        var built = new CachedEvidence(ExpertEvidence.Build(expert, statistics, model.Fields), now);
        if (!_evidence.TryAdd(expert.Id, built))
        {
            _evidence[expert.Id] = built;
        }
        else if (Interlocked.Increment(ref _cached) > evidenceCapacity)
        {
            Trim();
        }

        return built.Evidence;
    }

    /// <summary>Drops the least recently used quarter at once, so the sweep's sort is paid once per many inserts.</summary>
    private void Trim()
    {
        lock (_trimLock)
        {
            if (Volatile.Read(ref _cached) <= evidenceCapacity)
            {
                return;
            }

            // Other threads add while this runs (a match analyses its candidates in parallel): the sort works on a copy,
            // since sorting the live dictionary sizes its buffer before it reads the entries.
            var used = new List<(string Id, long LastUsed)>(evidenceCapacity + 64);
            foreach (var (id, cached) in _evidence)
            {
                used.Add((id, cached.LastUsed));
            }

            used.Sort((a, b) => b.LastUsed.CompareTo(a.LastUsed));
            for (var i = evidenceCapacity * 3 / 4; i < used.Count; i++)
            {
                if (_evidence.TryRemove(used[i].Id, out _))
                {
                    Interlocked.Decrement(ref _cached);
                }
            }
        }
    }

    /// <summary>The need side, with its vector from the store or embedded now (<see cref="NeedContext.VectorOf"/>).</summary>
    public NeedContext Prepare(Need need) => Prepare(need, NeedContext.VectorOf(need, embeddings, needEmbedder, statistics));

    /// <summary>The need side with a vector the caller already has (or null: scored without one).</summary>
    public NeedContext Prepare(Need need, float[]? vector) => NeedContext.Build(need, statistics, vector, model.Fields);

    /// <summary>Whether every text of the profile (publications and profile text) has a stored vector.</summary>
    public bool FullyEmbedded(Expert expert)
    {
        if (embeddings is null)
        {
            return false;
        }

        var evidence = Evidence(expert);
        return evidence.Publications.All(p => embeddings.Contains(p.Key)) && (evidence.ProfileKey is not { } key || embeddings.Contains(key));
    }

    public float[] Features(NeedContext need, Expert expert, out PairDetail detail) =>
        _features.Compute(need, Evidence(expert), out detail);

    /// <summary>Unlisted profiles and the need's exclusions are dropped before anything is scored.</summary>
    public IReadOnlyList<MatchResult> Rank(Need need, IReadOnlyList<Expert> candidates, int top = 20)
    {
        var context = Prepare(need);
        return Rank(context, candidates, top);
    }

    public IReadOnlyList<MatchResult> Rank(NeedContext need, IReadOnlyList<Expert> candidates, int top = 20) =>
        Complete(Begin(need, candidates), need, [], top);

    /// <summary>
    /// The half of a ranking that does not need the need's vector: the candidates' evidence and lexical features. A match
    /// runs it while the need is embedded on another thread, then <see cref="Complete"/>s it.
    /// </summary>
    public PendingRanking Begin(NeedContext need, IReadOnlyList<Expert> candidates)
    {
        var pending = new PendingRanking(new HashSet<string>(need.Need.Exclude, StringComparer.Ordinal));
        Add(pending, need, candidates);
        return pending;
    }

    /// <summary>
    /// Scores the pending candidates and <paramref name="more"/> (found by the need's vector) against
    /// <paramref name="need"/>, which now carries its vector if it has one, and explains the best <paramref name="top"/>.
    /// </summary>
    public IReadOnlyList<MatchResult> Complete(PendingRanking pending, NeedContext need, IReadOnlyList<Expert> more, int top)
    {
        Add(pending, need, more);
        var eligible = pending.Experts;
        var rows = pending.Rows;
        var details = new PairDetail[eligible.Count];
        for (var i = 0; i < eligible.Count; i++)
        {
            details[i] = _features.Semantic(need, pending.Evidence[i], rows[i], pending.Lexical[i]);
        }

        CoverByMeaning(need, rows);
        var scores = model.Score(rows);
        var order = Enumerable.Range(0, eligible.Count)
            .OrderByDescending(i => scores[i])
            .ThenBy(i => eligible[i].Id, StringComparer.Ordinal)
            .Take(top)
            .ToList();

        return order.Select((i, rank) => new MatchResult(
            eligible[i], rank + 1, Math.Clamp(scores[i], 0, 1), Explain(pending.Evidence[i], rows[i], details[i]))).ToList();
    }

    /// <summary>
    /// Sets an English need's coverage to what its words and its closest candidate publication say of it together
    /// (<see cref="NeedCoverage.WithMeaning"/>), the same for every candidate, so the ranking stays as it was.
    /// </summary>
    private static void CoverByMeaning(NeedContext need, List<float[]> rows)
    {
        if (need.Embedding is null || !need.CoverageByMeaning)
        {
            return;
        }

        var closest = PairFeatures.Index(PairFeatures.EmbeddingMax);
        var best = rows.Select(row => row[closest]).Where(value => !float.IsNaN(value)).DefaultIfEmpty(float.NaN).Max();
        var coverage = (float)NeedCoverage.WithMeaning(need.Coverage, best);
        var slot = PairFeatures.Index(PairFeatures.NeedCoverage);
        foreach (var row in rows)
        {
            row[slot] = coverage;
        }
    }

    /// <summary>Unlisted profiles, the need's exclusions and experts already pending are dropped before anything is computed.</summary>
    private void Add(PendingRanking pending, NeedContext need, IReadOnlyList<Expert> candidates)
    {
        var eligible = candidates.Where(e => e.Consent.Listed && !pending.Excluded.Contains(e.Id) && pending.Ids.Add(e.Id)).ToList();

        // Analysing a profile the first time it is a candidate is most of a cold query's cost, and each is independent.
        Parallel.ForEach(eligible.Where(e => !_evidence.ContainsKey(e.Id)), e => Evidence(e));
        foreach (var expert in eligible)
        {
            // Kept, so both halves of the features and the explanation read the same analysis even if the cache drops
            // or replaces it in between.
            var evidence = Evidence(expert);
            pending.Experts.Add(expert);
            pending.Evidence.Add(evidence);
            pending.Rows.Add(_features.Lexical(need, evidence, out var lexical));
            pending.Lexical.Add(lexical);
        }
    }

    /// <summary>Features of every judged pair whose expert is known, for training and evaluation.</summary>
    public List<TrainingPair> Pairs(LabelledSet set, IReadOnlyDictionary<string, Expert> experts)
    {
        var needs = set.Needs.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var pairs = new List<TrainingPair>();
        foreach (var group in set.Judgments.Where(j => needs.ContainsKey(j.NeedId) && experts.ContainsKey(j.ExpertId)).GroupBy(j => j.NeedId))
        {
            var context = Prepare(needs[group.Key]);
            foreach (var judgment in group)
            {
                var row = Features(context, experts[judgment.ExpertId], out _);
                pairs.Add(new TrainingPair(judgment.NeedId, judgment.ExpertId, judgment.Grade, (float)set.Relevance(judgment), row, Human: set.HumanJudged));
            }
        }

        return pairs;
    }

    private MatchExplanation Explain(ExpertEvidence evidence, float[] row, PairDetail detail)
    {
        var closest = detail.PublicationSimilarity
            .Select((similarity, i) => (Similarity: similarity, Publication: evidence.Publications[i].Publication))
            .Where(p => p.Similarity > 0)
            .OrderByDescending(p => p.Similarity)
            .Take(3)
            .Select(p => new ClosePublication(p.Publication.Title, p.Publication.Year, p.Publication.Venue, Math.Round(p.Similarity, 3)))
            .ToList();
        var fields = evidence.Fields is null
            ? []
            : Vocabulary.Fields.Where((_, i) => evidence.Fields[i] >= (evidence.FieldsInferred ? 0.3f : 1e-6f)).ToList();
        var why = model.Explain(row, FactorsShown);
        return new MatchExplanation(why.Factors, detail.MatchedSkills, closest, fields, evidence.FieldsInferred, detail.Embedded, why.Baseline, why.Others);
    }
}

/// <summary>A ranking begun without the need's vector (<see cref="Matcher.Begin"/>): who is a candidate, and their lexical features so far.</summary>
public sealed class PendingRanking(HashSet<string> excluded)
{
    internal HashSet<string> Excluded { get; } = excluded;

    internal HashSet<string> Ids { get; } = new(StringComparer.Ordinal);

    internal List<Expert> Experts { get; } = [];

    internal List<ExpertEvidence> Evidence { get; } = [];

    internal List<float[]> Rows { get; } = [];

    internal List<LexicalDetail> Lexical { get; } = [];
}

internal sealed class CachedEvidence(ExpertEvidence evidence, long lastUsed)
{
    private long _lastUsed = lastUsed;

    public ExpertEvidence Evidence { get; } = evidence;

    public long LastUsed
    {
        get => Volatile.Read(ref _lastUsed);
        set => Volatile.Write(ref _lastUsed, value);
    }
}
