using ExpertNetwork.Experts;
using ExpertNetwork.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using F = ExpertNetwork.Search.IndexFields;

namespace ExpertNetwork.Search.Lucene;

/// <summary>Query terms to mark in each stored field, per <see cref="HighlightFields"/> key.</summary>
internal sealed record HighlightTerms(IReadOnlySet<string> Folded, IReadOnlySet<string> FoldedWithSynonyms);

/// <summary>
/// Builds the expert query. One flat disjunction, so Lucene's bulk scorer runs every clause side by side:
/// name phrases (exact above folded, so the spelling typed wins), a name clause needing every word
/// with one typo allowed on syllables of four letters or more, keywords and fields expanded through
/// the synonyms, and plain terms over headline, affiliation, bio and publications.
/// </summary>
internal sealed class ExpertQueryBuilder(ExpertAnalyzers analyzers)
{
    // Longer queries are topic sentences, not names or skills: phrase clauses over them cost a positional
    // conjunction each and almost never match.
    private const int MaxNameTokens = 6;
    private const int MaxPhraseTokens = 4;

    /// <param name="reader">The reader the query will run on: name words it does not know are the ones that may be misspelt.</param>
    public (Query Query, HighlightTerms? Highlights) BuildText(string? text, IndexReader reader)
    {
        var normalized = string.IsNullOrWhiteSpace(text) ? "" : VietnameseText.Normalize(text);
        var exact = ExpertAnalyzers.Terms(analyzers.Exact, normalized);
        var folded = ExpertAnalyzers.Terms(analyzers.Folded, normalized);
        if (folded.Count == 0)
        {
            return (new MatchAllDocsQuery(), null);
        }

        var bioFolded = Distinct(ExpertAnalyzers.Terms(analyzers.BioFolded, normalized));
        var foldedTerms = Distinct(folded);
        var highlightWithSynonyms = new HashSet<string>(foldedTerms, StringComparer.Ordinal);

        var root = new BooleanQuery(true);
        if (folded.Count <= MaxNameTokens)
        {
            // The variants hold the name as written too, so two phrase clauses cover every order; exact above folded.
            Add(root, Phrase(F.NameVariantsExact, exact), 10f);
            Add(root, Phrase(F.NameVariants, folded), 6f);
            Add(root, AllNameWords(folded, reader), 2f);
        }

        // A lone Vietnamese syllable says little (kinh "tế" vs y "tế"), so keyword terms weigh less than whole concepts and phrases.
        AddSynonymMatch(root, F.Keywords, exact, analyzers.ExactExpander, 3f, 1f, null);
        AddSynonymMatch(root, F.KeywordsFolded, folded, analyzers.FoldedExpander, 2f, 0.7f, highlightWithSynonyms);
        AddSynonymMatch(root, F.FieldsText, exact, analyzers.ExactExpander, 1f, 1f, null);
        if (exact.Count > 1 && exact.Count <= MaxPhraseTokens)
        {
            Add(root, Phrase(F.Keywords, exact), 2f);
            Add(root, Phrase(F.KeywordsFolded, folded), 1.5f);
        }

        // Free text is matched on the folded fields only: diacritics decide ranking through names and keywords,
        // and every extra field per query word costs a postings reader.
        AddTerms(root, F.HeadlineFolded, foldedTerms, 1f);
        AddTerms(root, F.AffiliationFolded, foldedTerms, 1f);
        AddTerms(root, F.BioFolded, bioFolded, 1f);
        if (bioFolded.Count > 1 && bioFolded.Count <= MaxPhraseTokens)
        {
            Add(root, Phrase(F.BioFolded, ExpertAnalyzers.Terms(analyzers.BioFolded, normalized)), 2f);
        }

        AddTerms(root, F.Publications, bioFolded, 1f);

        return (root, new HighlightTerms(new HashSet<string>(foldedTerms, StringComparer.Ordinal), highlightWithSynonyms));
    }

    /// <summary>Null when nothing is filtered.</summary>
    public static Query? BuildFilter(SearchQuery query)
    {
        var filter = new BooleanQuery(true);
        AddAnyOf(filter, F.Fields, query.Fields.Select(v => v.Trim().ToLowerInvariant()));
        AddAnyOf(filter, F.Country, query.Countries.Select(v => v.Trim().ToUpperInvariant()));
        AddAnyOf(filter, F.Location, query.Locations.Where(l => l != LocationClass.Unknown).Select(l => l.Name()));
        AddAnyOf(filter, F.Degree, query.Degrees.Select(v => v.Trim().ToLowerInvariant()));
        AddAnyOf(filter, F.Engagement, query.Engagement.Select(v => v.Trim().ToLowerInvariant()));
        AddAnyOf(filter, F.Languages, query.Languages.Select(v => v.Trim().ToLowerInvariant()));
        return filter.Clauses.Count == 0 ? null : filter;
    }

    /// <summary>
    /// Every word of the query in the names, in any order. One word that no name contains may be a typo and
    /// matches within one edit (a transposition counts as one) if it has four letters or more. Known words are
    /// taken as typed, so the fuzzy automaton is built only when it can help, and a query with two or more unknown
    /// words — a topic, not a name — adds no clause at all.
    /// </summary>
    private static Query? AllNameWords(List<string> folded, IndexReader reader)
    {
        var query = new BooleanQuery(true);
        var unknown = 0;
        foreach (var word in Distinct(folded))
        {
            var term = new Term(F.Names, word);
            if (reader.DocFreq(term) > 0)
            {
                query.Add(new TermQuery(term), Occur.MUST);
                continue;
            }

            if (++unknown > 1 || word.Length < 4)
            {
                return null;
            }

            query.Add(new FuzzyQuery(term, 1, 0, 50, true), Occur.MUST);
        }

        return query;
    }

    private static void AddSynonymMatch(BooleanQuery root, string field, IReadOnlyList<string> tokens, SynonymExpander expander,
        float conceptBoost, float termBoost, HashSet<string>? highlight)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var segment in expander.Segment(tokens))
        {
            if (segment.Alternatives is null)
            {
                if (seen.Add(tokens[segment.Start]))
                {
                    Add(root, new TermQuery(new Term(field, tokens[segment.Start])), termBoost);
                }

                continue;
            }

            // A phrase scores the sum of its terms' idf, so a four-syllable Vietnamese wording would outweigh a
            // two-word English one; scaling by length makes every wording of the concept count alike, and the
            // best one counts once.
            var concept = new DisjunctionMaxQuery(0f);
            foreach (var alternative in segment.Alternatives)
            {
                var phrase = Phrase(field, alternative)!;
                phrase.Boost = 1f / alternative.Length;
                concept.Add(phrase);
                highlight?.UnionWith(alternative);
            }

            Add(root, concept, conceptBoost);
        }
    }

    private static void AddTerms(BooleanQuery root, string field, IReadOnlyList<string> terms, float boost)
    {
        foreach (var term in terms)
        {
            Add(root, new TermQuery(new Term(field, term)), boost);
        }
    }

    private static void AddAnyOf(BooleanQuery filter, string field, IEnumerable<string> values)
    {
        var anyOf = new BooleanQuery(true);
        foreach (var value in values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal))
        {
            anyOf.Add(new TermQuery(new Term(field, value)), Occur.SHOULD);
        }

        if (anyOf.Clauses.Count > 0)
        {
            filter.Add(anyOf, Occur.MUST);
        }
    }

    private static Query? Phrase(string field, IReadOnlyList<string> tokens)
    {
        switch (tokens.Count)
        {
            case 0:
                return null;
            case 1:
                return new TermQuery(new Term(field, tokens[0]));
            default:
                var phrase = new PhraseQuery();
                foreach (var token in tokens)
                {
                    phrase.Add(new Term(field, token));
                }

                return phrase;
        }
    }

    private static void Add(BooleanQuery root, Query? query, float boost)
    {
        if (query is null)
        {
            return;
        }

        query.Boost = boost;
        root.Add(query, Occur.SHOULD);
    }

    private static List<string> Distinct(List<string> terms) => terms.Distinct(StringComparer.Ordinal).ToList();
}
