using System.Globalization;
using System.Text;

namespace ExpertNetwork.Text;

/// <summary>Turns the free text of a name field into a <see cref="PersonName"/>; see <see cref="PersonName.Parse"/>.</summary>
internal static class NameReader
{
    // Vietnamese academic titles (GS.TS., PGS., ThS.) and English ones head many profile names.
    // None of them is a Vietnamese syllable, so dropping them cannot eat part of a name.
    private static readonly HashSet<string> Titles =
    [
        "gs", "pgs", "ts", "tskh", "ths", "bs", "bsck", "ks", "cn", "ls", "nnc", "dr", "prof", "assoc",
        "mr", "mrs", "ms", "mx", "mme", "mlle",
    ];

    private static readonly HashSet<string> Degrees =
    [
        "phd", "dphil", "md", "msc", "mba", "bsc", "mph", "jr", "sr", "ii", "iii", "iv", "esq",
    ];

    // Invisible characters arrive with pasted text. A zero-width space separates words like any
    // space; the joiners and the soft hyphen sit inside words and mean nothing for a name.
    private const char ZeroWidthSpace = '\u200B';
    private static readonly char[] Invisible = ['\u2060', '\uFEFF', '\u00AD'];

    private static readonly (char Open, char Close)[] Asides = [('(', ')'), ('[', ']'), ('"', '"'), ('“', '”')];

    // "Nguyễn-Văn-An" is an older way of writing one name; "Jean-Pierre" and "Tran-Nguyen" are
    // single parts, so a hyphenated token is only split when it has a name's worth of syllables.
    private const int HyphenatedFullNameParts = 3;

    internal static (PersonName Name, string Written) Read(string? fullName)
    {
        if (string.IsNullOrWhiteSpace(fullName))
        {
            return (PersonName.Empty, string.Empty);
        }

        var segments = WithoutAsides(VietnameseText.Compose(fullName))
            .Split(',')
            .Select(Tokens)
            .Where(tokens => tokens.Count > 0 && !tokens.All(IsTitleOrDegree))
            .ToList();
        if (segments.Count == 0)
        {
            return (PersonName.Empty, string.Empty);
        }

        var head = segments[0];
        while (head.Count > 1 && IsTitle(head[0]))
        {
            head.RemoveAt(0);
        }

        // Past a comma only a family name ("Nguyen, Duc V.") makes the rest part of the name;
        // anything else there ("An Nguyen, Quy Nhon") is about the person, not their name.
        var inverted = segments.Count > 1 && (head.Count == 1 || VietnameseFamilyNames.IsCompound(head));
        var tail = inverted ? segments[1] : head;
        while (tail.Count > 1 && IsDegree(tail[^1]) && !MayBeInitials(tail[^1]))
        {
            tail.RemoveAt(tail.Count - 1);
        }

        if (inverted)
        {
            return (FromInverted([.. head], [.. tail]), $"{string.Join(' ', head)}, {string.Join(' ', tail)}");
        }

        var tokens = head.Count == 1 ? SplitHyphenatedName(head[0]) : [.. head];
        return (FromOrder(tokens), string.Join(' ', head));
    }

    /// <summary>"V.", "V" or "D.V.": letters standing for a name rather than spelling one.</summary>
    internal static bool IsInitials(string token)
    {
        var letters = 0;
        var run = 0;
        for (var i = 0; i < token.Length; i++)
        {
            if (char.IsLetter(token, i))
            {
                letters++;
                if (++run > 1)
                {
                    return false;
                }
            }
            else
            {
                run = 0;
            }
        }

        return letters > 0;
    }

    private static PersonName FromOrder(string[] tokens)
    {
        if (tokens.Length == 1)
        {
            return new PersonName(string.Empty, string.Empty, tokens[0]);
        }

        var atStart = VietnameseFamilyNames.CompoundAtStart(tokens);
        var atEnd = VietnameseFamilyNames.CompoundAtEnd(tokens);
        var startWeight = atStart > 0
            ? VietnameseFamilyNames.CompoundWeight(tokens[..atStart])
            : VietnameseFamilyNames.Weight(tokens[0]);
        var endWeight = atEnd > 0
            ? VietnameseFamilyNames.CompoundWeight(tokens[^atEnd..])
            : VietnameseFamilyNames.Weight(tokens[^1]);

        // Western order has to be earned: the end must look more like a family name than the
        // start. On a tie the French habit of capitalising the family name ("Mai LAM") decides.
        var western = endWeight != startWeight ? endWeight > startWeight : IsCapitalisedFamilyAtEnd(tokens);
        if (western)
        {
            var familyLength = Math.Max(atEnd, 1);
            return new PersonName(Join(tokens[^familyLength..]), Join(tokens[1..^familyLength]), tokens[0]);
        }
        else
        {
            var familyLength = Math.Max(atStart, 1);
            return new PersonName(Join(tokens[..familyLength]), Join(tokens[familyLength..^1]), tokens[^1]);
        }
    }

    private static PersonName FromInverted(string[] family, string[] rest)
    {
        // The given names after the comma keep the order their owner uses, which may be
        // Western ("Duc V.") or Vietnamese ("Van An"). The one spelled-out name among initials
        // is the given name; otherwise the Vietnamese reading, given name last, is the likelier.
        var spelledOut = rest.Where(t => !IsInitials(t)).ToArray();
        var givenAt = spelledOut.Length == 1 ? Array.IndexOf(rest, spelledOut[0]) : rest.Length - 1;
        return new PersonName(Join(family), Join(rest.Where((_, i) => i != givenAt)), rest[givenAt]);
    }

    private static bool IsCapitalisedFamilyAtEnd(string[] tokens) =>
        tokens.Any(HasLowercase) && IsCapitalised(tokens[^1]) && !IsCapitalised(tokens[0]);

    private static bool IsCapitalised(string token) =>
        token.Count(char.IsLetter) >= 2 && !HasLowercase(token);

    private static bool HasLowercase(string token) => token.Any(char.IsLower);

    private static bool IsTitleOrDegree(string token) => IsTitle(token) || IsDegree(token);

    private static bool IsTitle(string token)
    {
        var pieces = token.Split('.', StringSplitOptions.RemoveEmptyEntries);
        return pieces.Length > 0 && pieces.All(p => Titles.Contains(VietnameseText.Fold(p)));
    }

    private static bool IsDegree(string token) => Degrees.Contains(VietnameseText.Fold(token.Replace(".", string.Empty)));

    // "M.D." or "MD" at the end of "Nguyen M.D." are more likely Minh Duc than a doctor.
    private static bool MayBeInitials(string token) =>
        IsInitials(token) || (token.Count(char.IsLetter) <= 2 && !HasLowercase(token));

    private static string[] SplitHyphenatedName(string token)
    {
        var parts = token.Split('-', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= HyphenatedFullNameParts ? parts : [token];
    }

    private static List<string> Tokens(string segment) =>
        segment.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(TrimPunctuation)
            .Where(t => t.Length > 0 && HasLetter(t))
            .ToList();

    // A name token starts with a letter and ends with a letter, a mark or the dot of an initial.
    private static string TrimPunctuation(string token)
    {
        var start = 0;
        while (start < token.Length && !char.IsLetter(token, start) && !char.IsSurrogate(token[start]))
        {
            start++;
        }

        var end = token.Length;
        while (end > start && !IsWordEnd(token, end - 1))
        {
            end--;
        }

        return token[start..end];
    }

    private static bool IsWordEnd(string token, int i) =>
        token[i] == '.' || char.IsSurrogate(token[i]) || char.IsLetter(token[i])
        || char.GetUnicodeCategory(token[i]) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static bool HasLetter(string token)
    {
        for (var i = 0; i < token.Length; i++)
        {
            if (char.IsLetter(token, i))
            {
                return true;
            }
        }

        return false;
    }

    private static string WithoutAsides(string text)
    {
        text = string.Concat(text.Replace(ZeroWidthSpace, ' ').Split(Invisible));
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var close = Asides.FirstOrDefault(a => a.Open == text[i]).Close;
            var closeAt = close == default ? -1 : text.IndexOf(close, i + 1);
            if (closeAt < 0)
            {
                kept.Append(IsAsideMark(text[i]) ? ' ' : text[i]);
                continue;
            }

            kept.Append(' ');
            i = closeAt;
        }

        // A name written entirely in quotes or brackets is the name, not an aside to it.
        var withoutAsides = kept.ToString();
        return HasLetter(withoutAsides) ? withoutAsides : new string([.. text.Select(c => IsAsideMark(c) ? ' ' : c)]);
    }

    private static bool IsAsideMark(char c) => Asides.Any(a => a.Open == c || a.Close == c);

    private static string Join(IEnumerable<string> tokens) => string.Join(' ', tokens);
}
