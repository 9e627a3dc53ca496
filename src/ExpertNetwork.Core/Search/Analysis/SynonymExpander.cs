using Lucene.Net.Analysis;

namespace ExpertNetwork.Search.Analysis;

/// <summary>A run of query tokens; <see cref="Alternatives"/> is set when the run is a whole synonym entry.</summary>
internal readonly record struct QuerySegment(int Start, int Length, IReadOnlyList<string[]>? Alternatives);

/// <summary>
/// Query-time synonym expansion in application code: Lucene.NET 4.8 has no graph synonym filter,
/// and its <c>SynonymFilter</c> stacks multi-word outputs so phrases over them break. A greedy
/// longest match over the analysed query tokens finds whole entries; each becomes a disjunction
/// of phrases, as <c>synonym_graph</c> with <c>auto_generate_synonyms_phrase_query</c> does in Elasticsearch.
/// </summary>
internal sealed class SynonymExpander
{
    private readonly Dictionary<string, List<(string[] Tokens, int Rule)>> _byFirstToken = new(StringComparer.Ordinal);
    private readonly List<string[]>[] _alternatives;

    public SynonymExpander(SynonymSet synonyms, Analyzer chainBeforeSynonyms)
    {
        _alternatives = new List<string[]>[synonyms.Rules.Count];
        for (var rule = 0; rule < synonyms.Rules.Count; rule++)
        {
            var definition = synonyms.Rules[rule];
            _alternatives[rule] = definition.To
                .Select(e => ExpertAnalyzers.Terms(chainBeforeSynonyms, e).ToArray())
                .Where(t => t.Length > 0)
                .DistinctBy(t => string.Join(' ', t))
                .ToList();
            foreach (var entry in definition.From)
            {
                var tokens = ExpertAnalyzers.Terms(chainBeforeSynonyms, entry).ToArray();
                if (tokens.Length == 0)
                {
                    continue;
                }

                if (!_byFirstToken.TryGetValue(tokens[0], out var list))
                {
                    _byFirstToken[tokens[0]] = list = [];
                }

                list.Add((tokens, rule));
            }
        }
    }

    public List<QuerySegment> Segment(IReadOnlyList<string> tokens)
    {
        var segments = new List<QuerySegment>(tokens.Count);
        var i = 0;
        while (i < tokens.Count)
        {
            var longest = 0;
            List<int>? rules = null;
            if (_byFirstToken.TryGetValue(tokens[i], out var candidates))
            {
                foreach (var (entry, rule) in candidates)
                {
                    if (entry.Length < longest || !Matches(tokens, i, entry))
                    {
                        continue;
                    }

                    if (entry.Length > longest)
                    {
                        longest = entry.Length;
                        rules = [];
                    }

                    rules!.Add(rule);
                }
            }

            if (rules is null)
            {
                segments.Add(new QuerySegment(i, 1, null));
                i++;
                continue;
            }

            var alternatives = rules.Distinct().SelectMany(r => _alternatives[r])
                .Append(tokens.Skip(i).Take(longest).ToArray())
                .DistinctBy(t => string.Join(' ', t))
                .ToList();
            segments.Add(new QuerySegment(i, longest, alternatives));
            i += longest;
        }

        return segments;
    }

    private static bool Matches(IReadOnlyList<string> tokens, int start, string[] entry)
    {
        if (start + entry.Length > tokens.Count)
        {
            return false;
        }

        for (var k = 0; k < entry.Length; k++)
        {
            if (!string.Equals(tokens[start + k], entry[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
