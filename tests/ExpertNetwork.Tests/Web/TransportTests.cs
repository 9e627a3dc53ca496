using System.Net;
using ExpertNetwork.Accounts;
using ExpertNetwork.Experts;
using ExpertNetwork.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExpertNetwork.Tests.Web;

/// <summary>Issue 9: links in mails only from configuration; cookies Secure and HSTS behind the configured TLS proxy only.</summary>
public sealed class TransportTests
{
    [Fact]
    public async Task OutsideDevelopmentWithoutThePublicAddressNoClaimLinkIsMailedWhateverTheHostHeaderSays()
    {
        var logs = new CapturedLogs();
        await using var app = new ExpertNetworkApp(demoCount: 0, configure: builder =>
        {
            builder.UseEnvironment("Production");
            builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(logs)));
        });
        await app.Services.GetRequiredService<ExpertDirectory>().SaveAsync(ExpertBuilder.Full("victim-1", "Lê Thị Nạn Nhân") with { Email = "victim@example.org" }, "test");
        using var attacker = await app.SignedInAsync(Roles.Researcher);

        var token = await attacker.GetJsonAsync("/api/antiforgery");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/me/claim") { Content = System.Net.Http.Json.JsonContent.Create(new { expertId = "victim-1" }) };
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-CSRF-TOKEN", token.GetProperty("token").GetString());
        var claim = await attacker.Client.SendAsync(request);
        using var visitor = app.Session();
        var register = await visitor.GetStringAsync("/account/register");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, claim.StatusCode);
        Assert.Contains("Researchers__PublicBaseUrl", await claim.Content.ReadAsStringAsync());
        var outbox = Path.Combine(app.DataDirectory, "outbox");
        Assert.False(Directory.Exists(outbox) && Directory.GetFiles(outbox, "*.eml").Length > 0, "a mail was written");
        Assert.Contains("Chưa thể tự đăng ký", register);
        Assert.DoesNotContain("name=\"password\"", register);
        Assert.Contains(logs.Lines, line => line.StartsWith("Warning: Researchers__PublicBaseUrl is not set: mails with links are refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithThePublicAddressSetTheLinkComesFromItNotFromTheHostHeader()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0, new Dictionary<string, string> { ["Researchers:PublicBaseUrl"] = "https://experts.example.vn/" },
            builder => builder.UseEnvironment("Production"));
        await app.Services.GetRequiredService<ExpertDirectory>().SaveAsync(ExpertBuilder.Full("victim-2", "Lê Văn Hai") with { Email = "victim2@example.org" }, "test");
        using var researcher = await app.SignedInAsync(Roles.Researcher);

        var token = await researcher.GetJsonAsync("/api/antiforgery");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/me/claim") { Content = System.Net.Http.Json.JsonContent.Create(new { expertId = "victim-2" }) };
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-CSRF-TOKEN", token.GetProperty("token").GetString());
        var claim = await researcher.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, claim.StatusCode);
        var mail = File.ReadAllText(Directory.GetFiles(Path.Combine(app.DataDirectory, "outbox"), "*victim2@example.org*.eml").Single());
        Assert.Contains("https://experts.example.vn/me/claim/verify?token=", mail);
        Assert.DoesNotContain("evil.example", mail);
    }

    [Fact]
    public async Task BehindTheConfiguredTlsProxyCookiesAreSecureAndHstsIsSentButNobodyElseCanSayHttps()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0, new Dictionary<string, string> { ["Security:KnownProxies:0"] = "10.0.0.1" }, builder =>
        {
            builder.UseEnvironment("Production");
            ClientAddress.Install(builder);
        });

        var proxied = await SignInThroughAsync(app, "10.0.0.1");
        var forged = await SignInThroughAsync(app, "10.0.0.9");

        Assert.Contains(proxied.Cookies, c => c.StartsWith("expertnet.session=", StringComparison.Ordinal) && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(proxied.Cookies, c => c.StartsWith("expertnet.af=", StringComparison.Ordinal) && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("max-age=", proxied.Hsts);
        Assert.Contains(forged.Cookies, c => c.StartsWith("expertnet.session=", StringComparison.Ordinal) && !c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(forged.Cookies, c => c.StartsWith("expertnet.af=", StringComparison.Ordinal) && !c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.Null(forged.Hsts);
    }

    [Fact]
    public async Task OverHttpsTheAntiforgeryCookieIsSecure()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0, configure: builder => builder.UseEnvironment("Production"));
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://experts.example.vn/"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/api/antiforgery");

        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("expertnet.af=", StringComparison.Ordinal) && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    private static async Task<(IReadOnlyList<string> Cookies, string? Hsts)> SignInThroughAsync(ExpertNetworkApp app, string from)
    {
        // Cookies by hand: a client's cookie jar would not send a Secure cookie back over the proxy's plain HTTP leg.
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://experts.example.vn/"), AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add(ClientAddress.Header, from);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.20");
        var form = await client.GetAsync("/account/sign-in");
        var cookies = form.Headers.TryGetValues("Set-Cookie", out var formCookies) ? formCookies.ToList() : [];
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = ExpertNetworkApp.AdminEmail,
                ["password"] = ExpertNetworkApp.Password,
                ["__RequestVerificationToken"] = WebSession.FormToken(await form.Content.ReadAsStringAsync()),
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => c.Split(';')[0])));
        var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        cookies.AddRange(response.Headers.TryGetValues("Set-Cookie", out var signInCookies) ? signInCookies : []);
        return (cookies, form.Headers.TryGetValues("Strict-Transport-Security", out var hsts) ? hsts.Single() : null);
    }
}
