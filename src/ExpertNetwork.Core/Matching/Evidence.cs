using ExpertNetwork.Experts;
using ExpertNetwork.Needs;

namespace ExpertNetwork.Matching;

/// <summary>What matching reads from one publication: its TF-IDF vector and the key of its embedding.</summary>
public sealed record PublicationEvidence(Publication Publication, ProfileVector Vector, TextKey Key);

/// <summary>
/// A sparse, unit-length TF-IDF vector over one profile's terms: each term as its place in the profile's
/// <see cref="ProfileTerms"/>, in ordinal order. Numbers rather than references to the term strings, because a match at
/// 100,000 profiles analyses hundreds it has not seen, and every byte kept of them is a byte the next garbage collection
/// copies while all matches wait.
/// </summary>
public readonly struct ProfileVector(int[] ranks, float[] weights)
{
    public static readonly ProfileVector Empty = new([], []);

    public int[] Ranks { get; } = ranks;

    public float[] Weights { get; } = weights;

    /// <summary>The dot product with a need's vector, summed in the vector's (ordinal) order; a term counts only where the profile writes it as the need does (<see cref="ProfileTerms.Admits"/>).</summary>
    public double Dot(NeedContext need, ProfileTerms terms)
    {
        double sum = 0;
        for (var i = 0; i < Ranks.Length; i++)
        {
            var term = terms.Term(Ranks[i]);
            if (need.Vector.TryGetValue(term, out var w) && terms.Admits(Ranks[i], need.AccentsOf(term)))
            {
                sum += w * Weights[i];
            }
        }

        return sum;
    }
}

/// <summary>
/// One expert analysed for matching. Built once per profile version and reused across needs, so a
/// query only pays for the need side and the dot products.
/// </summary>
public sealed class ExpertEvidence
{
    public required Expert Expert { get; init; }

    public required PublicationEvidence[] Publications { get; init; }

    /// <summary>
    /// The length of the sum of the publications' TF-IDF vectors. The unit vector in that direction is the researcher's
    /// centre of gravity, and its dot product with a need is the sum of the publications' own dot products over this
    /// length, so only the length is kept (<see cref="CentroidDot"/>).
    /// </summary>
    public required double CentroidLength { get; init; }

    /// <summary>Keywords, headline and bio as one TF-IDF vector.</summary>
    public required ProfileVector Profile { get; init; }

    public required TextKey? ProfileKey { get; init; }

    /// <summary>Every term of the profile and the publications with its counts per field: BM25 and skill matching read it.</summary>
    public required ProfileTerms Terms { get; init; }

    /// <summary>Probability of each field of <see cref="Vocabulary.Fields"/>; null when nothing says.</summary>
    public required float[]? Fields { get; init; }

    /// <summary>Whether <see cref="Fields"/> came from the classifier rather than the profile.</summary>
    public required bool FieldsInferred { get; init; }

    /// <summary>The centroid's dot product with a need, from the publications' dot products with it.</summary>
    public double CentroidDot(ReadOnlySpan<double> publicationDots)
    {
        if (CentroidLength == 0)
        {
            return 0;
        }

        double sum = 0;
        foreach (var dot in publicationDots)
        {
            sum += dot;
        }

        return sum / CentroidLength;
    }

    public static string PublicationText(Publication publication) =>
        string.Join(". ", new[] { publication.Title, publication.Abstract }.Where(s => !string.IsNullOrWhiteSpace(s)));

    /// <summary>
    /// The text embedded for a publication: its title and abstract, plus English glosses of the Vietnamese terms in a
    /// Vietnamese one. MiniLM reads too little of a Vietnamese text to tell its subject (ml-models/README.md, "Vietnamese
    /// meaning"); the glosses give it the field's English words, as they do for profiles. Plain ASCII text is not looked
    /// through, so an English publication keeps the key, and the vector, it always had.
    /// </summary>
    public static string PublicationEmbeddingText(Publication publication)
    {
        var text = PublicationText(publication);
        return System.Text.Ascii.IsValid(text) ? text : FieldLexicon.WithEnglishGlosses(text);
    }

    public static string ProfileText(Expert expert) =>
        string.Join(". ", new[] { expert.Headline, string.Join(", ", expert.Keywords), expert.Bio }.Where(s => !string.IsNullOrWhiteSpace(s)));

    /// <summary>The text the field classifier sees for an expert: what they say they do, then what they published.</summary>
    public static string ClassifierText(Expert expert) =>
        ProfileText(expert) + ". " + string.Join(". ", expert.Publications.Select(p => p.Title).Where(t => !string.IsNullOrWhiteSpace(t)));

    /// <summary>The text embedded for a profile: its own words plus English glosses of Vietnamese terms.</summary>
    public static string ProfileEmbeddingText(Expert expert) => FieldLexicon.WithEnglishGlosses(ProfileText(expert));

    public static ExpertEvidence Build(Expert expert, TermStatistics statistics, FieldClassifier? classifier)
    {
        var builder = new ProfileTerms.Builder();
        var accents = new List<uint>();
        List<string> Add(LexicalField field, string? text)
        {
            accents.Clear();
            var terms = MatchText.Terms(text, statistics, accents);
            builder.Add(field, terms, accents);
            return terms;
        }

        var titles = new List<string>[expert.Publications.Count];
        var summaries = new List<string>[expert.Publications.Count];
        for (var i = 0; i < titles.Length; i++)
        {
            titles[i] = Add(LexicalField.Title, expert.Publications[i].Title);
            summaries[i] = Add(LexicalField.Abstract, expert.Publications[i].Abstract);
        }

        var keywords = Add(LexicalField.Keywords, string.Join(" ; ", expert.Keywords));
        var profile = Add(LexicalField.Profile, ProfileText(expert));
        var terms = builder.Build();

        var vectors = new RankedVectors(builder, terms, statistics);
        var publications = new PublicationEvidence[titles.Length];
        for (var i = 0; i < publications.Length; i++)
        {
            var publication = expert.Publications[i];
            publications[i] = new PublicationEvidence(publication, vectors.From(titles[i], summaries[i], keep: true), TextKey.Of(PublicationEmbeddingText(publication)));
        }

        var profileText = ProfileEmbeddingText(expert);
        var declared = FieldClassifier.Uniform(expert.Fields);
        return new ExpertEvidence
        {
            Expert = expert,
            Publications = publications,
            Profile = vectors.From(keywords, profile, keep: false),
            CentroidLength = vectors.LengthOfKeptSum(),
            ProfileKey = string.IsNullOrWhiteSpace(profileText) ? null : TextKey.Of(profileText),
            Terms = terms,
            Fields = declared ?? classifier?.Predict(ClassifierText(expert)),
            FieldsInferred = declared is null,
        };
    }

    /// <summary>
    /// TF-IDF vectors over one profile's terms, as <see cref="TermVector.From"/> makes them, but keyed by each term's rank
    /// in the profile's ordinal order: sorting numbers instead of strings, and looking each term's idf up once a profile.
    /// </summary>
    private sealed class RankedVectors(ProfileTerms.Builder ranks, ProfileTerms terms, TermStatistics statistics)
    {
        private readonly int[] _counts = new int[terms.Distinct];
        private readonly double[] _idf = new double[terms.Distinct];
        private readonly bool[] _idfKnown = new bool[terms.Distinct];
        private readonly List<int> _seen = [];
        private readonly double[] _keptSum = new double[terms.Distinct];

        /// <summary>The vector of both lists' terms; <paramref name="keep"/> adds it to the sum <see cref="LengthOfKeptSum"/> measures.</summary>
        public ProfileVector From(List<string> first, List<string> second, bool keep)
        {
            _seen.Clear();
            Count(first);
            Count(second);
            if (_seen.Count == 0)
            {
                return ProfileVector.Empty;
            }

            _seen.Sort();
            var order = _seen.ToArray();
            var weights = new float[order.Length];
            double squares = 0;
            for (var i = 0; i < order.Length; i++)
            {
                var rank = order[i];
                weights[i] = (float)((1 + Math.Log(_counts[rank])) * Idf(rank));
                _counts[rank] = 0;
                squares += (double)weights[i] * weights[i];
            }

            var norm = (float)Math.Sqrt(squares);
            if (norm == 0)
            {
                return ProfileVector.Empty;
            }

            for (var i = 0; i < order.Length; i++)
            {
                weights[i] /= norm;
                if (keep)
                {
                    _keptSum[order[i]] += weights[i];
                }
            }

            return new ProfileVector(order, weights);
        }

        public double LengthOfKeptSum()
        {
            double squares = 0;
            foreach (var sum in _keptSum)
            {
                squares += sum * sum;
            }

            return Math.Sqrt(squares);
        }

        private void Count(List<string> list)
        {
            foreach (var term in list)
            {
                var rank = ranks.Rank(term);
                if (_counts[rank]++ == 0)
                {
                    _seen.Add(rank);
                }
            }
        }

        private double Idf(int rank)
        {
            if (!_idfKnown[rank])
            {
                _idf[rank] = statistics.Idf(terms.Term(rank));
                _idfKnown[rank] = true;
            }

            return _idf[rank];
        }
    }
}

/// <summary>The need side of matching, prepared once per query.</summary>
public sealed record NeedContext
{
    private const float ConfidentField = 0.3f;

    public required Need Need { get; init; }

    /// <summary>The need's kind, "project" when it does not say.</summary>
    public required string Kind { get; init; }

    public required Dictionary<string, float> Vector { get; init; }

    /// <summary>How the need wrote each term it writes only with diacritics (<see cref="AccentMarks"/>).</summary>
    public required IReadOnlyDictionary<string, uint> Accents { get; init; }

    /// <summary>The need's <see cref="AccentMarks"/> for a term; 0 (any spelling) for one it also writes without diacritics or does not hold.</summary>
    public uint AccentsOf(string term) => Accents.Count == 0 ? 0 : Accents.GetValueOrDefault(term);

    /// <summary>Distinct need terms with their idf, heaviest first.</summary>
    public required (string Term, double Idf)[] QueryTerms { get; init; }

    public required float[]? Embedding { get; init; }

    public required float[]? Fields { get; init; }

    /// <summary>Whether the need's fields are known: stated, or inferred with confidence.</summary>
    public required bool FieldsKnown { get; init; }

    /// <summary>Skills the need asks for: its keywords and the glossary terms in its text.</summary>
    public required (string Label, string[] Terms)[] Skills { get; init; }

    /// <summary>How much of the need the directory's words cover (<see cref="NeedCoverage"/>).</summary>
    public required double Coverage { get; init; }

    /// <summary>
    /// Whether the need has words the directory never writes and is a need its vector may judge
    /// (<see cref="NeedCoverage.ReadByMeaning"/>, <see cref="NeedCoverage.WithMeaning"/>).
    /// </summary>
    public required bool CoverageByMeaning { get; init; }

    /// <summary>
    /// The text to embed for a need: title, description, keywords, what a short need's acronyms stand for
    /// (<see cref="SkillConcepts.SpelledOut"/>) and English glosses of Vietnamese terms.
    /// </summary>
    public static string EmbeddingText(Need need) => EmbeddingText(need, null);

    /// <summary>
    /// The same, with a Vietnamese need typed without diacritics read back into the directory's spellings first: MiniLM
    /// reads folded Vietnamese even less than written Vietnamese, and takes the language's offset off only where it sees
    /// Vietnamese letters (<see cref="VietnameseShift"/>). Its words and coverage stay as typed.
    /// </summary>
    public static string EmbeddingText(Need need, TermStatistics? statistics)
    {
        var text = SkillConcepts.WithAcronymsSpelledOut(need.TextWithKeywords, statistics is null ? null : statistics.Holds);

        if (statistics is not null && NeedCoverage.ReadsAsVietnamese(text, statistics))
        {
            text = statistics.Vietnamese.Restore(text);
        }

        return FieldLexicon.WithEnglishGlosses(text);
    }

    /// <summary>
    /// The need's vector: the stored one when the need was embedded before, else embedded now. Without a store there is
    /// nothing to compare it with, so it is not embedded. A match asks this once and hands the vector to both the
    /// candidates and the re-ranker: embedding a need is most of an uncached match's cost.
    /// </summary>
    public static float[]? VectorOf(Need need, EmbeddingStore? store, MiniLmEmbedder? embedder, TermStatistics? statistics = null)
    {
        var text = EmbeddingText(need, statistics);
        if (store is null || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (store.Get(TextKey.Of(text)) is { } stored)
        {
            return stored.Select(h => (float)h).ToArray();
        }

        return embedder?.Embed(text);
    }

    public static NeedContext Build(Need need, TermStatistics statistics, float[]? embedding, FieldClassifier? classifier)
    {
        var written = need.TextWithKeywords;
        var text = SkillConcepts.WithAcronymsSpelledOut(written, statistics.Holds);
        var glossed = FieldLexicon.WithEnglishGlosses(text);
        var marks = new List<uint>();
        var terms = MatchText.Terms(glossed, null, marks);
        var accents = new Dictionary<string, uint>(StringComparer.Ordinal);
        for (var i = 0; i < terms.Count; i++)
        {
            accents[terms[i]] = accents.GetValueOrDefault(terms[i]) | marks[i];
        }

        // A term the need also writes without diacritics matches any spelling, as a term it does not hold does.
        foreach (var (term, mark) in accents)
        {
            if (AccentMarks.AnySpelling(mark))
            {
                accents.Remove(term);
            }
        }

        var skills = need.Keywords.Select(k => (Label: k, Terms: MatchText.Terms(k).ToArray()))
            .Concat(FieldLexicon.Find(need.Text).Select(t => (Label: t.English == t.Vietnamese ? t.English : $"{t.English} ({t.Vietnamese})", Terms: MatchText.Terms(t.English).ToArray())))
            .Where(s => s.Terms.Length > 0)
            .DistinctBy(s => string.Join(' ', s.Terms))
            .ToArray();

        // A need typed as free text rarely states its fields. When the classifier is sure, its tags
        // stand in for stated ones, so the need is judged like one that stated them instead of
        // like one about which nothing is known.
        var fields = FieldClassifier.Uniform(need.Fields);
        var known = fields is not null;
        if (fields is null && classifier is not null)
        {
            var predicted = classifier.Predict(text);
            known = predicted.Max() >= ConfidentField;
            fields = known ? FieldClassifier.Uniform(classifier.Tag(text, ConfidentField)) : predicted;
        }

        // Judged as written: a spelled-out acronym's words ("unmanned aerial vehicle") may be ones the directory never
        // writes where it writes the acronym ("UAV"), and the acronym counts as known either way.
        var coverage = NeedCoverage.Of(ReferenceEquals(text, written) ? glossed : FieldLexicon.WithEnglishGlosses(written), statistics);
        return new NeedContext
        {
            Need = need,
            Kind = need.Kind ?? "project",
            Vector = TermVector.From(terms, statistics).ToDictionary(),
            Accents = accents,
            QueryTerms = terms.Distinct(StringComparer.Ordinal).Select(t => (t, statistics.Idf(t))).OrderByDescending(t => t.Item2).Take(64).ToArray(),
            Embedding = embedding,
            Fields = fields,
            FieldsKnown = known,
            Skills = skills,
            Coverage = coverage,
            CoverageByMeaning = coverage < 1 && NeedCoverage.ReadByMeaning(written, statistics),
        };
    }
}
