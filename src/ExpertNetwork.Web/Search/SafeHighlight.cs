using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;

namespace ExpertNetwork.Web.Search;

/// <summary>
/// Turns a search engine's snippet into HTML whose only markup is &lt;em&gt;. Engines mark matches with
/// &lt;em&gt; and may or may not have escaped the text around them; decoding every segment and encoding it
/// again is safe either way, and an unbalanced tag is closed so it cannot swallow the rest of the page.
/// </summary>
public static partial class SafeHighlight
{
    // Encodes markup characters only, so Vietnamese letters stay readable in the JSON and the page source.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Sanitize(string snippet)
    {
        var html = new StringBuilder(snippet.Length + 16);
        var open = false;
        foreach (var part in Marks().Split(snippet))
        {
            switch (part)
            {
                case "<em>":
                    if (!open)
                    {
                        html.Append("<em>");
                        open = true;
                    }

                    break;
                case "</em>":
                    if (open)
                    {
                        html.Append("</em>");
                        open = false;
                    }

                    break;
                default:
                    html.Append(Encoder.Encode(WebUtility.HtmlDecode(part)));
                    break;
            }
        }

        if (open)
        {
            html.Append("</em>");
        }

        return html.ToString();
    }

    public static IHtmlContent Render(string snippet) => new HtmlString(Sanitize(snippet));

    [GeneratedRegex("(</?em>)")]
    private static partial Regex Marks();
}
