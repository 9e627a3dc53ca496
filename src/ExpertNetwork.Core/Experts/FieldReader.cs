using System.Text.Json;

namespace ExpertNetwork.Experts;

/// <summary>Reads typed fields off one JSON object and records a <see cref="FieldError"/> for each that breaks its rule.</summary>
internal readonly struct FieldReader(JsonElement element, string prefix, List<FieldError> errors)
{
    private bool TryGet(string name, out JsonElement value) =>
        element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private void Fail(string name, string message) => errors.Add(new FieldError(prefix + name, message));

    public string? RequiredString(string name, int maxLength)
    {
        if (!TryGet(name, out _))
        {
            Fail(name, "is required");
            return null;
        }

        var value = OptionalString(name, maxLength);
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            Fail(name, "must not be empty");
            return null;
        }

        return value;
    }

    public string? OptionalString(string name, int maxLength)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(name, $"must be a string, got {Describe(value)}");
            return null;
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            Fail(name, $"must be at most {maxLength} characters, got {text.Length}");
            return null;
        }

        return text;
    }

    public IReadOnlyList<string> StringList(string name, int maxItemLength)
    {
        if (!TryGet(name, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(name, $"must be an array of strings, got {Describe(value)}");
            return [];
        }

        var items = new List<string>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                Fail($"{name}[{index}]", $"must be a string, got {Describe(item)}");
            }
            else if (item.GetString()!.Length > maxItemLength)
            {
                Fail($"{name}[{index}]", $"must be at most {maxItemLength} characters");
            }
            else if (string.IsNullOrWhiteSpace(item.GetString()))
            {
                Fail($"{name}[{index}]", "must not be empty");
            }
            else
            {
                items.Add(item.GetString()!);
            }

            index++;
        }

        return items;
    }

    public IReadOnlyList<string> VocabularyList(string name, IReadOnlyList<string> allowed)
    {
        var items = StringList(name, 64);
        for (var i = 0; i < items.Count; i++)
        {
            if (!allowed.Contains(items[i]))
            {
                Fail($"{name}[{i}]", $"'{items[i]}' is not one of {string.Join(", ", allowed)}");
            }
        }

        return items;
    }

    public IReadOnlyList<string> CodeList(string name, IReadOnlySet<string> allowed, string what)
    {
        var items = StringList(name, 64);
        for (var i = 0; i < items.Count; i++)
        {
            if (!allowed.Contains(items[i]))
            {
                Fail($"{name}[{i}]", $"must be {what}, got '{items[i]}'");
            }
        }

        return items;
    }

    public string? Code(string name, IReadOnlySet<string> allowed, string what)
    {
        var value = OptionalString(name, 64);
        if (value is not null && !allowed.Contains(value))
        {
            Fail(name, $"must be {what}, got '{value}'");
        }

        return value;
    }

    public string? OneOf(string name, IReadOnlyList<string> allowed)
    {
        var value = OptionalString(name, 64);
        if (value is not null && !allowed.Contains(value))
        {
            Fail(name, $"'{value}' is not one of {string.Join(", ", allowed)}");
        }

        return value;
    }

    public int? Integer(string name, int min, int max)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Fail(name, $"must be a whole number, got {Describe(value)}");
            return null;
        }

        if (number < min || number > max)
        {
            Fail(name, $"must be between {min} and {max}, got {number}");
            return null;
        }

        return number;
    }

    public bool? Boolean(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Fail(name, $"must be true or false, got {Describe(value)}");
            return null;
        }

        return value.GetBoolean();
    }

    public string? Email(string name)
    {
        var value = OptionalString(name, 320);
        if (value is not null && !ExpertJson.EmailPattern().IsMatch(value))
        {
            Fail(name, $"'{value}' is not an email address");
        }

        return value;
    }

    public string? Orcid(string name)
    {
        var value = OptionalString(name, 19);
        if (value is not null && !ExpertJson.IsValidOrcid(value))
        {
            Fail(name, $"'{value}' is not an ORCID iD (dddd-dddd-dddd-dddX with a valid check digit)");
        }

        return value;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{Truncate(value.GetString()!)}\"",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
