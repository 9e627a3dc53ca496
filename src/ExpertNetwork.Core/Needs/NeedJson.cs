using System.Globalization;
using System.Text.Json;
using ExpertNetwork.Experts;

namespace ExpertNetwork.Needs;

/// <summary>needs.jsonl and qrels.tsv of the shared format.</summary>
public static class NeedJson
{
    private static readonly HashSet<string> KnownFields =
        ["id", "kind", "title", "description", "fields", "keywords", "location", "languages", "engagement", "exclude"];

    public static Need? Parse(string line, List<FieldError> errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            errors.Add(FieldError.Of("json", Problems.NotJson, e.Message.Split(" Path:")[0].TrimEnd('.')));
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add(FieldError.Of("json", Problems.NeedNotObject));
                return null;
            }

            var before = errors.Count;
            errors.AddRange(StrictJson.DuplicateNames(root).Select(d => FieldError.Of(d, Problems.DuplicateName)));
            foreach (var property in root.EnumerateObject().Where(p => !KnownFields.Contains(p.Name)))
            {
                errors.Add(FieldError.Of(property.Name, Problems.UnknownField));
            }

            var reader = new FieldReader(root, "", errors);
            var id = reader.RequiredString("id", 64);
            if (id is not null && !ExpertJson.IdPattern().IsMatch(id))
            {
                errors.Add(FieldError.Of("id", Problems.BadId));
            }

            var need = new Need
            {
                Id = id ?? "",
                Kind = reader.OneOf("kind", Vocabulary.NeedKinds),
                Title = reader.OptionalString("title", 1000),
                Description = reader.OptionalString("description", 100_000),
                Fields = reader.VocabularyList("fields", Vocabulary.Fields),
                Keywords = reader.StringList("keywords", 200),
                Location = reader.OneOf("location", Vocabulary.NeedLocations),
                Languages = reader.CodeList("languages", Vocabulary.Languages, Problems.NotLanguage),
                Engagement = reader.VocabularyList("engagement", Vocabulary.Engagements),
                Exclude = reader.StringList("exclude", 64),
            };
            if (string.IsNullOrWhiteSpace(need.Title) && string.IsNullOrWhiteSpace(need.Description))
            {
                errors.Add(FieldError.Of("description", Problems.NeedWithoutText));
            }

            return errors.Count == before ? need : null;
        }
    }

    public static IEnumerable<(int Line, Need? Need, IReadOnlyList<FieldError> Errors)> ReadFile(string path)
    {
        var line = 0;
        var records = 0;
        var utf8 = new StrictUtf8();
        using var reader = new StreamReader(path, utf8.Encoding, detectEncodingFromByteOrderMarks: false);
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (line == 1)
            {
                text = text.TrimStart('\uFEFF');
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            records++;
            if (utf8.Spoilt(text))
            {
                yield return (line, null, StrictJson.InvalidUtf8(text));
                continue;
            }

            var errors = new List<FieldError>();
            yield return (line, Parse(text, errors), errors);
        }

        if (records == 0)
        {
            yield return (Math.Max(line, 1), null, [FieldError.Of("file", Problems.NoRecords)]);
        }
    }

    public static void Write(Utf8JsonWriter writer, Need need)
    {
        writer.WriteStartObject();
        writer.WriteString("id", need.Id);
        ExpertJson.WriteOptional(writer, "kind", need.Kind);
        ExpertJson.WriteOptional(writer, "title", need.Title);
        ExpertJson.WriteOptional(writer, "description", need.Description);
        ExpertJson.WriteList(writer, "fields", need.Fields);
        ExpertJson.WriteList(writer, "keywords", need.Keywords);
        ExpertJson.WriteOptional(writer, "location", need.Location);
        ExpertJson.WriteList(writer, "languages", need.Languages);
        ExpertJson.WriteList(writer, "engagement", need.Engagement);
        ExpertJson.WriteList(writer, "exclude", need.Exclude);
        writer.WriteEndObject();
    }

    /// <summary>Reads qrels.tsv; a malformed line is reported as FILE:LINE: column: message.</summary>
    public static IReadOnlyList<Judgment> ReadJudgments(string path)
    {
        var file = Path.GetFileName(path);
        var judgments = new List<Judgment>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (line == 1 || string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var cells = text.Split('\t');
            if (cells.Length < 3)
            {
                throw new InvalidDataException($"{file}:{line}: row: expected needId, expertId and grade separated by tabs");
            }

            if (!double.TryParse(cells[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var grade))
            {
                throw new InvalidDataException($"{file}:{line}: grade: '{cells[2]}' is not a number");
            }

            judgments.Add(new Judgment(cells[0], cells[1], grade));
        }

        return judgments;
    }
}
