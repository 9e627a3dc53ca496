using ExpertNetwork.Experts;

namespace ExpertNetwork.Matching;

/// <summary>The per-pair features, in vector order. Names are the contract between a saved model and this code.</summary>
public static class PairFeatures
{
    public const string EmbeddingMax = "emb_max";
    public const string EmbeddingMean = "emb_mean";
    public const string EmbeddingTop3 = "emb_top3";
    public const string EmbeddingZ = "emb_zmax_zmean";
    public const string EmbeddingCentroid = "emb_centroid";
    public const string EmbeddingProfile = "emb_profile";
    public const string TfIdfMax = "tfidf_max";
    public const string TfIdfMean = "tfidf_mean";
    public const string TfIdfTop3 = "tfidf_top3";
    public const string TfIdfCentroid = "tfidf_centroid";
    public const string TfIdfProfile = "tfidf_profile";
    public const string Bm25Title = "bm25_title";
    public const string Bm25Abstract = "bm25_abstract";
    public const string Bm25Keywords = "bm25_keywords";
    public const string Bm25Profile = "bm25_profile";
    public const string KeywordMatch = "keyword_match";
    public const string FieldAgreement = "field_agreement";
    public const string FieldAgreementInferred = "field_agreement_inferred";
    public const string FieldsDeclared = "fields_declared";
    public const string Recency = "recency";
    public const string PublicationCount = "publications";
    public const string HIndex = "h_index";
    public const string Degree = "degree";
    public const string LocationFit = "location_fit";
    public const string LanguageFit = "language_fit";
    public const string EngagementFit = "engagement_fit";

    /// <summary>1 when the expert is in the need's main field, 0 when not, missing when either side's fields are unknown.</summary>
    public const string InField = "in_field";

    /// <summary>The need's, the same for every expert: see <see cref="Matching.NeedCoverage"/>. No model learns from it.</summary>
    public const string NeedCoverage = "need_coverage";

    /// <summary>Factors labelled as field agreement; they never count against an expert who is in the need's field.</summary>
    public static readonly IReadOnlyList<string> FieldFactors = [FieldAgreement, FieldAgreementInferred];

    public static readonly IReadOnlyList<string> All =
    [
        EmbeddingMax, EmbeddingMean, EmbeddingTop3, EmbeddingZ, EmbeddingCentroid, EmbeddingProfile,
        TfIdfMax, TfIdfMean, TfIdfTop3, TfIdfCentroid, TfIdfProfile,
        Bm25Title, Bm25Abstract, Bm25Keywords, Bm25Profile,
        KeywordMatch, FieldAgreement, FieldAgreementInferred, FieldsDeclared, Recency, PublicationCount, HIndex, Degree,
        LocationFit, LanguageFit, EngagementFit, InField, NeedCoverage,
    ];

    /// <summary>
    /// What the trained trees see by default: the profile and fit features the blend can only
    /// guess at. Publication-text similarity enters through the blend prior alone: on LR-bench
    /// trees over it fitted noise (cross-validated loss 0.21–0.25 against 0.19 for the prior), and
    /// the demo directory's generated abstracts would teach them the generator's habits.
    /// </summary>
    public static readonly IReadOnlyList<string> TreeDefaults =
    [
        EmbeddingProfile, TfIdfProfile, Bm25Keywords, Bm25Profile, FieldAgreement, FieldsDeclared,
        Recency, HIndex, Degree, LocationFit, LanguageFit, EngagementFit,
    ];

    private static readonly Dictionary<string, int> Positions = All.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i);

    public static int Index(string name) => Positions.TryGetValue(name, out var i) ? i : -1;

    public static string Describe(string name) => name switch
    {
        EmbeddingMax => "closest publication (meaning)",
        EmbeddingMean => "publications overall (meaning)",
        EmbeddingTop3 => "three closest publications (meaning)",
        EmbeddingZ => "closest and overall publications (meaning)",
        EmbeddingCentroid => "publications' centre (meaning)",
        EmbeddingProfile => "profile text (meaning)",
        TfIdfMax => "closest publication (words)",
        TfIdfMean => "publications overall (words)",
        TfIdfTop3 => "three closest publications (words)",
        TfIdfCentroid => "publications' centre (words)",
        TfIdfProfile => "profile and keywords (words)",
        Bm25Title => "words in publication titles",
        Bm25Abstract => "words in abstracts",
        Bm25Keywords => "words in keywords",
        Bm25Profile => "words in headline and bio",
        KeywordMatch => "requested skills found",
        FieldAgreement => "same field",
        FieldAgreementInferred => "probably the same field",
        FieldsDeclared => "fields known rather than guessed",
        Recency => "recent relevant work",
        PublicationCount => "number of publications",
        HIndex => "h-index",
        Degree => "degree",
        LocationFit => "location",
        LanguageFit => "languages",
        EngagementFit => "willing to engage this way",
        InField => "in the need's main field",
        NeedCoverage => "need's subject in the directory",
        _ => name,
    };
}

/// <summary>A global scale for pooled embedding cosines, fixed at training time and shared by every need.</summary>
public sealed record EmbeddingScale(double MaxMean, double MaxStd, double MeanMean, double MeanStd)
{
    /// <summary>MiniLM cosines of abstract-length texts, measured over LR-bench pairs; used until a trained model brings its own.</summary>
    public static readonly EmbeddingScale Default = new(0.55, 0.12, 0.35, 0.10);

    public double Z(double max, double mean) => (max - MaxMean) / MaxStd + (mean - MeanMean) / MeanStd;
}

/// <summary>What the lexical half of a pair's features found: each publication's word similarity and the skills matched.</summary>
public sealed record LexicalDetail(double[] Similarity, List<string> Matched);

/// <summary>What a pair's features were computed from, kept for the explanation.</summary>
public sealed record PairDetail(double[] PublicationSimilarity, bool SimilarityIsSemantic, IReadOnlyList<string> MatchedSkills, bool Embedded);

/// <summary>
/// Computes <see cref="PairFeatures"/> for (need, expert). A feature with nothing to go on is NaN:
/// LightGBM treats it as missing and the blend as neutral, so a profile without embeddings yet
/// is still matched on everything else.
/// </summary>
public sealed class FeatureExtractor(TermStatistics statistics, EmbeddingStore? embeddings, EmbeddingScale scale, int referenceYear)
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private const double RecencyYears = 8;

    public TermStatistics Statistics => statistics;

    public EmbeddingScale Scale => scale;

    public float[] Compute(NeedContext need, ExpertEvidence expert, out PairDetail detail)
    {
        var row = Lexical(need, expert, out var lexical);
        detail = Semantic(need, expert, row, lexical);
        return row;
    }

    /// <summary>
    /// Every feature that does not need the need's vector; the rest are NaN until <see cref="Semantic"/>. Split so a
    /// match can compute these while the need is still being embedded.
    /// </summary>
    public float[] Lexical(NeedContext need, ExpertEvidence expert, out LexicalDetail detail)
    {
        var f = new float[PairFeatures.All.Count];
        Array.Fill(f, float.NaN);
        var publications = expert.Publications;

        var lexical = new double[publications.Length];
        for (var i = 0; i < publications.Length; i++)
        {
            lexical[i] = publications[i].Vector.Dot(need, expert.Terms);
        }

        if (publications.Length > 0)
        {
            Set(f, PairFeatures.TfIdfMax, lexical.Max());
            Set(f, PairFeatures.TfIdfMean, lexical.Average());
            Set(f, PairFeatures.TfIdfTop3, TopMean(lexical, 3));
            Set(f, PairFeatures.TfIdfCentroid, expert.CentroidDot(lexical));
        }

        // An empty profile holds none of the need's words: 0, not "unknown". As a missing value it told the
        // trees which source a pair came from (LR-bench profiles have no text, demo ones always do), and
        // they learnt the sources' different grade levels from it instead of anything about the need.
        Set(f, PairFeatures.TfIdfProfile, expert.Profile.Dot(need, expert.Terms));

        var bm25 = Bm25(need, expert.Terms);
        Set(f, PairFeatures.Bm25Title, bm25[(int)LexicalField.Title]);
        Set(f, PairFeatures.Bm25Abstract, bm25[(int)LexicalField.Abstract]);
        Set(f, PairFeatures.Bm25Keywords, bm25[(int)LexicalField.Keywords]);
        Set(f, PairFeatures.Bm25Profile, bm25[(int)LexicalField.Profile]);

        var matched = need.Skills.Where(s => s.Terms.All(t => expert.Terms.Holds(t, need.AccentsOf(t)))).Select(s => s.Label).ToList();
        if (need.Skills.Length > 0)
        {
            Set(f, PairFeatures.KeywordMatch, (double)matched.Count / need.Skills.Length);
        }

        foreach (var keyword in expert.Expert.Keywords)
        {
            var terms = MatchText.Terms(keyword);
            if (terms.Count > 0 && terms.All(need.Vector.ContainsKey) && !matched.Any(m => m.Contains(keyword, StringComparison.OrdinalIgnoreCase)))
            {
                matched.Add(keyword);
            }
        }

        // Declared fields agree exactly or not at all; a classifier's guess is soft and, on text
        // from a single field, nearly constant. Kept apart so a model trained where fields are
        // stated does not read noise into guesses.
        if (need.Fields is { } needFields && expert.Fields is { } expertFields)
        {
            var agreement = VectorMath.Cosine(needFields, expertFields);
            Set(f, need.FieldsKnown && !expert.FieldsInferred ? PairFeatures.FieldAgreement : PairFeatures.FieldAgreementInferred, agreement);
        }

        if (need.Fields is { } main && expert.Fields is { } own)
        {
            var top = Array.IndexOf(main, main.Max());
            Set(f, PairFeatures.InField, own[top] >= (expert.FieldsInferred ? 0.3f : 1e-6f) ? 1 : 0);
        }

        Set(f, PairFeatures.FieldsDeclared, ((need.FieldsKnown ? 1 : 0) + (expert.FieldsInferred ? 0 : 1)) / 2.0);

        Set(f, PairFeatures.PublicationCount, Math.Log(1 + publications.Length));
        if (expert.Expert.HIndex is { } h)
        {
            Set(f, PairFeatures.HIndex, Math.Log(1 + h));
        }

        Set(f, PairFeatures.Degree, DegreeLevel(expert.Expert.Degree));
        Set(f, PairFeatures.LocationFit, LocationFit(need.Need.Location, Geography.Classify(expert.Expert)));
        Set(f, PairFeatures.LanguageFit, Coverage(need.Need.Languages, expert.Expert.Languages));
        Set(f, PairFeatures.EngagementFit, Coverage(WantedEngagement(need), expert.Expert.Engagement));
        Set(f, PairFeatures.NeedCoverage, need.Coverage);

        detail = new LexicalDetail(lexical, matched);
        return f;
    }

    /// <summary>Adds the features that compare the need's vector with the expert's, and recency, which looks at the closest work by meaning when every publication has a vector.</summary>
    public PairDetail Semantic(NeedContext need, ExpertEvidence expert, float[] f, LexicalDetail lexical)
    {
        var publications = expert.Publications;
        double[]? semantic = null;
        var embedded = 0;
        if (need.Embedding is { } needVector && embeddings is not null && publications.Length > 0)
        {
            var values = new List<double>(publications.Length);
            var centroid = new float[needVector.Length];
            foreach (var publication in publications)
            {
                if (embeddings.Get(publication.Key) is { } vector)
                {
                    values.Add(VectorMath.Dot(needVector, vector));
                    VectorMath.Add(centroid, vector);
                    embedded++;
                }
            }

            if (embedded == publications.Length)
            {
                semantic = values.ToArray();
            }

            if (values.Count > 0)
            {
                var max = values.Max();
                var mean = values.Average();
                Set(f, PairFeatures.EmbeddingMax, max);
                Set(f, PairFeatures.EmbeddingMean, mean);
                Set(f, PairFeatures.EmbeddingTop3, TopMean(values, 3));
                Set(f, PairFeatures.EmbeddingZ, scale.Z(max, mean));
                Set(f, PairFeatures.EmbeddingCentroid, VectorMath.Cosine(needVector, centroid));
            }

            if (expert.ProfileKey is { } profileKey && embeddings.Get(profileKey) is { } profileVector)
            {
                Set(f, PairFeatures.EmbeddingProfile, VectorMath.Dot(needVector, profileVector));
            }
        }

        var similarity = semantic ?? lexical.Similarity;
        Set(f, PairFeatures.Recency, Recency(publications, similarity));
        return new PairDetail(similarity, semantic is not null, lexical.Matched, embedded == publications.Length && publications.Length > 0);
    }

    /// <summary>How a need's kind turns into engagement when it names none: speakers speak, talent calls bring people back.</summary>
    public static IReadOnlyList<string> WantedEngagement(NeedContext need) =>
        need.Need.Engagement.Count > 0
            ? need.Need.Engagement
            : need.Kind switch
            {
                "speaker" => ["speaking"],
                "talent" => ["returning", "visiting", "teaching"],
                _ => ["advisory", "remote", "visiting"],
            };

    /// <summary>The BM25-like score of each <see cref="LexicalField"/>, each need term looked up once for all four.</summary>
    private double[] Bm25(NeedContext need, ProfileTerms terms)
    {
        var scores = new double[LexicalFields.Count];
        if (need.QueryTerms.Length == 0)
        {
            Array.Fill(scores, double.NaN);
            return scores;
        }

        var norms = new double[LexicalFields.Count];
        for (var field = 0; field < norms.Length; field++)
        {
            norms[field] = K1 * (1 - B + B * terms.Length((LexicalField)field) / statistics.AverageLength((LexicalField)field));
        }

        double ceiling = 0;
        foreach (var (term, idf) in need.QueryTerms)
        {
            ceiling += idf * (K1 + 1);
            var index = terms.Find(term);
            if (index < 0 || !terms.Admits(index, need.AccentsOf(term)))
            {
                continue;
            }

            for (var field = 0; field < scores.Length; field++)
            {
                var tf = terms.Count(index, (LexicalField)field);
                if (tf > 0)
                {
                    scores[field] += idf * tf * (K1 + 1) / (tf + norms[field]);
                }
            }
        }

        // Divided by what a document holding every term many times would score, so a long need does not outscore a
        // short one and the value means the same for every need. A field with no text holds none of the need's words:
        // 0, not "unknown" (see the profile cosine above).
        for (var field = 0; field < scores.Length; field++)
        {
            scores[field] /= ceiling;
        }

        return scores;
    }

    /// <summary>Only work that shares something with the need counts: how recent unrelated papers are says nothing about this need.</summary>
    private double Recency(PublicationEvidence[] publications, double[] similarity)
    {
        var dated = publications.Select((p, i) => (p.Publication.Year, Similarity: similarity[i]))
            .Where(p => p.Year is not null && p.Similarity > 0)
            .OrderByDescending(p => p.Similarity)
            .Take(3)
            .ToArray();
        return dated.Length == 0
            ? double.NaN
            : dated.Average(p => Math.Exp(-Math.Max(0, referenceYear - p.Year!.Value) / RecencyYears));
    }

    private static double TopMean(IReadOnlyList<double> values, int count) =>
        values.OrderDescending().Take(count).Average();

    private static double DegreeLevel(string? degree) => degree switch
    {
        "bachelor" => 1,
        "engineer" => 1.5,
        "master" => 2,
        "phd" => 3,
        "dsc" => 4,
        _ => double.NaN,
    };

    private static double LocationFit(string? wanted, LocationClass actual) => (wanted, actual) switch
    {
        (null or "any", _) => 1,
        (_, LocationClass.Unknown) => 0.5,
        ("province", LocationClass.Province) => 1,
        ("vietnam", LocationClass.Province or LocationClass.Vietnam) => 1,
        ("abroad", LocationClass.Abroad) => 1,
        _ => 0,
    };

    private static double Coverage(IReadOnlyList<string> wanted, IReadOnlyList<string> offered)
    {
        if (wanted.Count == 0)
        {
            return 1;
        }

        return offered.Count == 0 ? 0.5 : (double)wanted.Count(offered.Contains) / wanted.Count;
    }

    private static void Set(float[] features, string name, double value) => features[PairFeatures.Index(name)] = (float)value;
}
