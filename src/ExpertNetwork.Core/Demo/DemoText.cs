using System.Text;

namespace ExpertNetwork.Demo;

internal static class DemoText
{
    /// <summary>Upper-cases the first letter unless the first word is cased on purpose (eDNA, iPhone).</summary>
    public static string Capitalize(string text)
    {
        if (text.Length == 0 || !char.IsLower(text[0]))
        {
            return text;
        }

        var firstWord = text.Split(' ', 2)[0];
        if (firstWord.Skip(1).Any(char.IsUpper))
        {
            return text;
        }

        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    public static string Article(string nounPhrase) =>
        "aeiouAEIOU".Contains(nounPhrase[0]) ? "an" : "a";

    public static string JoinEn(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    public static string JoinVi(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " và " + items[^1],
    };

    /// <summary>
    /// Lower-cases a job title for use inside an English sentence, keeping academic ranks and
    /// acronyms as they are ("an Associate Professor", "a PhD candidate", "a senior engineer").
    /// </summary>
    public static string InSentence(string title)
    {
        if (title.Contains("Professor", StringComparison.Ordinal))
        {
            return title;
        }

        return string.Join(' ', title.Split(' ').Select(w => w.Skip(1).Any(char.IsUpper) || w.Length == 1 ? w : w.ToLowerInvariant()));
    }

    public static string OrgInSentence(string name) =>
        name.StartsWith("The ", StringComparison.Ordinal) ? "the" + name[3..]
        : name.Contains(" of ", StringComparison.Ordinal) ? "the " + name
        : name;

    public static string FillNumbers(string template, DemoRandom random)
    {
        if (!template.Contains('{'))
        {
            return template;
        }

        var sb = new StringBuilder(template.Length + 8);
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '{' && i + 2 < template.Length && template[i + 2] == '}')
            {
                var value = template[i + 1] switch
                {
                    'n' => random.Next(5, 45),
                    'm' => random.Next(3, 120),
                    'k' => random.Next(1, 9),
                    'd' => random.Next(0, 9),
                    'p' => random.Next(80, 99),
                    't' => random.Next(4, 18) * 50,
                    'c' => random.Next(70, 95),
                    _ => throw new InvalidOperationException($"Unknown slot in '{template}'."),
                };
                sb.Append(value);
                i += 2;
            }
            else
            {
                sb.Append(template[i]);
            }
        }

        return sb.ToString();
    }
}
