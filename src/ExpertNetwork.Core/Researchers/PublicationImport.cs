using System.Globalization;
using System.Text;
using System.Text.Json;
using ExpertNetwork.Experts;
using ExpertNetwork.Text;

namespace ExpertNetwork.Researchers;

/// <summary>One publication read from a file, with where it was, as errors and skips name it.</summary>
public sealed record ImportedEntry(Problem Where, Publication Publication)
{
    public string Label => Where.English;
}

/// <summary>Something wrong with, or left out of, a publication file: where (an entry, a work, a line), which field, and what.</summary>
public sealed record ImportIssue(Problem Where, string? Field, Problem What)
{
    public string English => $"{Where.English}: {(Field is null ? "" : Field + ": ")}{What.English}";

    public override string ToString() => English;
}

/// <summary>
/// What a file held. <see cref="ErrorIssues"/> make the whole file unusable (nothing is stored); <see cref="SkippedIssues"/>
/// entries are simply left out, each with its reason, and the rest can still be imported.
/// </summary>
public sealed record PublicationFile(IReadOnlyList<ImportedEntry> Entries, IReadOnlyList<ImportIssue> SkippedIssues, IReadOnlyList<ImportIssue> ErrorIssues)
{
    public IReadOnlyList<string> Skipped => SkippedIssues.Select(i => i.English).ToList();

    public IReadOnlyList<string> Errors => ErrorIssues.Select(i => i.English).ToList();
}

public sealed record PublicationMerge(IReadOnlyList<Publication> Added, IReadOnlyList<string> AlreadyThere);

/// <summary>
/// Reads publication lists researchers already keep elsewhere: a BibTeX file from a reference manager or
/// Google Scholar, or the JSON export of their public ORCID record. The limits are the shared format's, so
/// whatever this accepts the profile validator accepts too.
/// </summary>
public static class PublicationImport
{
    public const int MaxTitle = 1000;
    public const int MaxAbstract = 20_000;
    public const int MaxVenue = 500;
    public const int MaxDoi = 300;
    public const int MaxAuthor = 300;

    /// <summary>ORCID exports are JSON objects, BibTeX files are not; the content decides, not the file name a browser sends.</summary>
    /// <remarks>A file with neither a BibTeX entry nor an ORCID work (plain text, "hello world", binary junk) is an error, not an import of nothing.</remarks>
    public static PublicationFile Parse(string content)
    {
        var file = content.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('{') ? ParseOrcid(content) : ParseBibTex(content);
        return file is { Entries.Count: 0, SkippedIssues.Count: 0, ErrorIssues.Count: 0 }
            ? new PublicationFile([], [], [new ImportIssue(new Problem(Problems.PublicationFile), null, new Problem(Problems.NoEntries))])
            : file;
    }

    public static PublicationFile ParseBibTex(string content) => new BibTexReader(content).Read();

    public static PublicationFile ParseOrcid(string content)
    {
        var entries = new List<ImportedEntry>();
        var skipped = new List<ImportIssue>();
        var errors = new List<ImportIssue>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException e)
        {
            return new PublicationFile([], [], [new ImportIssue(new Problem(Problems.OrcidFile), null, new Problem(Problems.OrcidNotJson, e.Message))]);
        }

        using (document)
        {
            var root = document.RootElement;
            if (StrictJson.DuplicateNames(root) is { Count: > 0 } duplicates)
            {
                return new PublicationFile([], [], [.. duplicates.Select(d => new ImportIssue(new Problem(Problems.OrcidFile), d, new Problem(Problems.DuplicateName)))]);
            }

            var groups = Child(root, "group") ?? Child(root, "activities-summary", "works", "group");
            if (groups is not { ValueKind: JsonValueKind.Array } array)
            {
                return new PublicationFile([], [], [new ImportIssue(new Problem(Problems.OrcidFile), null, new Problem(Problems.OrcidNoWorks))]);
            }

            var number = 0;
            foreach (var group in array.EnumerateArray())
            {
                number++;
                // A group is one work as reported by several sources; ORCID lists the preferred version first.
                var summary = Child(group, "work-summary") is { ValueKind: JsonValueKind.Array } summaries && summaries.GetArrayLength() > 0 ? summaries[0] : (JsonElement?)null;
                var putCode = summary is { } s && Child(s, "put-code") is { ValueKind: JsonValueKind.Number } code ? code.GetRawText() : null;
                var numberText = number.ToString(CultureInfo.InvariantCulture);
                var label = putCode is null ? new Problem(Problems.Work, numberText) : new Problem(Problems.WorkWithPutCode, numberText, putCode);
                if (summary is not { } work)
                {
                    skipped.Add(new ImportIssue(label, null, new Problem(Problems.NoWorkSummary)));
                    continue;
                }

                var entryErrors = new List<(string Field, Problem What)>();
                var yearText = Text(work, "publication-date", "year", "value");
                var publication = new Publication
                {
                    Title = Clean(Text(work, "title", "title", "value")),
                    Year = yearText is null ? null : Year(yearText, entryErrors),
                    Venue = Clean(Text(work, "journal-title", "value")),
                    Doi = Doi(OrcidDoi(work) ?? OrcidDoi(group)),
                };
                Add(label, publication, entryErrors, entries, skipped, errors);
            }
        }

        return new PublicationFile(entries, skipped, errors);
    }

    /// <summary>
    /// Keeps what is new. A publication is already there when its DOI matches (DOIs are case-insensitive) or its
    /// title does once case, accents and punctuation are set aside; repeats inside the file count the same way.
    /// </summary>
    public static PublicationMerge Merge(IReadOnlyList<Publication> existing, IReadOnlyList<ImportedEntry> incoming)
    {
        var dois = existing.Where(p => p.Doi is not null).Select(p => p.Doi!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var titles = existing.Where(p => p.Title is not null).Select(p => TitleKey(p.Title!)).ToHashSet(StringComparer.Ordinal);
        var added = new List<Publication>();
        var already = new List<string>();
        foreach (var (where, publication) in incoming)
        {
            var label = where.English;
            var key = TitleKey(publication.Title!);
            if ((publication.Doi is { } doi && dois.Contains(doi)) || titles.Contains(key))
            {
                already.Add(label);
                continue;
            }

            added.Add(publication);
            titles.Add(key);
            if (publication.Doi is { } newDoi)
            {
                dois.Add(newDoi);
            }
        }

        return new PublicationMerge(added, already);
    }

    public static string TitleKey(string title)
    {
        var folded = VietnameseText.Fold(title);
        var key = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                key.Append(c);
            }
            else if (key.Length > 0 && key[^1] != ' ')
            {
                key.Append(' ');
            }
        }

        return key.ToString().TrimEnd();
    }

    /// <summary>Checks one entry against the shared format's limits; entries without a title are skipped, not refused.</summary>
    private static void Add(
        Problem label, Publication publication, List<(string Field, Problem What)> entryErrors, List<ImportedEntry> entries, List<ImportIssue> skipped, List<ImportIssue> errors)
    {
        Limit(publication.Abstract, "abstract", MaxAbstract, entryErrors);
        Limit(publication.Title, "title", MaxTitle, entryErrors);
        Limit(publication.Venue, "venue", MaxVenue, entryErrors);
        Limit(publication.Doi, "doi", MaxDoi, entryErrors);
        foreach (var author in publication.Authors)
        {
            Limit(author, "author", MaxAuthor, entryErrors);
        }

        if (entryErrors.Count > 0)
        {
            errors.AddRange(entryErrors.Select(e => new ImportIssue(label, e.Field, e.What)));
        }
        else if (publication.Title is null)
        {
            skipped.Add(new ImportIssue(label, null, new Problem(Problems.NoTitle)));
        }
        else
        {
            entries.Add(new ImportedEntry(label, publication));
        }
    }

    private static void Limit(string? value, string field, int max, List<(string Field, Problem What)> errors)
    {
        if (value is not null && value.Length > max)
        {
            errors.Add((field, new Problem(Problems.LongerThan, max.ToString(CultureInfo.InvariantCulture))));
        }
    }

    private static int? Year(string text, List<(string Field, Problem What)> errors)
    {
        text = text.Trim();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            errors.Add(("year", new Problem(Problems.NotAYear, text)));
            return null;
        }

        if (year is < 1900 or > 2100)
        {
            errors.Add(("year", new Problem(Problems.YearOutOfRange, year.ToString(CultureInfo.InvariantCulture))));
            return null;
        }

        return year;
    }

    /// <summary>Stored bare ("10.1000/xyz"), however the file wrote it, so the same DOI always compares equal.</summary>
    private static string? Doi(string? raw)
    {
        var doi = Clean(raw);
        if (doi is null)
        {
            return null;
        }

        foreach (var prefix in new[] { "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:" })
        {
            if (doi.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                doi = doi[prefix.Length..].Trim();
            }
        }

        return doi.Length == 0 ? null : doi;
    }

    private static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var collapsed = string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length == 0 ? null : collapsed.Normalize(NormalizationForm.FormC);
    }

    private static string? OrcidDoi(JsonElement element)
    {
        if (Child(element, "external-ids", "external-id") is not { ValueKind: JsonValueKind.Array } ids)
        {
            return null;
        }

        return ids.EnumerateArray()
            .Where(id => string.Equals(Text(id, "external-id-type"), "doi", StringComparison.OrdinalIgnoreCase))
            .OrderBy(id => Text(id, "external-id-relationship") == "self" ? 0 : 1)
            .Select(id => Text(id, "external-id-value") ?? Text(id, "external-id-normalized", "value"))
            .FirstOrDefault(v => v is not null);
    }

    private static JsonElement? Child(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element;
    }

    private static string? Text(JsonElement element, params string[] path) =>
        Child(element, path) switch
        {
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
            _ => null,
        };

    private sealed class BibTexReader(string text)
    {
        private static readonly HashSet<string> Ignored = new(StringComparer.OrdinalIgnoreCase) { "comment", "preamble" };
        private readonly Dictionary<string, string> macros = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<ImportedEntry> entries = [];
        private readonly List<ImportIssue> skipped = [];
        private readonly List<ImportIssue> errors = [];
        private int position;
        private int number;

        public PublicationFile Read()
        {
            while (true)
            {
                var at = text.IndexOf('@', position);
                if (at < 0)
                {
                    break;
                }

                position = at + 1;
                var type = Identifier();
                SkipSpace();
                if (type.Length == 0 || position >= text.Length || (text[position] != '{' && text[position] != '('))
                {
                    // Text between entries is a comment in BibTeX, so a stray @ (an email address, say) is not an entry.
                    continue;
                }

                var close = text[position] == '{' ? '}' : ')';
                position++;
                if (Ignored.Contains(type))
                {
                    if (!SkipTo(close))
                    {
                        errors.Add(new ImportIssue(new Problem(Problems.BlockAtLine, type, LineText(at)), null, new Problem(Problems.NotClosed)));
                        break;
                    }

                    continue;
                }

                if (type.Equals("string", StringComparison.OrdinalIgnoreCase))
                {
                    if (!ReadFields(close, out var definitions, out var problem))
                    {
                        errors.Add(new ImportIssue(new Problem(Problems.BlockAtLine, "string", LineText(at)), problem.Field, problem.What));
                        break;
                    }

                    foreach (var (name, value) in definitions)
                    {
                        macros[name] = value;
                    }

                    continue;
                }

                number++;
                if (!ReadEntry(type, close, at))
                {
                    break;
                }
            }

            return new PublicationFile(entries, skipped, errors);
        }

        /// <returns>false when the file cannot be read any further.</returns>
        private bool ReadEntry(string type, char close, int start)
        {
            SkipSpace();
            var keyStart = position;
            while (position < text.Length && text[position] != ',' && text[position] != close && !char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            var key = text[keyStart..position];
            var numberText = number.ToString(CultureInfo.InvariantCulture);
            var label = key.Length > 0
                ? new Problem(Problems.EntryWithKey, numberText, key)
                : new Problem(Problems.EntryAtLine, numberText, type.ToLowerInvariant(), LineText(start));
            SkipSpace();
            if (position < text.Length && text[position] == ',')
            {
                position++;
            }

            if (!ReadFields(close, out var fields, out var problem))
            {
                errors.Add(new ImportIssue(label, problem.Field, problem.What));
                return false;
            }

            var entryErrors = new List<(string Field, Problem What)>();
            var field = fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.OrdinalIgnoreCase);
            string? Get(params string[] names) => names.Select(n => field.GetValueOrDefault(n)).FirstOrDefault(v => v is not null);
            var year = Get("year") ?? (Get("date") is { Length: >= 4 } date ? date[..4] : null);
            var publication = new Publication
            {
                Title = Clean(Latex.ToUnicode(Get("title"))),
                Abstract = Clean(Latex.ToUnicode(Get("abstract"))),
                Year = year is null ? null : Year(Latex.ToUnicode(year)!, entryErrors),
                Venue = Clean(Latex.ToUnicode(Get("journal", "journaltitle", "booktitle", "publisher", "school", "institution", "howpublished"))),
                Doi = Doi(Get("doi")?.Replace("\\_", "_", StringComparison.Ordinal)),
                Authors = Authors(Get("author")),
            };
            Add(label, publication, entryErrors, entries, skipped, errors);
            return true;
        }

        /// <summary>Reads <c>name = value</c> pairs up to the entry's closing delimiter; values keep their LaTeX for later.</summary>
        private bool ReadFields(char close, out List<(string Name, string Value)> fields, out (string? Field, Problem What) problem)
        {
            fields = [];
            problem = default;
            while (true)
            {
                SkipSpace();
                if (position >= text.Length)
                {
                    problem = (null, new Problem(Problems.NotClosedWith, close.ToString()));
                    return false;
                }

                if (text[position] == close)
                {
                    position++;
                    return true;
                }

                if (text[position] == ',')
                {
                    position++;
                    continue;
                }

                var name = Identifier();
                SkipSpace();
                if (name.Length == 0 || position >= text.Length || text[position] != '=')
                {
                    problem = (null, new Problem(Problems.ExpectedField, LineText(position)));
                    return false;
                }

                position++;
                var value = new StringBuilder();
                while (true)
                {
                    SkipSpace();
                    if (!ReadPiece(value, out var what))
                    {
                        problem = (name.ToLowerInvariant(), what);
                        return false;
                    }

                    SkipSpace();
                    if (position < text.Length && text[position] == '#')
                    {
                        position++;
                        continue;
                    }

                    break;
                }

                fields.Add((name.ToLowerInvariant(), value.ToString()));
            }
        }

        private bool ReadPiece(StringBuilder value, out Problem problem)
        {
            problem = new Problem(Problems.ValueMissing);
            if (position >= text.Length)
            {
                return false;
            }

            var start = position;
            if (text[position] == '{')
            {
                position++;
                if (!SkipTo('}'))
                {
                    problem = new Problem(Problems.BraceNeverClosed, LineText(start));
                    return false;
                }

                value.Append(text, start + 1, position - start - 2);
                return true;
            }

            if (text[position] == '"')
            {
                position++;
                var depth = 0;
                while (position < text.Length && (text[position] != '"' || depth > 0))
                {
                    depth += text[position] switch { '{' => 1, '}' => -1, _ => 0 };
                    position++;
                }

                if (position >= text.Length)
                {
                    problem = new Problem(Problems.QuoteNeverClosed, LineText(start));
                    return false;
                }

                value.Append(text, start + 1, position - start - 1);
                position++;
                return true;
            }

            var word = Identifier();
            if (word.Length == 0)
            {
                problem = new Problem(Problems.Unexpected, text[position].ToString(), LineText(position));
                return false;
            }

            value.Append(macros.GetValueOrDefault(word) ?? word);
            return true;
        }

        /// <summary>Moves just past the delimiter that closes the group already opened, skipping nested braces.</summary>
        private bool SkipTo(char close)
        {
            var depth = 0;
            while (position < text.Length)
            {
                var c = text[position++];
                if (c == '\\' && position < text.Length)
                {
                    position++;
                }
                else if (c == '{')
                {
                    depth++;
                }
                else if (c == '}' && depth > 0)
                {
                    depth--;
                }
                else if (c == close && depth == 0)
                {
                    return true;
                }
            }

            return false;
        }

        private string Identifier()
        {
            var start = position;
            while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] is '_' or '-' or ':' or '.' or '+' or '/'))
            {
                position++;
            }

            return text[start..position];
        }

        private void SkipSpace()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }
        }

        private int Line(int at) => text.AsSpan(0, Math.Min(at, text.Length)).Count('\n') + 1;

        private string LineText(int at) => Line(at).ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// Split on "and" outside braces ("{Barnes and Noble}" is one name). Names stay in the order written:
        /// Vietnamese names put the family name first, so no reordering is right for everyone.
        /// </summary>
        private static IReadOnlyList<string> Authors(string? raw)
        {
            if (raw is null)
            {
                return [];
            }

            var names = new List<string>();
            var depth = 0;
            var start = 0;
            for (var i = 0; i < raw.Length; i++)
            {
                depth += raw[i] switch { '{' => 1, '}' => -1, _ => 0 };
                if (depth == 0 && i > 0 && char.IsWhiteSpace(raw[i - 1]) && i + 4 <= raw.Length
                    && raw.AsSpan(i, 3).Equals("and", StringComparison.OrdinalIgnoreCase) && char.IsWhiteSpace(raw[i + 3]))
                {
                    names.Add(raw[start..i]);
                    start = i + 3;
                }
            }

            names.Add(raw[start..]);
            return names.Select(n => Clean(Latex.ToUnicode(n))).OfType<string>().Where(n => !n.Equals("others", StringComparison.OrdinalIgnoreCase)).ToList();
        }
    }

    /// <summary>The LaTeX that reference managers actually write for accented names and titles; anything else loses its markup and keeps its text.</summary>
    internal static class Latex
    {
        private static readonly Dictionary<char, char> Accents = new()
        {
            ['\''] = '\u0301', ['`'] = '\u0300', ['^'] = '\u0302', ['~'] = '\u0303', ['"'] = '\u0308', ['='] = '\u0304', ['.'] = '\u0307',
            ['u'] = '\u0306', ['v'] = '\u030C', ['H'] = '\u030B', ['c'] = '\u0327', ['d'] = '\u0323', ['h'] = '\u0309', ['r'] = '\u030A', ['k'] = '\u0328',
        };

        private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
        {
            ["i"] = "i", ["j"] = "j", ["o"] = "ø", ["O"] = "Ø", ["ss"] = "ß", ["aa"] = "å", ["AA"] = "Å", ["ae"] = "æ", ["AE"] = "Æ",
            ["oe"] = "œ", ["OE"] = "Œ", ["l"] = "ł", ["L"] = "Ł", ["dj"] = "đ", ["DJ"] = "Đ", ["itshape"] = "", ["bf"] = "", ["it"] = "", ["em"] = "",
        };

        public static string? ToUnicode(string? latex)
        {
            if (latex is null)
            {
                return null;
            }

            var position = 0;
            var output = new StringBuilder(latex.Length);
            while (position < latex.Length)
            {
                output.Append(Next(latex, ref position));
            }

            return output.ToString().Replace("---", "—", StringComparison.Ordinal).Replace("--", "–", StringComparison.Ordinal).Normalize(NormalizationForm.FormC);
        }

        /// <summary>One unit of output: a character, a group's content, or a command applied to its argument.</summary>
        private static string Next(string latex, ref int position)
        {
            var c = latex[position++];
            switch (c)
            {
                case '{':
                    var group = new StringBuilder();
                    while (position < latex.Length && latex[position] != '}')
                    {
                        group.Append(Next(latex, ref position));
                    }

                    position = Math.Min(position + 1, latex.Length);
                    return group.ToString();
                // Unescaped _ and ^ only mean anything in math: CH$_3$ is read as CH3.
                case '}' or '$' or '_' or '^':
                    return "";
                case '~':
                    return " ";
                case '\\' when position < latex.Length:
                    return Command(latex, ref position);
                default:
                    return c.ToString();
            }
        }

        private static string Command(string latex, ref int position)
        {
            var c = latex[position];
            if (!char.IsLetter(c))
            {
                position++;
                return Accents.TryGetValue(c, out var mark) ? Accent(Argument(latex, ref position), mark) : c.ToString();
            }

            var start = position;
            while (position < latex.Length && char.IsLetter(latex[position]))
            {
                position++;
            }

            var name = latex[start..position];
            if (name.Length == 1 && Accents.TryGetValue(name[0], out var letterMark))
            {
                return Accent(Argument(latex, ref position), letterMark);
            }

            // A space after a control word only ends its name.
            if (position < latex.Length && latex[position] == ' ')
            {
                position++;
            }

            return Symbols.GetValueOrDefault(name, "");
        }

        private static string Argument(string latex, ref int position)
        {
            while (position < latex.Length && latex[position] == ' ')
            {
                position++;
            }

            return position < latex.Length ? Next(latex, ref position) : "";
        }

        /// <summary>The mark goes on the first letter, after any marks it already has, so \~{\^e} becomes ễ.</summary>
        private static string Accent(string argument, char mark)
        {
            if (argument.Length == 0)
            {
                return mark.ToString();
            }

            var decomposed = argument.Normalize(NormalizationForm.FormD);
            var end = 1;
            while (end < decomposed.Length && CharUnicodeInfo.GetUnicodeCategory(decomposed[end]) == UnicodeCategory.NonSpacingMark)
            {
                end++;
            }

            return decomposed[..end] + mark + decomposed[end..];
        }
    }
}
