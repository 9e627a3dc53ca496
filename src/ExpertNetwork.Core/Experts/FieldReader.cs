using System.Globalization;
using System.Text.Json;

namespace ExpertNetwork.Experts;

/// <summary>Reads typed fields off one JSON object and records a <see cref="FieldError"/> for each that breaks its rule.</summary>
internal readonly struct FieldReader(JsonElement element, string prefix, List<FieldError> errors)
{
    private bool TryGet(string name, out JsonElement value) =>
        element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private void Fail(string name, string code, params string[] arguments) => errors.Add(FieldError.Of(prefix + name, code, arguments));

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public string? RequiredString(string name, int maxLength)
    {
        if (!TryGet(name, out _))
        {
            Fail(name, Problems.Required);
            return null;
        }

        var value = OptionalString(name, maxLength);
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            Fail(name, Problems.Empty);
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
            Fail(name, Problems.NotString, Describe(value));
            return null;
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            Fail(name, Problems.TooLong, Number(maxLength), Number(text.Length));
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
            Fail(name, Problems.NotStringArray, Describe(value));
            return [];
        }

        var items = new List<string>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                Fail($"{name}[{index}]", Problems.NotString, Describe(item));
            }
            else if (item.GetString()!.Length > maxItemLength)
            {
                Fail($"{name}[{index}]", Problems.ItemTooLong, Number(maxItemLength));
            }
            else if (string.IsNullOrWhiteSpace(item.GetString()))
            {
                Fail($"{name}[{index}]", Problems.Empty);
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
                Fail($"{name}[{i}]", Problems.NotOneOf, items[i], string.Join(", ", allowed));
            }
        }

        return items;
    }

    public IReadOnlyList<string> CodeList(string name, IReadOnlySet<string> allowed, string problem)
    {
        var items = StringList(name, 64);
        for (var i = 0; i < items.Count; i++)
        {
            if (!allowed.Contains(items[i]))
            {
                Fail($"{name}[{i}]", problem, items[i]);
            }
        }

        return items;
    }

    public string? Code(string name, IReadOnlySet<string> allowed, string problem)
    {
        var value = OptionalString(name, 64);
        if (value is not null && !allowed.Contains(value))
        {
            Fail(name, problem, value);
        }

        return value;
    }

    public string? OneOf(string name, IReadOnlyList<string> allowed)
    {
        var value = OptionalString(name, 64);
        if (value is not null && !allowed.Contains(value))
        {
            Fail(name, Problems.NotOneOf, value, string.Join(", ", allowed));
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
            Fail(name, Problems.NotWholeNumber, Describe(value));
            return null;
        }

        if (number < min || number > max)
        {
            Fail(name, Problems.OutOfRange, Number(min), Number(max), Number(number));
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
            Fail(name, Problems.NotBoolean, Describe(value));
            return null;
        }

        return value.GetBoolean();
    }

    public string? Email(string name)
    {
        var value = OptionalString(name, 320);
        if (value is not null && !ExpertJson.EmailPattern().IsMatch(value))
        {
            Fail(name, Problems.NotEmail, value);
        }

        return value;
    }

    public string? Orcid(string name)
    {
        var value = OptionalString(name, 19);
        if (value is not null && !ExpertJson.IsValidOrcid(value))
        {
            Fail(name, Problems.NotOrcid, value);
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
