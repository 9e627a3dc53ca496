using System.Text;

namespace ExpertNetwork.Experts;

/// <summary>RFC 4180 CSV: quoted cells may hold commas, quotes and line breaks, so a record can span lines.</summary>
public static class Csv
{
    public sealed record Row(int Line, IReadOnlyList<string> Cells);

    public static IEnumerable<Row> Read(TextReader reader)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var rowStart = 1;
        var inQuotes = false;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            any = true;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        cell.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    cell.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when cell.Length == 0:
                    inQuotes = true;
                    break;
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    if (!(cells.Count == 1 && cells[0].Length == 0))
                    {
                        yield return new Row(rowStart, cells);
                    }

                    cells = [];
                    line++;
                    rowStart = line;
                    any = false;
                    break;
                default:
                    cell.Append(ch);
                    break;
            }
        }

        if (any)
        {
            cells.Add(cell.ToString());
            if (!(cells.Count == 1 && cells[0].Length == 0))
            {
                yield return new Row(rowStart, cells);
            }
        }
    }

    public static void WriteRow(TextWriter writer, IEnumerable<string?> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                writer.Write(',');
            }

            first = false;
            writer.Write(Escape(cell));
        }

        writer.Write("\r\n");
    }

    /// <summary>
    /// Quotes where CSV needs it and defuses spreadsheet formulas: a cell that starts with = + - @ (or a
    /// tab or carriage return, which some spreadsheets skip before looking) gets a leading apostrophe.
    /// </summary>
    public static string Escape(string? cell)
    {
        if (string.IsNullOrEmpty(cell))
        {
            return "";
        }

        if (cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            cell = "'" + cell;
        }

        return cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 || cell[0] == ' ' || cell[^1] == ' '
            ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : cell;
    }
}
