using System.Text.RegularExpressions;
using ExpertNetwork.Search;

namespace ExpertNetwork.Matching;

/// <summary>
/// One skill or topic: a line of the bilingual synonym file (<c>indexing/synonyms.txt</c>), named by its first,
/// Vietnamese, entry and its first English one; or a skill someone typed that the file does not know.
/// </summary>
public sealed record SkillConcept(string Vietnamese, string English, IReadOnlyList<string> Entries)
{
    /// <summary>A stable key: the folded terms of the first entry.</summary>
    public string Key => string.Join(' ', MatchText.Terms(Entries[0]));

    /// <summary>False for a typed skill the synonym file does not know; it is then named as typed in both languages.</summary>
    public bool Known { get; init; } = true;
}

/// <summary>The skills a need asks for, as the synonym file's concepts, so a team can be assembled skill by skill.</summary>
public static partial class SkillConcepts
{
    private static readonly Lazy<IReadOnlyList<(SkillConcept Concept, string[][] Phrases)>> Lines = new(Build);

    private static readonly Lazy<Dictionary<string, string>> AcronymNames = new(BuildAcronyms);

    public static IReadOnlyList<SkillConcept> All => [.. Lines.Value.Select(l => l.Concept)];

    /// <summary>
    /// The concepts whose entries occur in the text, in reading order. Where entries overlap the longest wins, so
    /// "thiết kế vi mạch tương tự" is one concept, not also "vi mạch". Entries of one or two letters ("ai", "ic")
    /// only count when written in capitals, because in Vietnamese text "ai" is the word "who".
    /// </summary>
    public static IReadOnlyList<SkillConcept> Recognise(string? text)
    {
        var terms = MatchText.Terms(text);
        if (terms.Count == 0)
        {
            return [];
        }

        var capitals = new HashSet<string>(Capitalised().Matches(text!).Select(m => m.Value.ToLowerInvariant()), StringComparer.Ordinal);
        var found = new List<(int Start, int Length, int Line)>();
        for (var line = 0; line < Lines.Value.Count; line++)
        {
            foreach (var phrase in Lines.Value[line].Phrases)
            {
                if (phrase.Length == 1 && phrase[0].Length <= 2 && !capitals.Contains(phrase[0]))
                {
                    continue;
                }

                for (var start = 0; start + phrase.Length <= terms.Count; start++)
                {
                    if (Matches(terms, start, phrase))
                    {
                        found.Add((start, phrase.Length, line));
                    }
                }
            }
        }

        var taken = new bool[terms.Count];
        var chosen = new List<(int Start, int Line)>();
        foreach (var (start, length, line) in found.OrderByDescending(f => f.Length).ThenBy(f => f.Start).ThenBy(f => f.Line))
        {
            if (Enumerable.Range(start, length).Any(i => taken[i]))
            {
                continue;
            }

            for (var i = start; i < start + length; i++)
            {
                taken[i] = true;
            }

            chosen.Add((start, line));
        }

        return chosen.OrderBy(c => c.Start).Select(c => Lines.Value[c.Line].Concept).DistinctBy(c => c.Key).ToList();
    }

    /// <summary>A text of at most this many words may be little more than an acronym (<see cref="SpelledOut"/>).</summary>
    public const int ShortText = 12;

    /// <summary>Whether a text has at most <see cref="ShortText"/> words.</summary>
    public static bool IsShort(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length <= ShortText;

    /// <summary>
    /// Acronyms the synonym file spells out, by their term: an entry of one word on a line that also has an English
    /// entry of several ("ml" → "machine learning", "gnss" → "satellite navigation").
    /// </summary>
    public static IReadOnlyDictionary<string, string> Acronyms => AcronymNames.Value;

    /// <summary>
    /// What a short text's acronyms stand for, where the text does not say it already: "ML" is "machine learning".
    /// Only words written with two capitals or more count, so "ai" (who) and "chip" never do, and only acronyms that the
    /// directory (<paramref name="written"/>, when given) never writes: MiniLM reads a bare acronym poorly and a
    /// directory that never writes "ML" writes "machine learning", but one that writes "IoT" or "CRISPR" is best met with
    /// that word alone (spelled out, "CRISPR" lost 0.17 of top fit on the demo directory). A longer text says what it
    /// means around its acronyms, and is left as written.
    /// </summary>
    public static IReadOnlyList<string> SpelledOut(string? text, Func<string, bool>? written = null)
    {
        if (string.IsNullOrWhiteSpace(text) || !IsShort(text))
        {
            return [];
        }

        var terms = MatchText.Terms(text);
        var names = new List<string>();
        foreach (var match in AcronymWord().Matches(text).Cast<Match>())
        {
            if (MatchText.Terms(match.Value) is [var term]
                && written?.Invoke(term) != true
                && Acronyms.TryGetValue(term, out var name)
                && !names.Contains(name)
                && !Contains(terms, MatchText.Terms(name)))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>The text with what its acronyms stand for after it (<see cref="SpelledOut"/>).</summary>
    public static string WithAcronymsSpelledOut(string text, Func<string, bool>? written = null)
    {
        var names = SpelledOut(text, written);
        return names.Count == 0 ? text : text + ". " + string.Join(", ", names);
    }

    /// <summary>A typed skill: the synonym line it is an entry of, else a concept of its own named as typed.</summary>
    public static SkillConcept Named(string label)
    {
        label = string.Join(' ', label.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var terms = MatchText.Terms(label).ToArray();
        foreach (var (concept, phrases) in Lines.Value)
        {
            if (terms.Length > 0 && phrases.Any(p => p.SequenceEqual(terms)))
            {
                return concept;
            }
        }

        return new SkillConcept(label, label, [label]) { Known = false };
    }

    private static bool Contains(List<string> terms, List<string> phrase) =>
        phrase.Count > 0 && Enumerable.Range(0, Math.Max(0, terms.Count - phrase.Count + 1)).Any(start => Matches(terms, start, [.. phrase]));

    private static Dictionary<string, string> BuildAcronyms()
    {
        var acronyms = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (concept, _) in Lines.Value)
        {
            var english = concept.Entries.Where(IsEnglish).ToList();
            if (english.FirstOrDefault(e => MatchText.Terms(e).Count > 1) is not { } name)
            {
                continue;
            }

            foreach (var entry in english)
            {
                if (MatchText.Terms(entry) is [var term] && entry.Length <= 6)
                {
                    acronyms.TryAdd(term, name);
                }
            }
        }

        return acronyms;
    }

    private static bool Matches(List<string> terms, int start, string[] phrase)
    {
        for (var i = 0; i < phrase.Length; i++)
        {
            if (!string.Equals(terms[start + i], phrase[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static IReadOnlyList<(SkillConcept, string[][])> Build() =>
        SearchAnalysis.Synonyms.Rules
            .Where(r => ReferenceEquals(r.From, r.To) || r.From.SequenceEqual(r.To))
            .Select(r => (new SkillConcept(r.From[0], EnglishOf(r.From), r.From), r.From.Select(e => MatchText.Terms(e).ToArray()).Where(p => p.Length > 0).ToArray()))
            .Where(l => l.Item2.Length > 0)
            .ToList();

    /// <summary>
    /// The file lists the Vietnamese name first; the first entry written without Vietnamese letters is the English
    /// one. The file is lower-case, so two-letter words and short acronyms get their capitals back ("analog IC design").
    /// </summary>
    private static string EnglishOf(IReadOnlyList<string> entries)
    {
        var english = entries.Skip(1).FirstOrDefault(IsEnglish) ?? entries[0];
        if (english.Length <= 4 && english.All(char.IsLetter))
        {
            return english.ToUpperInvariant();
        }

        return string.Join(' ', english.Split(' ').Select(w => w.Length == 2 && w.All(char.IsLetter) && !SmallWords.Contains(w) ? w.ToUpperInvariant() : w));
    }

    /// <summary>An entry written without Vietnamese letters: the file's English ones.</summary>
    private static bool IsEnglish(string entry) => entry.All(c => c < 128);

    private static readonly HashSet<string> SmallWords = new(StringComparer.Ordinal) { "of", "in", "on", "to", "at", "by", "or", "an", "as", "is", "up" };

    [GeneratedRegex(@"\b[A-Z]{1,2}\b")]
    private static partial Regex Capitalised();

    [GeneratedRegex(@"\b(?=\w*[A-Z]\w*[A-Z])[A-Za-z0-9]{2,7}\b")]
    private static partial Regex AcronymWord();
}
