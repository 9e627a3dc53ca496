using ExpertNetwork.Search.Planning;
using Lucene.Net.Index;
using Lucene.Net.Search;
using F = ExpertNetwork.Search.IndexFields;

namespace ExpertNetwork.Search.Lucene;

/// <summary>
/// A <see cref="QueryPlan"/> as Lucene.NET runs it. <see cref="Condition"/> holds the match rule as a query whose
/// unit groups are the very clause objects of <see cref="Scoring"/>, so <see cref="DisjunctionSearch"/> can apply it
/// while it scores instead of running the clauses twice.
/// </summary>
internal sealed record LuceneQuery(
    Query Scoring,
    Query? Condition,
    Query? Filter,
    Sort Sort,
    bool ByRelevance,
    IReadOnlyList<(string Facet, string Field, bool MultiValued)>? Facets);

internal static class LuceneQueryCompiler
{
    private static readonly SortField NameSort = new(F.NameSort, SortFieldType.STRING);
    private static readonly SortField IdSort = new(F.Id, SortFieldType.STRING);

    /// <param name="reader">
    /// When given, a name word no document has makes the name alternatives that need it exactly match nothing, so
    /// they are left out and their fuzzy neighbours never expanded: the matches are the same, the work less.
    /// </param>
    public static LuceneQuery Compile(QueryPlan plan, IndexReader? reader)
    {
        Query scoring;
        Query? condition = null;
        if (plan.Clauses.Count == 0)
        {
            scoring = new MatchAllDocsQuery();
        }
        else
        {
            var root = new BooleanQuery(true);
            var compiled = new Query?[plan.Clauses.Count];
            for (var i = 0; i < compiled.Length; i++)
            {
                compiled[i] = Compile(plan.Clauses[i].Query, reader);
                if (compiled[i] is { } query)
                {
                    root.Add(query, Occur.SHOULD);
                }
            }

            scoring = root;
            if (plan.Rule is { } rule)
            {
                var units = new BooleanQuery(true) { MinimumNumberShouldMatch = rule.MinimumUnits };
                for (var unit = 0; unit < rule.Units; unit++)
                {
                    var group = new BooleanQuery(true);
                    for (var i = 0; i < compiled.Length; i++)
                    {
                        if (compiled[i] is { } query && (plan.Clauses[i].Covers & (1UL << unit)) != 0)
                        {
                            group.Add(query, Occur.SHOULD);
                        }
                    }

                    units.Add(group, Occur.SHOULD);
                }

                condition = units;
            }
        }

        return new LuceneQuery(
            scoring,
            condition,
            Filter(plan.Filters),
            new Sort(plan.Sort.Select(SortFieldOf).ToArray()),
            plan.Sort[0] == PlanSortKey.ScoreDescending,
            plan.Facets.Count == 0 ? null : plan.Facets.Select(f => (f.Name, f.Field, f.MultiValued)).ToArray());
    }

    private static Query? Compile(PlanQuery node, IndexReader? reader)
    {
        Query? query;
        switch (node)
        {
            case TermQueryNode term:
                query = new TermQuery(new Term(term.Field, term.Term));
                break;
            case PhraseQueryNode phrase:
                var compiled = new PhraseQuery { Slop = phrase.Slop };
                foreach (var (text, position) in phrase.Terms)
                {
                    compiled.Add(new Term(phrase.Field, text), position);
                }

                query = compiled;
                break;
            case FuzzyQueryNode fuzzy:
                // Each expansion scores by its closeness alone, not its rarity: otherwise a rare name one edit away
                // (Duy) beats the common one the typo was meant for (Đức). Elasticsearch is told the same rewrite
                // (top_terms_boost_N), so both score the expansions alike.
                query = new FuzzyQuery(new Term(fuzzy.Field, fuzzy.Term), fuzzy.MaxEdits, fuzzy.PrefixLength, fuzzy.MaxExpansions, fuzzy.Transpositions)
                {
                    MultiTermRewriteMethod = new MultiTermQuery.TopTermsBoostOnlyBooleanQueryRewrite(fuzzy.MaxExpansions),
                };
                break;
            case AllOfNode all:
                var conjunction = new BooleanQuery(true);
                foreach (var part in all.Parts)
                {
                    if (reader is not null && part is TermQueryNode { Field: F.Names } word && reader.DocFreq(new Term(word.Field, word.Term)) == 0)
                    {
                        return null;
                    }

                    if (Compile(part, reader) is not { } compiledPart)
                    {
                        return null;
                    }

                    conjunction.Add(compiledPart, Occur.MUST);
                }

                query = conjunction;
                break;
            case BestOfNode best:
                var alternatives = best.Alternatives.Select(a => Compile(a, reader)).OfType<Query>().ToList();
                if (alternatives.Count == 0)
                {
                    return null;
                }

                var max = new DisjunctionMaxQuery(0f);
                foreach (var alternative in alternatives)
                {
                    max.Add(alternative);
                }

                query = max;
                break;
            default:
                throw new InvalidOperationException($"Unknown plan clause {node.Kind}.");
        }

        query.Boost = node.Boost;
        return query;
    }

    /// <summary>Null when nothing is filtered.</summary>
    private static Query? Filter(IReadOnlyList<PlanFilter> filters)
    {
        if (filters.Count == 0)
        {
            return null;
        }

        var filter = new BooleanQuery(true);
        foreach (var (field, values) in filters)
        {
            var anyOf = new BooleanQuery(true);
            foreach (var value in values)
            {
                anyOf.Add(new TermQuery(new Term(field, value)), Occur.SHOULD);
            }

            filter.Add(anyOf, Occur.MUST);
        }

        return filter;
    }

    private static SortField SortFieldOf(PlanSortKey key) => key switch
    {
        PlanSortKey.ScoreDescending => SortField.FIELD_SCORE,
        PlanSortKey.NameAscending => NameSort,
        PlanSortKey.HIndexDescending => HIndexDescending(),
        PlanSortKey.IdAscending => IdSort,
        _ => throw new InvalidOperationException($"Unknown sort key {key}."),
    };

    private static SortField HIndexDescending()
    {
        // Profiles without an h-index sort after those with 0, as Elasticsearch's missing: _last does.
        var field = new SortField(F.HIndex, SortFieldType.INT64, true);
        field.SetMissingValue(long.MinValue);
        return field;
    }
}
