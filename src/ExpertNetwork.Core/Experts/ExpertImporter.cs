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
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
        var candidates = extension switch
        {
            ".jsonl" or ".ndjson" or ".json" => ReadJsonLines(reader),
            ".csv" => ReadCsv(reader, file, options.PublicationsPath, errors),
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

        if (errors.Count > 0 && !options.SkipInvalid)
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

    private static IEnumerable<Candidate> ReadJsonLines(StreamReader reader)
    {
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var errors = new List<FieldError>();
            var expert = ExpertJson.Parse(text, errors);
            yield return new Candidate(line, expert, errors);
        }
    }

    private static IEnumerable<Candidate> ReadCsv(StreamReader reader, string file, string? publicationsPath, List<ImportError> fileErrors)
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

        var headerErrors = new List<FieldError>();
        var header = ExpertCsv.Header(rows.Current, ExpertCsv.Columns, "id", headerErrors);
        if (headerErrors.Count > 0)
        {
            yield return new Candidate(rows.Current.Line, null, headerErrors);
            yield break;
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        while (rows.MoveNext())
        {
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

    private static Dictionary<string, List<(int Line, JsonObject Row)>> ReadPublications(string path, List<ImportError> errors, HashSet<string> tainted)
    {
        var file = Path.GetFileName(path);
        var byExpert = new Dictionary<string, List<(int Line, JsonObject Row)>>(StringComparer.Ordinal);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var rows = Csv.Read(reader).GetEnumerator();
        if (!rows.MoveNext())
        {
            return byExpert;
        }

        var headerErrors = new List<FieldError>();
        var header = ExpertCsv.Header(rows.Current, ExpertCsv.PublicationColumns, "expertId", headerErrors);
        errors.AddRange(headerErrors.Select(e => new ImportError(file, rows.Current.Line, e.Field, e.Message)));
        if (headerErrors.Count > 0)
        {
            return byExpert;
        }

        while (rows.MoveNext())
        {
            var rowErrors = new List<FieldError>();
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
