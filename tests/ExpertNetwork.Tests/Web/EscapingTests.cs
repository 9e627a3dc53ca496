using ExpertNetwork.Accounts;
using ExpertNetwork.Experts;
using ExpertNetwork.Web.Search;
using Microsoft.Extensions.DependencyInjection;

namespace ExpertNetwork.Tests.Web;

/// <summary>Profiles are typed by people: markup in any field must come out as text on every page that shows it.</summary>
public sealed class EscapingTests
{
    private const string Script = "<script>alert('xss')</script>";
    private const string Image = "<img src=x onerror=alert(1)>";

    private static Expert Hostile(string id) => new()
    {
        Id = id,
        FullName = "Trần Văn Xsstest " + Script,
        OtherNames = ["Xsstest " + Image],
        Headline = "Headline " + Script,
        Affiliation = "Affiliation " + Image,
        Country = "VN",
        City = "Quy Nhơn " + Script,
        Hometown = "Hometown " + Image,
        Fields = ["cybersecurity"],
        Keywords = ["xsstest " + Script, "an ninh mạng " + Image],
        // A language code is two characters wide in the store (CHAR(2) on SQL Server, enforced on SQLite too).
        Languages = ["vi", "<b"],
        Degree = "<i>phd</i>",
        HIndex = 3,
        Engagement = ["advisory", "<u>x</u>"],
        Bio = "Xsstest bio " + Script + " \" onmouseover=\"alert(2)",
        Email = "x\"><script>alert(3)</script>@example.org",
        Orcid = "javascript:alert(4)",
        Consent = new Consent(Listed: true, Contact: true),
        Publications =
        [
            new Publication
            {
                Title = "Xsstest paper " + Script,
                Abstract = "Abstract " + Image,
                Venue = "Venue " + Script,
                Doi = "10.1/\"><script>alert(5)</script>",
                Year = 2020,
                Authors = ["Author " + Image],
            },
        ],
    };

    [Fact]
    public async Task MarkupInEveryProfileFieldIsRenderedAsTextOnTheProfileAndSearchPages()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        await app.Services.GetRequiredService<ExpertDirectory>().SaveAsync(Hostile("xss-1"), "test");
        using var session = await app.SignedInAsync(Roles.Admin);

        var profile = await session.GetStringAsync("/experts/xss-1");
        var search = await session.GetStringAsync("/search?q=xsstest");
        var searchJson = await session.GetStringAsync("/api/search?q=xsstest");

        Assert.Contains("xss-1", search);
        Assert.Contains("<em>", search);
        foreach (var page in new[] { profile, search })
        {
            Assert.DoesNotContain("<script>alert", page);
            Assert.DoesNotContain("<img src=x", page);
            Assert.DoesNotContain("\" onmouseover=\"", page);
            Assert.DoesNotContain("<b>", page);
            Assert.DoesNotContain("<u>x</u>", page);
            Assert.DoesNotContain("href=\"javascript:", page);
        }

        Assert.Contains("&lt;script&gt;alert(", profile);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", profile);
        var highlights = System.Text.Json.JsonDocument.Parse(searchJson).RootElement.GetProperty("hits").EnumerateArray()
            .SelectMany(h => h.GetProperty("highlights").EnumerateObject().SelectMany(p => p.Value.EnumerateArray().Select(s => s.GetString()!)))
            .ToList();
        Assert.NotEmpty(highlights);
        Assert.All(highlights, h => Assert.DoesNotMatch("<(?!/?em>)", h));
    }

    [Theory]
    [InlineData("plain <em>match</em> text", "plain <em>match</em> text")]
    [InlineData("<em>a</em> <script>alert(1)</script>", "<em>a</em> &lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("already &lt;b&gt;escaped&lt;/b&gt; <em>x</em>", "already &lt;b&gt;escaped&lt;/b&gt; <em>x</em>")]
    [InlineData("<em>never closed", "<em>never closed</em>")]
    [InlineData("stray </em> close", "stray  close")]
    [InlineData("<em onclick=alert(1)>x</em>", "&lt;em onclick=alert(1)&gt;x")]
    [InlineData("Bình Định & \"quotes\"", "Bình Định &amp; &quot;quotes&quot;")]
    public void HighlightsKeepOnlyBalancedEmTagsAndEncodeEverythingElse(string snippet, string expected)
    {
        Assert.Equal(expected, SafeHighlight.Sanitize(snippet));
    }
}
