using System.Net;

namespace ExpertNetwork.Tests.Web;

/// <summary>A returnUrl an attacker writes sends people home, never elsewhere and never to an error page (issue 9, item 5).</summary>
public sealed class RedirectTests
{
    public static readonly string[] Hostile =
    [
        "//evil.example",
        "///evil.example",
        "////evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "/\\/evil.example",
        "/.\\evil.example",
        "/\t/evil.example",
        "/\r\n/evil.example",
        "/\n/evil.example",
        "/\0/evil.example",
        "/\u000B/evil.example",
        "/\u007F/evil.example",
        "/\u0085/evil.example",
        "/x\r\nSet-Cookie: stolen=1",
        "http://evil.example",
        "https://evil.example/",
        "https:/evil.example",
        "HTTPS://evil.example",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "ftp://evil.example",
        "mailto:someone@evil.example",
        "evil.example",
        "~/evil",
        " //evil.example",
        "\t/evil.example",
        "//@evil.example",
        "/%2F/evil.example",
        "/%2f%2fevil.example",
        "/%5Cevil.example",
        "/%5cevil.example",
        "%2F%2Fevil.example",
        "/%252F%252Fevil.example",
        "/%09/evil.example",
        "/%0d%0aSet-Cookie:%20stolen=1",
        "/%00/evil.example",
        "/\u2028/evil.example",
        "/\uFEFF/evil.example",
        "/\u00A0/evil.example",
        "/\u200B/evil.example",
        "/" + new string('a', 5000),
    ];

    [Fact]
    public async Task TheLanguageSwitchSendsEveryHostileReturnUrlHome()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        using var session = app.Session();

        var answers = new List<string>();
        foreach (var url in Hostile)
        {
            var response = await session.GetAsync("/lang/en?returnUrl=" + Uri.EscapeDataString(url));
            answers.Add($"{Printable(url)} -> {(int)response.StatusCode} {response.Headers.Location?.OriginalString}");
        }

        Assert.All(answers, answer => Assert.EndsWith(" -> 302 /", answer));
    }

    [Fact]
    public async Task SignInSendsEveryHostileReturnUrlHome()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0, new Dictionary<string, string> { ["Security:SignInPermitLimit"] = "1000" });

        var answers = new List<string>();
        foreach (var url in Hostile)
        {
            using var session = app.Session();
            var response = await session.PostFormAsync("/account/sign-in", "/account/sign-in", new()
            {
                ["email"] = ExpertNetworkApp.AdminEmail,
                ["password"] = ExpertNetworkApp.Password,
                ["returnUrl"] = url,
            });
            answers.Add($"{Printable(url)} -> {(int)response.StatusCode} {response.Headers.Location?.OriginalString}");
        }

        // ASP.NET Core's form reader refuses a NUL anywhere in a form body before the page runs: a 400, the same as for a forged form.
        Assert.All(answers, answer => Assert.EndsWith(answer.Contains("\\u0000", StringComparison.Ordinal) ? " -> 400 " : " -> 302 /", answer));
    }

    [Fact]
    public async Task LocalReturnUrlsStillWorkAndCarryVietnameseAsPercentEncoding()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        using var session = app.Session();

        var plain = await session.GetAsync("/lang/en?returnUrl=" + Uri.EscapeDataString("/stats"));
        var query = await session.GetAsync("/lang/vi?returnUrl=" + Uri.EscapeDataString("/search?q=vi mạch&field=ai"));
        var page = await session.GetAsync(query.Headers.Location!.OriginalString);

        Assert.Equal("/stats", plain.Headers.Location!.OriginalString);
        Assert.Equal("/search?q=vi%20m%E1%BA%A1ch&field=ai", query.Headers.Location!.OriginalString);
        Assert.NotEqual(HttpStatusCode.InternalServerError, page.StatusCode);
    }

    private static string Printable(string url) =>
        string.Concat(url.Take(60).Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()));
}
