using ExpertNetwork.Text;

namespace ExpertNetwork.Search;

/// <summary>One line of the synonym file: every entry of <see cref="From"/> may be replaced by any of <see cref="To"/>.</summary>
/// <remarks>For an equivalence line (<c>a, b, c</c>) both lists are the same; for <c>a =&gt; b</c> they differ.</remarks>
public sealed record SynonymRule(int LineNumber, string Line, IReadOnlyList<string> From, IReadOnlyList<string> To);

/// <summary>
/// The Solr-format synonym file parsed into rules. Engines that cannot apply a graph synonym
/// filter at search time (Lucene.NET 4.8) expand queries from these rules; Elasticsearch gets
/// <see cref="Lines"/> verbatim.
/// </summary>
public sealed class SynonymSet
{
    private SynonymSet(IReadOnlyList<SynonymRule> rules) => Rules = rules;

    public IReadOnlyList<SynonymRule> Rules { get; }

    /// <summary>The rule lines, normalised, without comments or blank lines: what a synonym_graph filter takes.</summary>
    public IReadOnlyList<string> Lines => Rules.Select(r => r.Line).ToArray();

    public static SynonymSet Parse(string text)
    {
        var rules = new List<SynonymRule>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = VietnameseText.Normalize(raw.Trim()).ToLowerInvariant();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var arrow = line.IndexOf("=>", StringComparison.Ordinal);
            var from = Entries(arrow < 0 ? line : line[..arrow], lineNumber);
            var to = arrow < 0 ? from : Entries(line[(arrow + 2)..], lineNumber);
            if (arrow < 0 && from.Count < 2)
            {
                throw new FormatException($"synonyms.txt:{lineNumber}: an equivalence needs at least two entries.");
            }

            rules.Add(new SynonymRule(lineNumber, line, from, to));
        }

        return new SynonymSet(rules);
    }

    private static IReadOnlyList<string> Entries(string part, int lineNumber)
    {
        var entries = part.Split(',')
            .Select(e => string.Join(' ', e.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .ToArray();
        if (entries.Any(e => e.Length == 0))
        {
            throw new FormatException($"synonyms.txt:{lineNumber}: empty entry.");
        }

        return entries;
    }
}
