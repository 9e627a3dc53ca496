using ExpertNetwork.Experts;
using ExpertNetwork.Search.Analysis;
using ExpertNetwork.Text;
using F = ExpertNetwork.Search.IndexFields;

namespace ExpertNetwork.Search.Planning;

/// <summary>
/// Turns a <see cref="SearchQuery"/> into the <see cref="QueryPlan"/> both engines compile. One flat disjunction of
/// scored clauses: name phrases (exact above folded, so the spelling typed wins), every name word (one of them may
/// be a typo), keywords and fields expanded concept by concept through the synonyms, the query as a phrase in
/// keywords and bios, and plain terms over headline, affiliation, bio and publications. For a person's search a
/// <see cref="MatchRule"/> then says which documents count: those that cover most of the query's meaning.
/// </summary>
internal sealed class QueryPlanner(ExpertAnalyzers analyzers)
{
    /// <summary>From + size may not pass this (Elasticsearch's default <c>index.max_result_window</c>): deeper pages are empty on both engines.</summary>
    public const int MaxResultWindow = 10_000;

    public const int FragmentSize = 160;
    public const int FragmentsPerField = 3;

    // Longer queries are topic sentences, not names or skills: phrase clauses over them cost a positional
    // conjunction each and almost never match.
    public const int MaxNameTokens = 6;
    public const int MaxPhraseTokens = 4;

    private const int MaxUnits = 64;
    private const int FuzzyMaxExpansions = 50;

    private static readonly IReadOnlyList<PlanFacet> AllFacets =
    [
        new(FacetNames.Field, F.Fields, true),
        new(FacetNames.Country, F.Country, false),
        new(FacetNames.Location, F.Location, false),
        new(FacetNames.Degree, F.Degree, false),
        new(FacetNames.Engagement, F.Engagement, true),
        new(FacetNames.Language, F.Languages, true),
    ];

    /// <summary>
    /// How many of <paramref name="units"/> meaningful words or concepts a person's search needs: all of one or two,
    /// then two in every three (2 of 3, 3 of 4, 4 of 5, 4 of 6, 6 of 8). Measured on the demo directory
    /// (indexing/README.md): requiring every word returned nothing for plain topic sentences whose one word is
    /// spelt otherwise in the profiles ("images" for "imaging"); half let them match on their commonest words again.
    /// </summary>
    public static int RequiredUnits(int units) => units <= 2 ? units : units - units / 3;

    public QueryPlan Plan(SearchQuery query)
    {
        var from = Math.Clamp(query.From, 0, MaxResultWindow);
        var size = Math.Clamp(query.Size, 0, MaxResultWindow - from);
        var normalized = string.IsNullOrWhiteSpace(query.Text) ? "" : VietnameseText.Normalize(query.Text.Trim());
        var text = normalized.Length == 0 ? null : PlanText(normalized, query.Matching);
        var sort = query.Sort == SearchSort.Relevance && text is null ? SearchSort.Name : query.Sort;
        return new QueryPlan
        {
            Clauses = text?.Clauses ?? [],
            Rule = text?.Rule,
            Filters = Filters(query),
            Facets = query.WithFacets ? AllFacets : [],
            Sort = sort switch
            {
                SearchSort.Name => [PlanSortKey.NameAscending, PlanSortKey.ScoreDescending, PlanSortKey.IdAscending],
                SearchSort.HIndex => [PlanSortKey.HIndexDescending, PlanSortKey.NameAscending, PlanSortKey.IdAscending],
                _ => [PlanSortKey.ScoreDescending, PlanSortKey.NameAscending, PlanSortKey.IdAscending],
            },
            Highlights = query.WithHighlights && text is not null ? text.Highlights : [],
            From = from,
            Size = size,
            TrackTotalHitsUpTo = query.WithFacets ? null : query.TrackTotalHitsUpTo,
        };
    }

    private sealed record TextPlan(IReadOnlyList<PlanClause> Clauses, MatchRule? Rule, IReadOnlyList<HighlightRule> Highlights);

    private TextPlan? PlanText(string text, SearchMatching matching)
    {
        var exact = ExpertAnalyzers.Terms(analyzers.Exact, text);
        var folded = ExpertAnalyzers.Terms(analyzers.Folded, text);
        if (folded.Count == 0 || exact.Count != folded.Count)
        {
            return folded.Count == 0 ? null : throw new InvalidOperationException("vi_exact and vi_folded must produce one token per word.");
        }

        var bio = ExpertAnalyzers.Tokens(analyzers.BioFolded, text);
        var units = new Units(folded, bio, analyzers.FoldedExpander);
        var all = units.All;
        var clauses = new List<PlanClause>();
        var foldedTerms = folded.Distinct(StringComparer.Ordinal).ToList();
        var bioTerms = bio.Select(t => t.Term).Distinct(StringComparer.Ordinal).ToList();

        if (folded.Count <= MaxNameTokens)
        {
            // The variants hold the name as written too, so two phrase clauses cover every order; exact above folded.
            Add(clauses, Phrase(F.NameVariantsExact, AnalyzerNames.Exact, text, Consecutive(exact), 10f), all);
            Add(clauses, Phrase(F.NameVariants, AnalyzerNames.Folded, text, Consecutive(folded), 6f), all);
            Add(clauses, NameWords(foldedTerms, 2f), all);
        }

        var precise = matching == SearchMatching.Precise;
        if (precise && foldedTerms.Count > 1 && units.Count <= 2)
        {
            // "Nguyen semiconductor": a word of someone's name counts towards the rule. Weightless, so ranking stays
            // that of the name clauses above; candidate retrieval, which has no rule, leaves these out. Not from three
            // units on, where two of three would let "Nguyen Van Tuk" find every Nguyễn Văn: a name is matched whole.
            foreach (var term in foldedTerms)
            {
                if (units.OfWord(term) is var covers and not 0)
                {
                    Add(clauses, new TermQueryNode(F.Names, term, 0f), covers);
                }
            }
        }

        // A lone Vietnamese syllable says little (kinh "tế" vs y "tế"), so keyword terms weigh less than whole concepts and phrases.
        AddConcepts(clauses, F.Keywords, AnalyzerNames.Exact, exact, analyzers.ExactExpander, 3f, 1f, units, null);
        var highlightWithSynonyms = new List<string>(foldedTerms);
        AddConcepts(clauses, F.KeywordsFolded, AnalyzerNames.Folded, folded, analyzers.FoldedExpander, 2f, 0.7f, units, highlightWithSynonyms);
        AddConcepts(clauses, F.FieldsText, AnalyzerNames.Exact, exact, analyzers.ExactExpander, 1f, 1f, units, null);
        if (exact.Count > 1 && exact.Count <= MaxPhraseTokens)
        {
            // The skill as typed, in order and without synonyms, above any translation of it.
            Add(clauses, Phrase(F.Keywords, AnalyzerNames.Exact, text, Consecutive(exact), 2f), all);
            Add(clauses, Phrase(F.KeywordsFolded, AnalyzerNames.Folded, text, Consecutive(folded), 1.5f), all);
        }

        // Free text is matched on the folded fields only: diacritics decide ranking through names and keywords,
        // and every extra field per query word costs a postings reader.
        foreach (var term in foldedTerms)
        {
            Add(clauses, new TermQueryNode(F.HeadlineFolded, term, 1f), units.OfWord(term));
        }

        foreach (var term in foldedTerms)
        {
            Add(clauses, new TermQueryNode(F.AffiliationFolded, term, 1f), units.OfWord(term));
        }

        foreach (var term in bioTerms)
        {
            Add(clauses, new TermQueryNode(F.BioFolded, term, 1f), units.OfWord(term));
        }

        if (bioTerms.Count > 1 && bioTerms.Count <= MaxPhraseTokens)
        {
            // Positions as analysed: a stopword inside the phrase keeps its gap, as Elasticsearch's match_phrase does.
            Add(clauses, Phrase(F.BioFolded, AnalyzerNames.BioFolded, text, bio, 2f), all);
        }

        foreach (var term in bioTerms)
        {
            Add(clauses, new TermQueryNode(F.Publications, term, 1f), units.OfWord(term));
        }

        if (precise)
        {
            AddConceptsInFreeText(clauses, exact, folded, units);
        }

        // When every clause covers every unit (one word, one concept) the rule would let everything through anyway.
        // A query that starts or ends with a family name reads as a name ("Nguyen Van Duk", "thuy van nguyen"): its
        // words are common syllables of bios too ("văn", "nguyên"), so it needs all of them, as the name clause does.
        var looksLikeName = folded.Count <= MaxNameTokens && (IsCommonFamilyName(exact[0]) || IsCommonFamilyName(exact[^1]));
        var rule = precise && units.Count > 0 && clauses.Any(c => c.Covers != all)
            ? new MatchRule(units.Count, looksLikeName ? units.Count : RequiredUnits(units.Count))
            : null;
        var plain = (IReadOnlyList<string>)foldedTerms;
        var withSynonyms = highlightWithSynonyms.Distinct(StringComparer.Ordinal).ToList();
        IReadOnlyList<HighlightRule> highlights =
        [
            new(HighlightFields.FullName, F.NameFolded, AnalyzerNames.Folded, plain, FragmentsPerField, FragmentSize),
            new(HighlightFields.OtherNames, F.Names, AnalyzerNames.Folded, plain, FragmentsPerField, FragmentSize),
            new(HighlightFields.Headline, F.HeadlineFolded, AnalyzerNames.Folded, plain, FragmentsPerField, FragmentSize),
            new(HighlightFields.Affiliation, F.AffiliationFolded, AnalyzerNames.Folded, plain, FragmentsPerField, FragmentSize),
            new(HighlightFields.Keywords, F.KeywordsFolded, AnalyzerNames.Folded, withSynonyms, FragmentsPerField, FragmentSize),
            new(HighlightFields.Bio, F.BioFolded, AnalyzerNames.BioFolded, plain, FragmentsPerField, FragmentSize),
            new(HighlightFields.Publications, F.Publications, AnalyzerNames.BioFolded, plain, FragmentsPerField, FragmentSize),
        ];
        return new TextPlan(clauses, rule, highlights);
    }

    /// <summary>
    /// Every word of the query in the names, in any order. With two words or more, one word of three letters or
    /// more may be one edit away (a transposition counts as one from four letters) while the others match exactly:
    /// a disjunction of "this word within one edit, the rest exact", best alternative scoring. A three-letter
    /// word's edit may not touch its first letter ("Duk" finds Đức, "An" never finds "Anh"). One word alone is
    /// taken as typed: nothing anchors a guess.
    /// </summary>
    private static PlanQuery NameWords(List<string> words, float boost)
    {
        if (words.Count == 1)
        {
            return new TermQueryNode(F.Names, words[0], boost);
        }

        var exact = words.Select(w => (PlanQuery)new TermQueryNode(F.Names, w, 1f)).ToArray();
        var alternatives = new List<PlanQuery> { new AllOfNode(exact, 1f) };
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].Length < 3)
            {
                continue;
            }

            var parts = exact.ToArray();
            parts[i] = new FuzzyQueryNode(F.Names, VietnameseSpelling(words[i]), 1, words[i].Length == 3 ? 1 : 0, words[i].Length > 3, FuzzyMaxExpansions, 1f);
            alternatives.Add(new AllOfNode(parts, 1f));
        }

        return alternatives.Count == 1 ? new AllOfNode(exact, boost) : new BestOfNode(alternatives, boost);
    }

    // The family names of most Vietnamese; rarer ones (Quản, La, Tô) are everyday words as often as names.
    private static readonly HashSet<string> CommonFamilyNames = new(
        ["nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ", "hồ", "ngô", "dương", "lý"],
        StringComparer.Ordinal);

    private static readonly HashSet<string> CommonFamilyNamesFolded = new(CommonFamilyNames.Select(VietnameseText.Fold), StringComparer.Ordinal);

    /// <summary>Written with diacritics, only the family name itself counts ("nguyên" is a word); without them, its folded form.</summary>
    private static bool IsCommonFamilyName(string token) =>
        System.Text.Ascii.IsValid(token) ? CommonFamilyNamesFolded.Contains(token) : CommonFamilyNames.Contains(token);

    /// <summary>
    /// No Vietnamese syllable ends in k: "Duk" is Đức typed by ear, so the edit is centred on "duc", which then wins
    /// over "duy" (as far, but no closer) by scoring as an exact expansion.
    /// </summary>
    private static string VietnameseSpelling(string word) => word.Length >= 2 && word[^1] == 'k' ? word[..^1] + "c" : word;

    /// <summary>
    /// One clause per query segment: a word outside any synonym entry matches as itself; a whole entry matches any
    /// of its wordings as a phrase. A phrase scores the sum of its terms' idf, so a four-syllable Vietnamese wording
    /// would outweigh a two-word English one; scaling by length makes every wording of the concept count alike,
    /// and the best one counts once.
    /// </summary>
    private static void AddConcepts(List<PlanClause> clauses, string field, string analyzer, List<string> tokens, SynonymExpander expander,
        float conceptBoost, float termBoost, Units units, List<string>? highlight)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var segment in expander.Segment(tokens))
        {
            if (segment.Alternatives is null)
            {
                var token = tokens[segment.Start];
                if (seen.Add(token))
                {
                    Add(clauses, new TermQueryNode(field, token, termBoost), units.OfToken(segment.Start));
                }

                continue;
            }

            var wordings = segment.Alternatives
                .Select(wording => (PlanQuery)Phrase(field, analyzer, string.Join(' ', wording), Consecutive(wording), 1f / wording.Length))
                .ToList();
            highlight?.AddRange(segment.Alternatives.SelectMany(w => w));
            Add(clauses, new BestOfNode(wordings, conceptBoost), units.OfSpan(segment.Start, segment.Length));
        }
    }

    /// <summary>
    /// A concept of two words or more shows in free text too: as typed, as a phrase in the headline, the affiliation
    /// or the bio, or with all its words in the publications (indexed without positions). Weightless: these only
    /// count towards the rule, so ranking stays that of the clauses above.
    /// </summary>
    private void AddConceptsInFreeText(List<PlanClause> clauses, List<string> exact, List<string> folded, Units units)
    {
        foreach (var segment in analyzers.FoldedExpander.Segment(folded))
        {
            if (segment.Alternatives is null || segment.Length < 2 || units.OfSpan(segment.Start, segment.Length) is not (var covers and not 0))
            {
                continue;
            }

            var typed = string.Join(' ', exact.Skip(segment.Start).Take(segment.Length));
            var inBio = ExpertAnalyzers.Tokens(analyzers.BioFolded, typed);
            var places = new List<PlanQuery>
            {
                Phrase(F.HeadlineFolded, AnalyzerNames.Folded, typed, ExpertAnalyzers.Tokens(analyzers.Folded, typed), 1f),
                Phrase(F.AffiliationFolded, AnalyzerNames.Folded, typed, ExpertAnalyzers.Tokens(analyzers.Folded, typed), 1f),
            };
            if (inBio.Count > 0)
            {
                places.Add(Phrase(F.BioFolded, AnalyzerNames.BioFolded, typed, inBio, 1f));
                places.Add(new AllOfNode(inBio.Select(t => (PlanQuery)new TermQueryNode(F.Publications, t.Term, 1f)).ToArray(), 1f));
            }

            Add(clauses, new BestOfNode(places, 0f), covers);
        }
    }

    private static List<PlanFilter> Filters(SearchQuery query)
    {
        var filters = new List<PlanFilter>();
        AddAnyOf(filters, F.Fields, query.Fields.Select(v => v.Trim().ToLowerInvariant()));
        AddAnyOf(filters, F.Country, query.Countries.Select(v => v.Trim().ToUpperInvariant()));
        AddAnyOf(filters, F.Location, query.Locations.Where(l => l != LocationClass.Unknown).Select(l => l.Name()));
        AddAnyOf(filters, F.Degree, query.Degrees.Select(v => v.Trim().ToLowerInvariant()));
        AddAnyOf(filters, F.Engagement, query.Engagement.Select(v => v.Trim().ToLowerInvariant()));
        AddAnyOf(filters, F.Languages, query.Languages.Select(v => v.Trim().ToLowerInvariant()));
        return filters;
    }

    private static void AddAnyOf(List<PlanFilter> filters, string field, IEnumerable<string> values)
    {
        var distinct = values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.Length > 0)
        {
            filters.Add(new PlanFilter(field, distinct));
        }
    }

    /// <summary>A phrase of one term is that term.</summary>
    private static PlanQuery Phrase(string field, string analyzer, string text, IReadOnlyList<PhraseTerm> terms, float boost) =>
        terms.Count == 1
            ? new TermQueryNode(field, terms[0].Term, boost)
            : new PhraseQueryNode(field, analyzer, text, terms, 0, boost);

    private static PlanQuery Phrase(string field, string analyzer, string text, List<(string Term, int Position)> tokens, float boost)
    {
        var first = tokens[0].Position;
        return Phrase(field, analyzer, text, tokens.Select(t => new PhraseTerm(t.Term, t.Position - first)).ToArray(), boost);
    }

    private static PhraseTerm[] Consecutive(IReadOnlyList<string> tokens) => tokens.Select((t, i) => new PhraseTerm(t, i)).ToArray();

    private static void Add(List<PlanClause> clauses, PlanQuery query, ulong covers) => clauses.Add(new PlanClause(query, covers));

    /// <summary>
    /// The query's units: each recognised concept (a synonym entry, as the folded expander segments the query) is
    /// one; each other distinct word the bio analyzer keeps (not a stopword) is one. At most 64; words past them count
    /// for scoring only.
    /// </summary>
    private sealed class Units
    {
        private readonly int[] _unitOfToken;
        private readonly bool[] _isConcept;
        private readonly (int Start, int End)[] _conceptSpans;
        private readonly Dictionary<string, int> _unitOfWord = new(StringComparer.Ordinal);

        public Units(List<string> folded, List<(string Term, int Position)> bio, SynonymExpander expander)
        {
            var meaningful = new bool[folded.Count];
            foreach (var (_, position) in bio)
            {
                if (position < meaningful.Length)
                {
                    meaningful[position] = true;
                }
            }

            _unitOfToken = Enumerable.Repeat(-1, folded.Count).ToArray();
            var concepts = new List<bool>();
            var spans = new List<(int, int)>();
            foreach (var segment in expander.Segment(folded))
            {
                if (Count >= MaxUnits)
                {
                    break;
                }

                // A one-word concept shows wherever the word does: it is a word unit like any other.
                if (segment.Alternatives is not null && segment.Length > 1)
                {
                    for (var i = segment.Start; i < segment.Start + segment.Length; i++)
                    {
                        _unitOfToken[i] = Count;
                    }

                    concepts.Add(true);
                    spans.Add((segment.Start, segment.Start + segment.Length));
                    Count++;
                    continue;
                }

                var word = folded[segment.Start];
                if (!meaningful[segment.Start] && segment.Alternatives is null)
                {
                    continue;
                }

                if (!_unitOfWord.TryGetValue(word, out var unit))
                {
                    unit = Count++;
                    _unitOfWord[word] = unit;
                    concepts.Add(false);
                    spans.Add((-1, -1));
                }

                _unitOfToken[segment.Start] = unit;
            }

            _isConcept = [.. concepts];
            _conceptSpans = [.. spans];
        }

        public int Count { get; private set; }

        public ulong All => Count == MaxUnits ? ulong.MaxValue : (1UL << Count) - 1;

        /// <summary>A word on its own covers its unit only when that unit is the word, never part of a concept.</summary>
        public ulong OfWord(string word) => _unitOfWord.TryGetValue(word, out var unit) ? 1UL << unit : 0;

        public ulong OfToken(int index) =>
            _unitOfToken[index] is var unit and >= 0 && !_isConcept[unit] ? 1UL << unit : 0;

        /// <summary>A concept match covers the word units inside it, and a concept unit only if it lies wholly inside.</summary>
        public ulong OfSpan(int start, int length)
        {
            var covers = 0UL;
            for (var i = start; i < start + length; i++)
            {
                if (_unitOfToken[i] is var unit and >= 0)
                {
                    var (from, to) = _conceptSpans[unit];
                    if (!_isConcept[unit] || (from >= start && to <= start + length))
                    {
                        covers |= 1UL << unit;
                    }
                }
            }

            return covers;
        }
    }
}
