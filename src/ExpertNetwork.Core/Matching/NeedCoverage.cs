using System.Text;

namespace ExpertNetwork.Matching;

/// <summary>
/// How much of a need the directory can speak to: the idf-weighted share of the need's words that some profile or
/// publication in the directory uses. A word written with diacritics counts only if the directory has it with the same
/// ones ("nấu phở" is not "quang phổ"), and fully only where it makes a two-word phrase the directory uses with a
/// neighbour ("bán đất" is not "bán dẫn"); a word nobody uses weighs as much as a word can.
/// <para>
/// The calibrated fit says how likely an expert is to know a need well, and it was fitted on needs that are all about
/// something the experts work on. A need in words the directory never uses ("bánh mì", "football transfer news") lies
/// outside that, and without this term its fit would be read off profiles that only share a folded syllable or a
/// vague nearness in meaning. Below <see cref="Enough"/> the fit's logit is lowered by up to <see cref="MostPenalty"/>,
/// the same for every expert of the need, so it changes no ranking, and the explanation shows it as a factor.
/// </para>
/// <para>
/// Words undersell a need in English that says in its own words what the directory says in others ("drones" and
/// "UAV"), and MiniLM reads English well: such a need's closest candidate publication may speak for it instead
/// (<see cref="WithMeaning"/>). The nearness that counts starts above where every off-topic English need checked ends.
/// </para>
/// </summary>
public static class NeedCoverage
{
    /// <summary>Coverage from which a need counts as within the directory's subject matter; the lowest LR-bench need (its abstract against LR-bench's 235 experts) has 0.60.</summary>
    public const double Enough = 0.5;

    /// <summary>What a need none of whose words the directory uses loses on the logit scale.</summary>
    public const double MostPenalty = 5;

    // Words that say what is asked for rather than what about ("we need an expert", "keynote speaker"): a directory
    // of profiles and papers seldom uses them, and a need is no less about its subject for saying them. Stemmed terms.
    private static readonly HashSet<string> RequestWords = new(StringComparer.Ordinal)
    {
        "need", "needed", "expert", "expertise", "specialist", "someone", "looking", "seeking", "wanted", "hire", "hiring",
        "keynote", "speaker", "talk", "invite", "invitation",
    };

    /// <summary>A Vietnamese syllable the directory uses, but never beside this one's neighbours, counts this much of itself.</summary>
    private const double LoneSyllable = 0.5;

    /// <summary>
    /// The same for a syllable typed without diacritics, which stands for every syllable it folds from: "lai" is lái
    /// (to drive), lại, lai and lãi, and a directory that uses one of them says less of the need than "lái" would.
    /// </summary>
    private const double LoneUnmarkedSyllable = 0.25;

    private static readonly (WrittenVietnamese Written, HashSet<string> Terms, HashSet<string> EnglishTerms) Glossary = ReadGlossary();

    /// <summary>
    /// In [0, 1]; 0 for a need with no word that counts (a single letter, only stop words). The field glossary's words
    /// count as known, so a need in the directory's subject matter is not judged by how its profiles happen to be worded;
    /// so do the acronyms the synonym file spells out ("GNSS", "ML"), which a short need has spelled out beside them and a
    /// long one uses as the field's own shorthand.
    /// </summary>
    public static double Of(string text, TermStatistics statistics)
    {
        double known = 0, total = 0;
        var words = MatchText.Words(text).ToList();
        var unmarkedVietnamese = Ascii.IsValid(text) && ReadsAsVietnamese(words, statistics);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            var (word, term) = words[i];
            if (term is null || RequestWords.Contains(term) || !seen.Add(word))
            {
                continue;
            }

            var share = !Ascii.IsValid(word)
                ? !statistics.Vietnamese.HoldsAccented(word) && !Glossary.Written.HoldsAccented(word) ? 0
                : InKnownPhrase(words, i, (first, second) => statistics.Vietnamese.HoldsPair(first.Word, second.Word) || Glossary.Written.HoldsPair(first.Word, second.Word)) ? 1
                : LoneSyllable
                : !statistics.Holds(term) && !Glossary.Terms.Contains(term) && !SkillConcepts.Acronyms.ContainsKey(term) ? 0
                : !unmarkedVietnamese || !VietnameseHere(term, statistics) ? 1
                : InKnownPhrase(words, i, (first, second) => KnownFoldedPhrase(first, second, statistics)) ? 1
                : LoneUnmarkedSyllable;
            var weight = share > 0 ? statistics.Idf(term) : statistics.UnseenIdf;
            total += weight;
            known += share * weight;
        }

        return total == 0 ? 0 : known / total;
    }

    /// <summary>Whether a text typed without diacritics reads as Vietnamese here (see the overload on words).</summary>
    public static bool ReadsAsVietnamese(string text, TermStatistics statistics) =>
        Ascii.IsValid(text) && ReadsAsVietnamese(MatchText.Words(text).ToList(), statistics);

    /// <summary>
    /// Whether a need typed without diacritics is Vietnamese: at least half of its words that count are ones the directory
    /// uses only in Vietnamese. Its English words keep counting as they are, since "data" is one word however it is typed.
    /// </summary>
    private static bool ReadsAsVietnamese(List<(string Word, string? Term)> words, TermStatistics statistics)
    {
        int counted = 0, vietnamese = 0;
        foreach (var (_, term) in words)
        {
            if (term is not null && !RequestWords.Contains(term))
            {
                counted++;
                vietnamese += VietnameseHere(term, statistics) ? 1 : 0;
            }
        }

        return vietnamese * 2 >= counted && vietnamese > 0;
    }

    private static bool VietnameseHere(string term, TermStatistics statistics) =>
        (statistics.Holds(term) || Glossary.Terms.Contains(term)) && !statistics.InPlainText(term) && !Glossary.EnglishTerms.Contains(term);

    private static bool KnownFoldedPhrase((string Word, string? Term) first, (string Word, string? Term) second, TermStatistics statistics) =>
        statistics.Vietnamese.HoldsFoldedPair(first.Word, second.Word) || Glossary.Written.HoldsFoldedPair(first.Word, second.Word);

    /// <summary>A word with neighbours must make a two-word phrase the directory or the glossary has with one of them.</summary>
    private static bool InKnownPhrase(List<(string Word, string? Term)> words, int i, Func<(string Word, string? Term), (string Word, string? Term), bool> known) =>
        words.Count == 1
        || (i > 0 && known(words[i - 1], words[i]))
        || (i + 1 < words.Count && known(words[i], words[i + 1]));

    private static (WrittenVietnamese, HashSet<string>, HashSet<string>) ReadGlossary()
    {
        var written = new WrittenVietnamese();
        var english = new HashSet<string>(StringComparer.Ordinal);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in FieldLexicon.Terms)
        {
            written.Add(term.Vietnamese);
            english.UnionWith(MatchText.Terms(term.English));
            terms.UnionWith(MatchText.Terms(term.Vietnamese));
        }

        terms.UnionWith(english);
        return (written, terms, english);
    }

    /// <summary>
    /// The closest publication cosine below which meaning adds nothing to an English need's coverage. The English
    /// off-topic and nonsense needs of the fit checks (ml-models/fit-check-needs*.jsonl, 22 of them) come no closer than
    /// 0.42 to any publication of the demo directory ("hotel booking").
    /// </summary>
    public const double MeaningFrom = 0.45;

    /// <summary>
    /// The closest publication cosine from which an English need counts as within the directory's subject matter however
    /// it is worded: "Drones for forest fire detection. Unmanned aerial vehicles with thermal cameras …" is 0.55 from
    /// the demo directory's "UAV multispectral imaging applied to agricultural drones", which writes none of "forest",
    /// "fire", "unmanned" or "thermal". The real English needs of the fit checks whose words the demo directory lacks
    /// come 0.34–0.64 close; those under this are left to their words (ml-models/README.md, "Covered by meaning").
    /// </summary>
    public const double MeaningEnough = 0.55;

    /// <summary>
    /// Whether a need's vector can speak for its subject where its words cannot, or against them: a need in English, which
    /// MiniLM reads well. Not a Vietnamese one, written or typed without diacritics: MiniLM reads too little Vietnamese
    /// to tell "bán đất nền" (selling land) from the background of a circuit, and a need in words the directory never
    /// writes would be judged by that vague nearness again.
    /// </summary>
    public static bool ReadByMeaning(string text, TermStatistics statistics) =>
        Ascii.IsValid(text) && !ReadsAsVietnamese(text, statistics);

    /// <summary>
    /// The closest publication cosine at or below which the words an English need shares with the directory count for
    /// nothing if the need also has words the directory never writes: the known words are then most likely used in other
    /// senses ("fashion design trends", 0.28 from any publication, whose "design" is the directory's chip design). The
    /// off-topic English needs of the fit checks whose words the directory partly writes come no closer than 0.40 ("real
    /// estate investment"); the real ones come 0.46 or closer, but for "digital twin" (0.34).
    /// </summary>
    public const double MeaningDoubtful = 0.30;

    /// <summary>
    /// An English need's coverage once its vector is compared with its candidates' publications. Meaning can raise it: the
    /// closest publication's cosine, read as coverage rising from 0 at <see cref="MeaningFrom"/> to <see cref="Enough"/>
    /// at <see cref="MeaningEnough"/>, counts where it is more than the words'. Meaning can also lower it: where some of
    /// the need's words the directory never writes, the words it does write count fully only from a closest publication
    /// at <see cref="MeaningFrom"/>, falling linearly to nothing at <see cref="MeaningDoubtful"/>.
    /// </summary>
    public static double WithMeaning(double coverage, double closestPublication)
    {
        if (double.IsNaN(closestPublication))
        {
            return coverage;
        }

        var trusted = coverage >= 1 ? coverage : coverage * Ramp(closestPublication, MeaningDoubtful, MeaningFrom);
        return Math.Max(trusted, Enough * Ramp(closestPublication, MeaningFrom, MeaningEnough));
    }

    private static double Ramp(double value, double from, double to) => Math.Clamp((value - from) / (to - from), 0, 1);

    /// <summary>The logit-scale term for a coverage: 0 from <see cref="Enough"/> up, falling linearly to −<see cref="MostPenalty"/> at 0.</summary>
    public static double Penalty(double coverage) =>
        double.IsNaN(coverage) || coverage >= Enough ? 0 : -MostPenalty * (1 - coverage / Enough);

    /// <summary>The factor a row's need coverage adds to the fit's logit; its contribution is 0 for a need within the directory's subject matter.</summary>
    public static Factor Factor(float[] row)
    {
        var coverage = row[PairFeatures.Index(PairFeatures.NeedCoverage)];
        return new Factor(PairFeatures.NeedCoverage, PairFeatures.Describe(PairFeatures.NeedCoverage), coverage, Penalty(coverage));
    }
}
