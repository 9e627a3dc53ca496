using System.Text;

namespace ExpertNetwork.Web.Security;

/// <summary>
/// Where a <c>returnUrl</c> may send people: a path on this site, checked here rather than by
/// <c>LocalRedirect</c>, which throws (a 500) on what it refuses. Anything else goes to the fallback.
/// </summary>
public static class LocalRedirects
{
    public const int MaxLength = 2048;

    /// <summary>The path to redirect to: <paramref name="url"/> when it is local and well formed, else <paramref name="fallback"/>.</summary>
    public static string Target(string? url, string fallback = "/") => IsLocal(url) ? Encode(url!) : fallback;

    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || !SafePath(url))
        {
            return false;
        }

        // A browser or a proxy in front may decode once or twice before it acts on the path, so the decoded forms must be local too.
        var decoded = url;
        for (var i = 0; i < 3; i++)
        {
            var next = Uri.UnescapeDataString(decoded);
            if (next == decoded)
            {
                return true;
            }

            if (!SafePath(next))
            {
                return false;
            }

            decoded = next;
        }

        return true;
    }

    /// <summary>
    /// One leading slash and then no second slash or backslash (a protocol-relative address in every browser),
    /// no backslash anywhere (browsers read it as a slash) and no control or invisible separator characters.
    /// </summary>
    private static bool SafePath(string url)
    {
        if (url[0] != '/' || (url.Length > 1 && (url[1] == '/' || url[1] == '\\')))
        {
            return false;
        }

        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (char.IsHighSurrogate(c) && i + 1 < url.Length && char.IsLowSurrogate(url[i + 1]))
            {
                i++;
                continue;
            }

            if (c == '\\' || char.IsControl(c) || char.IsSurrogate(c)
                || c is '\u00A0' or '\u1680' or (>= '\u2000' and <= '\u200F') or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' or '\uFEFF')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A response header carries ASCII only: spaces and letters such as Vietnamese ones are percent-encoded.</summary>
    private static string Encode(string url)
    {
        if (url.All(c => c is > ' ' and < '\u007F'))
        {
            return url;
        }

        var builder = new StringBuilder(url.Length * 2);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7F)
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var written = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..written])
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
