using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExpertNetwork.Experts;

/// <summary>
/// The CSV form of experts.jsonl: one column per top-level field (consent split into <c>listed</c> and
/// <c>contact</c>), multi-valued cells separated by <c>;</c>, and publications in a second file keyed by <c>expertId</c>.
/// </summary>
public static class ExpertCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "fullName", "otherNames", "headline", "affiliation", "country", "city", "hometown", "fields", "keywords",
        "languages", "degree", "hIndex", "engagement", "bio", "email", "orcid", "listed", "contact",
    ];

    public static readonly IReadOnlyList<string> PublicationColumns = ["expertId", "title", "abstract", "year", "venue", "doi", "authors"];

    private static readonly HashSet<string> ListColumns = ["otherNames", "fields", "keywords", "languages", "engagement", "authors"];

    /// <summary>Checks a header row; returns the column names or the errors that make the file unreadable.</summary>
    public static IReadOnlyList<string> Header(Csv.Row header, IReadOnlyList<string> allowed, string required, List<FieldError> errors)
    {
        var names = header.Cells.Select(c => c.Trim().TrimStart('\uFEFF')).ToList();
        foreach (var name in names.Where(n => !allowed.Contains(n)))
        {
            errors.Add(FieldError.Of("header", Problems.UnknownColumn, name, string.Join(", ", allowed)));
        }

        foreach (var duplicate in names.GroupBy(n => n).Where(g => g.Count() > 1))
        {
            errors.Add(FieldError.Of("header", Problems.DuplicateColumn, duplicate.Key));
        }

        if (!names.Contains(required))
        {
            errors.Add(FieldError.Of("header", Problems.RequiredColumn, required));
        }

        return names;
    }

    /// <summary>Turns a data row into the JSON the shared-format validator reads, so CSV and JSONL follow one set of rules.</summary>
    public static JsonObject ToJson(IReadOnlyList<string> header, Csv.Row row, List<FieldError> errors)
    {
        var json = new JsonObject();
        if (row.Cells.Count != header.Count)
        {
            errors.Add(FieldError.Of("row", Problems.CellCount, row.Cells.Count.ToString(CultureInfo.InvariantCulture), header.Count.ToString(CultureInfo.InvariantCulture)));
        }

        for (var i = 0; i < Math.Min(header.Count, row.Cells.Count); i++)
        {
            var name = header[i];
            var cell = row.Cells[i];
            if (cell.Trim().Length == 0)
            {
                continue;
            }

            json[name] = name switch
            {
                _ when ListColumns.Contains(name) => new JsonArray(cell.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
                "hIndex" or "year" => int.TryParse(cell.Trim(), out var number) ? JsonValue.Create(number) : JsonValue.Create(cell),
                "listed" or "contact" => ParseBoolean(cell) is { } flag ? JsonValue.Create(flag) : JsonValue.Create(cell),
                _ => JsonValue.Create(cell),
            };
        }

        return json;
    }

    public static JsonElement ToExpertElement(JsonObject row, IEnumerable<JsonObject> publications)
    {
        var expert = new JsonObject();
        foreach (var (name, value) in row)
        {
            if (name is "listed" or "contact")
            {
                continue;
            }

            expert[name] = value?.DeepClone();
        }

        if (row.ContainsKey("listed") || row.ContainsKey("contact"))
        {
            var consent = new JsonObject();
            if (row["listed"] is { } listed)
            {
                consent["listed"] = listed.DeepClone();
            }

            if (row["contact"] is { } contact)
            {
                consent["contact"] = contact.DeepClone();
            }

            expert["consent"] = consent;
        }

        var pubs = new JsonArray();
        foreach (var publication in publications)
        {
            var copy = (JsonObject)publication.DeepClone();
            copy.Remove("expertId");
            pubs.Add(copy);
        }

        if (pubs.Count > 0)
        {
            expert["publications"] = pubs;
        }

        return JsonSerializer.SerializeToElement(expert);
    }

    /// <summary>Maps a validator field path back to the CSV column people see.</summary>
    public static string ColumnOf(string field) => field switch
    {
        "consent.listed" => "listed",
        "consent.contact" => "contact",
        _ => field,
    };

    public static void Write(TextWriter writer, IEnumerable<Expert> experts)
    {
        Csv.WriteRow(writer, Columns);
        foreach (var e in experts)
        {
            Csv.WriteRow(writer,
            [
                e.Id, e.FullName, Join(e.OtherNames), e.Headline, e.Affiliation, e.Country, e.City, e.Hometown, Join(e.Fields),
                Join(e.Keywords), Join(e.Languages), e.Degree, e.HIndex?.ToString(), Join(e.Engagement), e.Bio, e.Email, e.Orcid,
                e.Consent.Listed ? "true" : "false", e.Consent.Contact ? "true" : "false",
            ]);
        }
    }

    public static void WritePublications(TextWriter writer, IEnumerable<Expert> experts)
    {
        Csv.WriteRow(writer, PublicationColumns);
        foreach (var e in experts)
        {
            foreach (var p in e.Publications)
            {
                Csv.WriteRow(writer, [e.Id, p.Title, p.Abstract, p.Year?.ToString(), p.Venue, p.Doi, Join(p.Authors)]);
            }
        }
    }

    private static string Join(IReadOnlyList<string> values) => string.Join("; ", values);

    private static bool? ParseBoolean(string cell) => cell.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "1" or "có" or "co" => true,
        "false" or "no" or "0" or "không" or "khong" => false,
        _ => null,
    };
}
