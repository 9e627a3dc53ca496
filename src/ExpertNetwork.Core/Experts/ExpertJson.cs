using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ExpertNetwork.Experts;

/// <summary>A broken rule on one field; <see cref="Problem"/> lets the web app say it in the reader's language.</summary>
public sealed record FieldError(string Field, string Message)
{
    public Problem? Problem { get; init; }

    public static FieldError Of(string field, string code, params string[] arguments)
    {
        var problem = new Problem(code, arguments);
        return new FieldError(field, problem.English) { Problem = problem };
    }
}

/// <summary>Reads and writes experts.jsonl exactly as the shared format README defines it, with a field-level error for every broken rule.</summary>
public static partial class ExpertJson
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        // Vietnamese text stays readable in exports instead of turning into \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly HashSet<string> TopLevelFields =
    [
        "id", "fullName", "otherNames", "headline", "affiliation", "country", "city", "hometown", "fields",
        "keywords", "languages", "degree", "hIndex", "engagement", "bio", "email", "orcid", "consent", "publications",
    ];

    private static readonly HashSet<string> ConsentFields = ["listed", "contact"];

    private static readonly HashSet<string> PublicationFields = ["title", "abstract", "year", "venue", "doi", "authors"];

    public static Expert? Parse(string line, List<FieldError> errors)
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
            // System.Text.Json keeps the last of two equal names; the shared format has one value per field, so both are refused.
            var duplicates = StrictJson.DuplicateNames(document.RootElement);
            if (duplicates.Count > 0)
            {
                errors.AddRange(duplicates.Select(d => FieldError.Of(d, Problems.DuplicateName)));
                return null;
            }

            return Parse(document.RootElement, errors);
        }
    }

    public static Expert? Parse(JsonElement root, List<FieldError> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(FieldError.Of("json", Problems.RecordNotObject));
            return null;
        }

        var before = errors.Count;
        foreach (var property in root.EnumerateObject())
        {
            if (!TopLevelFields.Contains(property.Name))
            {
                errors.Add(FieldError.Of(property.Name, Problems.UnknownField));
            }
        }

        var reader = new FieldReader(root, "", errors);
        var id = reader.RequiredString("id", 64);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            errors.Add(FieldError.Of("id", Problems.BadId));
        }

        var fullName = reader.RequiredString("fullName", 200);
        var expert = new Expert
        {
            Id = id ?? "",
            FullName = fullName ?? "",
            OtherNames = reader.StringList("otherNames", 200),
            Headline = reader.OptionalString("headline", 1000),
            Affiliation = reader.OptionalString("affiliation", 500),
            Country = reader.Code("country", Vocabulary.Countries, Problems.NotCountry),
            City = reader.OptionalString("city", 200),
            Hometown = reader.OptionalString("hometown", 200),
            Fields = reader.VocabularyList("fields", Vocabulary.Fields),
            Keywords = reader.StringList("keywords", 200),
            Languages = reader.CodeList("languages", Vocabulary.Languages, Problems.NotLanguage),
            Degree = reader.OneOf("degree", Vocabulary.Degrees),
            HIndex = reader.Integer("hIndex", 0, 10_000),
            Engagement = reader.VocabularyList("engagement", Vocabulary.Engagements),
            Bio = reader.OptionalString("bio", 20_000),
            Email = reader.Email("email"),
            Orcid = reader.Orcid("orcid"),
            Consent = ReadConsent(root, errors),
            Publications = ReadPublications(root, errors),
        };

        return errors.Count == before ? expert : null;
    }

    private static Consent ReadConsent(JsonElement root, List<FieldError> errors)
    {
        if (!root.TryGetProperty("consent", out var consent) || consent.ValueKind == JsonValueKind.Null)
        {
            return new Consent();
        }

        if (consent.ValueKind != JsonValueKind.Object)
        {
            errors.Add(FieldError.Of("consent", Problems.ConsentNotObject));
            return new Consent();
        }

        foreach (var property in consent.EnumerateObject().Where(p => !ConsentFields.Contains(p.Name)))
        {
            errors.Add(FieldError.Of($"consent.{property.Name}", Problems.UnknownField));
        }

        var reader = new FieldReader(consent, "consent.", errors);
        return new Consent(reader.Boolean("listed") ?? true, reader.Boolean("contact") ?? false);
    }

    private static IReadOnlyList<Publication> ReadPublications(JsonElement root, List<FieldError> errors)
    {
        if (!root.TryGetProperty("publications", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(FieldError.Of("publications", Problems.NotArray));
            return [];
        }

        var publications = new List<Publication>(array.GetArrayLength());
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"publications[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(FieldError.Of(path, Problems.NotObject));
                continue;
            }

            foreach (var property in item.EnumerateObject().Where(p => !PublicationFields.Contains(p.Name)))
            {
                errors.Add(FieldError.Of($"{path}.{property.Name}", Problems.UnknownField));
            }

            var reader = new FieldReader(item, path + ".", errors);
            publications.Add(new Publication
            {
                Title = reader.OptionalString("title", 1000),
                Abstract = reader.OptionalString("abstract", 20_000),
                Year = reader.Integer("year", 1900, 2100),
                Venue = reader.OptionalString("venue", 500),
                Doi = reader.OptionalString("doi", 300),
                Authors = reader.StringList("authors", 300),
            });
        }

        return publications;
    }

    public static void Write(Utf8JsonWriter writer, Expert expert)
    {
        writer.WriteStartObject();
        writer.WriteString("id", expert.Id);
        writer.WriteString("fullName", expert.FullName);
        WriteList(writer, "otherNames", expert.OtherNames);
        WriteOptional(writer, "headline", expert.Headline);
        WriteOptional(writer, "affiliation", expert.Affiliation);
        WriteOptional(writer, "country", expert.Country);
        WriteOptional(writer, "city", expert.City);
        WriteOptional(writer, "hometown", expert.Hometown);
        WriteList(writer, "fields", expert.Fields);
        WriteList(writer, "keywords", expert.Keywords);
        WriteList(writer, "languages", expert.Languages);
        WriteOptional(writer, "degree", expert.Degree);
        if (expert.HIndex is { } hIndex)
        {
            writer.WriteNumber("hIndex", hIndex);
        }

        WriteList(writer, "engagement", expert.Engagement);
        WriteOptional(writer, "bio", expert.Bio);
        WriteOptional(writer, "email", expert.Email);
        WriteOptional(writer, "orcid", expert.Orcid);
        writer.WriteStartObject("consent");
        writer.WriteBoolean("listed", expert.Consent.Listed);
        writer.WriteBoolean("contact", expert.Consent.Contact);
        writer.WriteEndObject();
        if (expert.Publications.Count > 0)
        {
            writer.WriteStartArray("publications");
            foreach (var publication in expert.Publications)
            {
                writer.WriteStartObject();
                WriteOptional(writer, "title", publication.Title);
                WriteOptional(writer, "abstract", publication.Abstract);
                if (publication.Year is { } year)
                {
                    writer.WriteNumber("year", year);
                }

                WriteOptional(writer, "venue", publication.Venue);
                WriteOptional(writer, "doi", publication.Doi);
                WriteList(writer, "authors", publication.Authors);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    public static string Serialize(Expert expert)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, expert);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    internal static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary>ISO 7064 MOD 11-2, the check ORCID uses for its last character.</summary>
    public static bool IsValidOrcid(string orcid)
    {
        if (!OrcidPattern().IsMatch(orcid))
        {
            return false;
        }

        var digits = orcid.Replace("-", "", StringComparison.Ordinal);
        var total = 0;
        for (var i = 0; i < 15; i++)
        {
            total = (total + (digits[i] - '0')) * 2;
        }

        var check = (12 - total % 11) % 11;
        var expected = check == 10 ? 'X' : (char)('0' + check);
        return digits[15] == expected;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._:\-]+$")]
    internal static partial Regex IdPattern();

    [GeneratedRegex(@"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")]
    private static partial Regex OrcidPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    internal static partial Regex EmailPattern();
}
