using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ExpertNetwork.Tests.Web;

/// <summary>One browser-like session: cookies, form posts with the page's antiforgery token, JSON calls with the header token.</summary>
public sealed partial class WebSession(HttpClient client) : IDisposable
{
    public HttpClient Client => client;

    public async Task SignInAsync(string email, string password)
    {
        var response = await PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["email"] = email, ["password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} answered {(int)response.StatusCode}");
        }
    }

    /// <summary>Fetches the form page first, as a browser would, and posts its antiforgery token along.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(formPage);
        fields["__RequestVerificationToken"] = FormToken(page);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Like <see cref="PostFormAsync(string, string, Dictionary{string, string})"/>, for forms that send a name more than once (ticked boxes).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetStringAsync(formPage);
        return await client.PostAsync(action, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", FormToken(page))]));
    }

    public Task<HttpResponseMessage> GetAsync(string url) => client.GetAsync(url);

    public Task<string> GetStringAsync(string url) => client.GetStringAsync(url);

    public async Task<JsonElement> GetJsonAsync(string url) => await client.GetFromJsonAsync<JsonElement>(url);

    /// <summary>A cookie-authenticated JSON write with the token from /api/antiforgery in its header.</summary>
    public async Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string url, object? body = null, bool withToken = true)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (withToken)
        {
            var token = await client.GetFromJsonAsync<JsonElement>("/api/antiforgery");
            request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        }

        return await client.SendAsync(request);
    }

    public static string FormToken(string html)
    {
        var match = TokenInput().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token on the page.");
    }

    public void Dispose() => client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
