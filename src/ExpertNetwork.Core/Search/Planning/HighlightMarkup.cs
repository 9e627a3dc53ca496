using System.Buffers;
using System.Text;

namespace ExpertNetwork.Search.Planning;

/// <summary>
/// How both engines write a snippet: markup characters escaped (&amp; &lt; &gt; "), every other character as it
/// is (Lucene's SimpleHTMLEncoder, which Elasticsearch's <c>html</c> encoder uses, turns each non-ASCII letter into
/// an entity, which ruins Vietnamese), matches in &lt;em&gt;.
/// </summary>
internal static class HighlightMarkup
{
    /// <summary>Tags Elasticsearch puts around matches (private-use characters, never in text), turned into &lt;em&gt; after escaping.</summary>
    public const string Start = "\uE000";

    public const string End = "\uE001";

    private static readonly SearchValues<char> Markup = SearchValues.Create("&<>\"");

    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny(Markup) < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        AppendEscaped(escaped, text);
        return escaped.ToString();
    }

    public static void AppendEscaped(StringBuilder into, ReadOnlySpan<char> text)
    {
        while (text.Length > 0)
        {
            var next = text.IndexOfAny(Markup);
            if (next < 0)
            {
                into.Append(text);
                return;
            }

            into.Append(text[..next]).Append(text[next] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => "&quot;",
            });
            text = text[(next + 1)..];
        }
    }

    /// <summary>A fragment as Elasticsearch returns it (raw text, matches between <see cref="Start"/> and <see cref="End"/>) as HTML.</summary>
    public static string FromMarked(string fragment) =>
        Escape(fragment).Replace(Start, "<em>", StringComparison.Ordinal).Replace(End, "</em>", StringComparison.Ordinal);
}
