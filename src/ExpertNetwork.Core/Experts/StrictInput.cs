using System.Text;
using System.Text.Json;

namespace ExpertNetwork.Experts;

/// <summary>
/// UTF-8 that notices bad bytes. Decoding still goes on (each bad sequence becomes U+FFFD, as usual) so the
/// reader can say which line and field held them, but <see cref="SawInvalidBytes"/> tells that happened, and a
/// line is then refused rather than stored with the replacement character in place of the text.
/// </summary>
public sealed class StrictUtf8
{
    public StrictUtf8()
    {
        Encoding = Encoding.GetEncoding("utf-8", EncoderFallback.ReplacementFallback, new Fallback(this));
    }

    public Encoding Encoding { get; }

    public bool SawInvalidBytes { get; private set; }

    /// <summary>
    /// Whether a line just read holds bytes that were not UTF-8: it holds U+FFFD and bad bytes have been decoded
    /// by now. A reader decodes ahead, never behind, so a line from before the first bad bytes is never blamed.
    /// </summary>
    public bool Spoilt(string line) => SawInvalidBytes && line.Contains('\uFFFD', StringComparison.Ordinal);

    private sealed class Fallback(StrictUtf8 owner) : DecoderFallback
    {
        public override int MaxCharCount => 1;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(owner);
    }

    private sealed class Buffer(StrictUtf8 owner) : DecoderFallbackBuffer
    {
        private bool _pending;

        public override int Remaining => _pending ? 1 : 0;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            owner.SawInvalidBytes = true;
            _pending = true;
            return true;
        }

        public override char GetNextChar()
        {
            if (!_pending)
            {
                return '\0';
            }

            _pending = false;
            return '\uFFFD';
        }

        public override bool MovePrevious() => false;

        public override void Reset() => _pending = false;
    }
}

/// <summary>JSON that System.Text.Json accepts but the shared format does not: a name twice in one object, text that was not UTF-8.</summary>
public static class StrictJson
{
    /// <summary>Each name that appears more than once in one object, as a field path such as <c>fullName</c> or <c>publications[1].title</c>.</summary>
    public static IReadOnlyList<string> DuplicateNames(JsonElement root)
    {
        var found = new List<string>();
        Walk(root, "", (element, path) =>
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!names.Add(property.Name))
                    {
                        found.Add(Join(path, property.Name));
                    }
                }
            }
        });
        return found.Distinct().ToList();
    }

    /// <summary>The field paths whose names or text hold U+FFFD, where a reader put bytes that were not UTF-8.</summary>
    public static IReadOnlyList<string> ReplacedText(JsonElement root)
    {
        var found = new List<string>();
        Walk(root, "", (element, path) =>
        {
            if (element.ValueKind == JsonValueKind.String && element.GetString()!.Contains('\uFFFD', StringComparison.Ordinal))
            {
                found.Add(path.Length == 0 ? "json" : path);
            }
            else if (element.ValueKind == JsonValueKind.Object)
            {
                found.AddRange(element.EnumerateObject().Where(p => p.Name.Contains('\uFFFD', StringComparison.Ordinal)).Select(p => Join(path, p.Name)));
            }
        });
        return found.Distinct().ToList();
    }

    /// <summary>The fields of a line that held bytes other than UTF-8, for an error on each; "json" when the line is not JSON at all.</summary>
    public static IReadOnlyList<FieldError> InvalidUtf8(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var fields = ReplacedText(document.RootElement);
            return (fields.Count == 0 ? ["json"] : fields).Select(f => FieldError.Of(f, Problems.InvalidUtf8)).ToList();
        }
        catch (JsonException)
        {
            return [FieldError.Of("json", Problems.InvalidUtf8)];
        }
    }

    private static void Walk(JsonElement element, string path, Action<JsonElement, string> visit)
    {
        visit(element, path);
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, Join(path, property.Name), visit);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{index++}]", visit);
                }

                break;
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
