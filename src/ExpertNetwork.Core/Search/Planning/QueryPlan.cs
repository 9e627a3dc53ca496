namespace ExpertNetwork.Search.Planning;

/// <summary>
/// One search, decided once and engine-neutral: what is matched and how it scores, which documents count as
/// matches, filters, facets, sort and highlights. <see cref="Lucene.LuceneQueryCompiler"/> and
/// <see cref="Elasticsearch.ElasticsearchQueries"/> each turn it into their engine's query; neither decides
/// anything of its own, so the engines cannot drift apart.
/// </summary>
internal sealed record QueryPlan
{
    /// <summary>Scored clauses, summed. Empty: every document that passes the filters matches, scoring 1.</summary>
    public required IReadOnlyList<PlanClause> Clauses { get; init; }

    /// <summary>Null: a document matching any clause is a match (candidate retrieval). Otherwise see <see cref="MatchRule"/>.</summary>
    public MatchRule? Rule { get; init; }

    public required IReadOnlyList<PlanFilter> Filters { get; init; }

    /// <summary>Empty when facets are not asked for.</summary>
    public required IReadOnlyList<PlanFacet> Facets { get; init; }

    /// <summary>Sort keys in order; the last is always the id, so equal keys never leave the order to the engine.</summary>
    public required IReadOnlyList<PlanSortKey> Sort { get; init; }

    /// <summary>Empty when no highlights are asked for or nothing was typed.</summary>
    public required IReadOnlyList<HighlightRule> Highlights { get; init; }

    /// <summary>From + size never pass <see cref="QueryPlanner.MaxResultWindow"/>.</summary>
    public required int From { get; init; }

    public required int Size { get; init; }

    /// <summary>Null counts every match; facets always do.</summary>
    public int? TrackTotalHitsUpTo { get; init; }
}

/// <summary>
/// A scored clause and the query units (<see cref="MatchRule"/>) a match of it stands for, one bit per unit.
/// </summary>
internal sealed record PlanClause(PlanQuery Query, ulong Covers);

/// <summary>
/// A document matches when the clauses it matches together cover at least <see cref="MinimumUnits"/> of the
/// query's <see cref="Units"/>. A unit is one meaningful query word, or one recognised concept (a synonym
/// line) as a whole, which only clauses matching the concept as a phrase cover.
/// </summary>
internal sealed record MatchRule(int Units, int MinimumUnits);

internal enum ClauseKind
{
    Term,
    Phrase,
    Fuzzy,

    /// <summary>Every part must match; scores add up.</summary>
    AllOf,

    /// <summary>Any alternative; the best one scores (dis_max, tie breaker 0).</summary>
    BestOf,
}

internal abstract record PlanQuery(ClauseKind Kind, float Boost);

internal sealed record TermQueryNode(string Field, string Term, float Boost) : PlanQuery(ClauseKind.Term, Boost);

/// <summary>
/// Terms at their analysed positions (a stopword leaves a gap). <see cref="Text"/> and <see cref="Analyzer"/> are
/// what a server-side engine analyses to the same terms and positions.
/// </summary>
internal sealed record PhraseQueryNode(string Field, string Analyzer, string Text, IReadOnlyList<PhraseTerm> Terms, int Slop, float Boost)
    : PlanQuery(ClauseKind.Phrase, Boost);

internal readonly record struct PhraseTerm(string Term, int Position);

/// <param name="PrefixLength">Leading characters the edit may not touch.</param>
internal sealed record FuzzyQueryNode(string Field, string Term, int MaxEdits, int PrefixLength, bool Transpositions, int MaxExpansions, float Boost)
    : PlanQuery(ClauseKind.Fuzzy, Boost);

internal sealed record AllOfNode(IReadOnlyList<PlanQuery> Parts, float Boost) : PlanQuery(ClauseKind.AllOf, Boost);

internal sealed record BestOfNode(IReadOnlyList<PlanQuery> Alternatives, float Boost) : PlanQuery(ClauseKind.BestOf, Boost);

/// <summary>The document's keyword <see cref="Field"/> holds at least one of the values.</summary>
internal sealed record PlanFilter(string Field, IReadOnlyList<string> AnyOf);

internal sealed record PlanFacet(string Name, string Field, bool MultiValued);

internal enum PlanSortKey
{
    ScoreDescending,

    /// <summary>The folded name (<see cref="IndexFields.NameSort"/>), ascending.</summary>
    NameAscending,

    /// <summary>h-index, highest first, profiles without one last.</summary>
    HIndexDescending,

    /// <summary>The expert id, ascending, ordinal: the final tie-breaker.</summary>
    IdAscending,
}

/// <summary>
/// Marks <see cref="Terms"/> (as <see cref="Analyzer"/> analyses the text) in the field behind <see cref="Key"/>:
/// the best <see cref="Fragments"/> fragments of about <see cref="FragmentSize"/> characters over all its values,
/// best first, plain text HTML-escaped and matches in &lt;em&gt;.
/// </summary>
internal sealed record HighlightRule(string Key, string Field, string Analyzer, IReadOnlyList<string> Terms, int Fragments, int FragmentSize);
