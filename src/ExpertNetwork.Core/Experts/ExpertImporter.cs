using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExpertNetwork.Experts;

public sealed record ImportError(string File, int Line, string Field, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Field}: {Message}";
}

public sealed record ImportProgress(long BytesRead, long TotalBytes, int Records);

public sealed record ImportOptions
{
    public bool SkipInvalid { get; init; }
    public string? PublicationsPath { get; init; }
    public string? ChangedBy { get; init; }
}

public sealed record ImportResult(int Read, int Created, int Updated, int Unchanged, int Invalid, IReadOnlyList<ImportError> Errors, IReadOnlyList<string> ChangedIds)
{
    public bool Stored => Created + Updated > 0;
}

/// <summary>
/// Reads experts.jsonl or the CSV form and stores them in one transaction, written in batches: with any invalid
/// record and no <see cref="ImportOptions.SkipInvalid"/>, nothing is stored and every invalid record is reported.
/// </summary>
public sealed class ExpertImporter(ExpertStore store)
{
    private sealed record Candidate(int Line, Expert? Expert, IReadOnlyList<FieldError> Errors);

    public async Task<ImportResult> ImportAsync(string path, ImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var file = Path.GetFileName(path);
        var errors = new List<ImportError>();
        var extension = Path.GetExtension(path).ToLowerInvariant();
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        // Bytes that are not UTF-8 are refused with their line and field, never stored as U+FFFD.
        var utf8 = new StrictUtf8();
        using var reader = new StreamReader(stream, utf8.Encoding, detectEncodingFromByteOrderMarks: false, 1 << 16);
        var candidates = extension switch
        {
            ".jsonl" or ".ndjson" or ".json" => ReadJsonLines(reader, utf8),
            ".csv" => ReadCsv(reader, utf8, file, options.PublicationsPath, errors),
            _ => throw new InvalidDataException($"{file}: unsupported file type '{extension}' (use .jsonl or .csv)"),
        };

        await using var session = await store.BeginWriteAsync(options.ChangedBy ?? $"import:{file}", cancellationToken);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var batch = new List<Expert>(BatchSize);
        int read = 0, created = 0, updated = 0, unchanged = 0, invalid = 0;
        async Task FlushAsync()
        {
            Count(await session.SaveManyAsync(batch, cancellationToken), ref created, ref updated, ref unchanged);
            batch.Clear();
        }

        foreach (var candidate in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            read++;
            if (candidate.Expert is { } expert && seen.TryGetValue(expert.Id, out var firstLine))
            {
                errors.Add(new ImportError(file, candidate.Line, "id", $"'{expert.Id}' already appears on line {firstLine}"));
                invalid++;
            }
            else if (candidate.Expert is null)
            {
                errors.AddRange(candidate.Errors.Select(e => new ImportError(file, candidate.Line, e.Field, e.Message)));
                invalid++;
            }
            else
            {
                seen[candidate.Expert.Id] = candidate.Line;
                if (errors.Count == 0 || options.SkipInvalid)
                {
                    batch.Add(candidate.Expert);
                    if (batch.Count == BatchSize)
                    {
                        await FlushAsync();
                    }
                }
            }

            if (read % 500 == 0)
            {
                progress?.Report(new ImportProgress(stream.Position, stream.Length, read));
            }
        }

        if (read == 0 && errors.Count == 0)
        {
            errors.Add(new ImportError(file, 1, "file", Problems.English[Problems.NoRecords]));
            invalid = 1;
        }

        if (errors.Count > 0 && (!options.SkipInvalid || read == 0))
        {
            progress?.Report(new ImportProgress(stream.Length, stream.Length, read));
            return new ImportResult(read, 0, 0, 0, Math.Max(invalid, 1), errors, []);
        }

        await FlushAsync();
        progress?.Report(new ImportProgress(stream.Length, stream.Length, read));

        await session.CommitAsync(cancellationToken);
        return new ImportResult(read, created, updated, unchanged, invalid, errors, session.ChangedIds.ToList());
    }

    /// <summary>Stores already-valid profiles (the demo generator's) in one transaction.</summary>
    public async Task<ImportResult> StoreAsync(IEnumerable<Expert> experts, string changedBy, IProgress<ImportProgress>? progress = null, int expected = 0, CancellationToken cancellationToken = default)
    {
        await using var session = await store.BeginWriteAsync(changedBy, cancellationToken);
        int read = 0, created = 0, updated = 0, unchanged = 0;
        foreach (var batch in experts.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Count(await session.SaveManyAsync(batch, cancellationToken), ref created, ref updated, ref unchanged);
            read += batch.Length;
            progress?.Report(new ImportProgress(read, Math.Max(expected, read), read));
        }

        await session.CommitAsync(cancellationToken);
        progress?.Report(new ImportProgress(read, Math.Max(expected, read), read));
        return new ImportResult(read, created, updated, unchanged, 0, [], session.ChangedIds.ToList());
    }

    /// <summary>Profiles written per round trip on SQL Server; also the most ids one batch's lookup sends as parameters.</summary>
    internal const int BatchSize = 1000;

    private static void Count(IReadOnlyList<SaveOutcome> outcomes, ref int created, ref int updated, ref int unchanged)
    {
        foreach (var outcome in outcomes)
        {
            switch (outcome)
            {
                case SaveOutcome.Created: created++; break;
                case SaveOutcome.Updated: updated++; break;
                default: unchanged++; break;
            }
        }
    }

    private static IEnumerable<Candidate> ReadJsonLines(StreamReader reader, StrictUtf8 utf8)
    {
        var line = 0;
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

            if (utf8.Spoilt(text))
            {
                yield return new Candidate(line, null, StrictJson.InvalidUtf8(text));
                continue;
            }

            var errors = new List<FieldError>();
            var expert = ExpertJson.Parse(text, errors);
            yield return new Candidate(line, expert, errors);
        }
    }

    private static IEnumerable<Candidate> ReadCsv(StreamReader reader, StrictUtf8 utf8, string file, string? publicationsPath, List<ImportError> fileErrors)
    {
        var tainted = new HashSet<string>(StringComparer.Ordinal);
        var publications = publicationsPath is null
            ? new Dictionary<string, List<(int Line, JsonObject Row)>>()
            : ReadPublications(publicationsPath, fileErrors, tainted);
        var rows = Csv.Read(reader).GetEnumerator();
        if (!rows.MoveNext())
        {
            yield break;
        }

        var headerErrors = InvalidCells(rows.Current, null, utf8);
        if (headerErrors.Count > 0)
        {
            yield return new Candidate(rows.Current.Line, null, headerErrors);
            yield break;
        }

        var header = ExpertCsv.Header(rows.Current, ExpertCsv.Columns, "id", headerErrors);
        if (headerErrors.Count > 0)
        {
            yield return new Candidate(rows.Current.Line, null, headerErrors);
            yield break;
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        while (rows.MoveNext())
        {
            var invalid = InvalidCells(rows.Current, header, utf8);
            if (invalid.Count > 0)
            {
                yield return new Candidate(rows.Current.Line, null, invalid);
                continue;
            }

            var errors = new List<FieldError>();
            var row = ExpertCsv.ToJson(header, rows.Current, errors);
            var id = row["id"]?.GetValue<string>() ?? "";
            used.Add(id);
            var element = ExpertCsv.ToExpertElement(row, publications.GetValueOrDefault(id)?.Select(p => p.Row) ?? []);
            var expert = ExpertJson.Parse(element, errors);
            if (tainted.Contains(id))
            {
                errors.Add(new FieldError("publications", $"has invalid rows in {Path.GetFileName(publicationsPath)}"));
            }

            yield return new Candidate(rows.Current.Line, errors.Count == 0 ? expert : null,
                errors.Select(e => e with { Field = ExpertCsv.ColumnOf(e.Field) }).ToList());
        }

        if (publicationsPath is not null)
        {
            var pubFile = Path.GetFileName(publicationsPath);
            foreach (var orphan in publications.Where(p => !used.Contains(p.Key)))
            {
                fileErrors.Add(new ImportError(pubFile, orphan.Value[0].Line, "expertId", $"no expert '{orphan.Key}' in {file}"));
            }
        }
    }

    /// <summary>A CSV row's cells that held bytes other than UTF-8, by column name (or "header").</summary>
    private static List<FieldError> InvalidCells(Csv.Row row, IReadOnlyList<string>? header, StrictUtf8 utf8)
    {
        var errors = new List<FieldError>();
        if (!utf8.SawInvalidBytes)
        {
            return errors;
        }

        for (var i = 0; i < row.Cells.Count; i++)
        {
            if (row.Cells[i].Contains('\uFFFD', StringComparison.Ordinal))
            {
                errors.Add(FieldError.Of(header is null ? "header" : i < header.Count ? header[i] : $"column {i + 1}", Problems.InvalidUtf8));
            }
        }

        return errors;
    }

    private static Dictionary<string, List<(int Line, JsonObject Row)>> ReadPublications(string path, List<ImportError> errors, HashSet<string> tainted)
    {
        var file = Path.GetFileName(path);
        var byExpert = new Dictionary<string, List<(int Line, JsonObject Row)>>(StringComparer.Ordinal);
        var utf8 = new StrictUtf8();
        using var reader = new StreamReader(path, utf8.Encoding, detectEncodingFromByteOrderMarks: false);
        var rows = Csv.Read(reader).GetEnumerator();
        if (!rows.MoveNext())
        {
            return byExpert;
        }

        var headerErrors = InvalidCells(rows.Current, null, utf8);
        var header = ExpertCsv.Header(rows.Current, ExpertCsv.PublicationColumns, "expertId", headerErrors);
        errors.AddRange(headerErrors.Select(e => new ImportError(file, rows.Current.Line, e.Field, e.Message)));
        if (headerErrors.Count > 0)
        {
            return byExpert;
        }

        while (rows.MoveNext())
        {
            var rowErrors = InvalidCells(rows.Current, header, utf8);
            if (rowErrors.Count > 0)
            {
                errors.AddRange(rowErrors.Select(e => new ImportError(file, rows.Current.Line, e.Field, e.Message)));
                if (header.TakeWhile(h => h != "expertId").Count() is var at && at < header.Count && at < rows.Current.Cells.Count)
                {
                    tainted.Add(rows.Current.Cells[at].Trim());
                }

                continue;
            }

            var row = ExpertCsv.ToJson(header, rows.Current, rowErrors);
            var expertId = row["expertId"]?.GetValue<string>();
            row.Remove("expertId");
            var probe = JsonSerializer.SerializeToElement(new JsonObject
            {
                ["id"] = "probe",
                ["fullName"] = "probe",
                ["publications"] = new JsonArray(row.DeepClone()),
            });
            ExpertJson.Parse(probe, rowErrors);
            if (expertId is null)
            {
                rowErrors.Add(FieldError.Of("expertId", Problems.Required));
            }

            if (rowErrors.Count > 0)
            {
                if (expertId is not null)
                {
                    tainted.Add(expertId);
                }

                errors.AddRange(rowErrors.Select(e => new ImportError(file, rows.Current.Line, e.Field.Replace("publications[0].", "", StringComparison.Ordinal), e.Message)));
                continue;
            }

            if (!byExpert.TryGetValue(expertId!, out var list))
            {
                byExpert[expertId!] = list = [];
            }

            list.Add((rows.Current.Line, row));
        }

        return byExpert;
    }
}
