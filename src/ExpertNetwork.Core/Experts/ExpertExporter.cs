using System.Text;
using System.Text.Json;

namespace ExpertNetwork.Experts;

/// <summary>Writes the whole directory in the shared format (JSONL) or as CSV plus a publications CSV beside it.</summary>
public sealed class ExpertExporter(ExpertStore store)
{
    public async Task<int> ExportAsync(string path, CancellationToken cancellationToken = default)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        // Written beside the target and moved into place, so a failed export never leaves half a file under the real name.
        var temporary = path + ".partial";
        int count;
        try
        {
            count = Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".jsonl" or ".ndjson" => await WriteJsonLinesAsync(temporary, cancellationToken),
                ".csv" => await WriteCsvAsync(temporary, PublicationsPathFor(path), cancellationToken),
                var other => throw new InvalidDataException($"{Path.GetFileName(path)}: unsupported export type '{other}' (use .jsonl or .csv)"),
            };
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        File.Move(temporary, path, overwrite: true);
        return count;
    }

    public static string PublicationsPathFor(string csvPath) =>
        Path.Combine(Path.GetDirectoryName(csvPath) ?? "", Path.GetFileNameWithoutExtension(csvPath) + ".publications.csv");

    private async Task<int> WriteJsonLinesAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var count = 0;
        var newline = "\n"u8.ToArray();
        await using var writer = new Utf8JsonWriter(stream, ExpertJson.WriterOptions);
        await foreach (var stored in store.StreamAsync(cancellationToken: cancellationToken))
        {
            ExpertJson.Write(writer, stored.Expert);
            await writer.FlushAsync(cancellationToken);
            writer.Reset();
            await stream.WriteAsync(newline, cancellationToken);
            count++;
        }

        return count;
    }

    private async Task<int> WriteCsvAsync(string path, string publicationsPath, CancellationToken cancellationToken)
    {
        var experts = new List<Expert>();
        await foreach (var stored in store.StreamAsync(cancellationToken: cancellationToken))
        {
            experts.Add(stored.Expert);
        }

        var utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        await using (var writer = new StreamWriter(path, false, utf8WithBom))
        {
            ExpertCsv.Write(writer, experts);
        }

        await using (var writer = new StreamWriter(publicationsPath, false, utf8WithBom))
        {
            ExpertCsv.WritePublications(writer, experts);
        }

        return experts.Count;
    }
}
