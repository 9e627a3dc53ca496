using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExpertNetwork.Accounts;

namespace ExpertNetwork.Tests.Web;

/// <summary>Issue 9, item 3: an API body with a name twice or bytes that are not UTF-8 is a 400 that says where.</summary>
public sealed class StrictBodyTests
{
    [Fact]
    public async Task AJsonBodyWithANameTwiceIsRefusedNamingIt()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        using var recruiter = await app.SignedInAsync(Roles.Recruiter);

        var twice = await SendAsync(recruiter, "/api/shortlists", Encoding.UTF8.GetBytes("""{"name":"Harmless","name":"Chosen last"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        var problem = await twice.Content.ReadAsStringAsync();
        Assert.Contains("Duplicate property 'name'", problem);
        Assert.Empty((await recruiter.GetJsonAsync("/api/shortlists")).EnumerateArray());
    }

    [Fact]
    public async Task AJsonBodyThatIsNotUtf8IsRefused()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        using var recruiter = await app.SignedInAsync(Roles.Recruiter);
        var body = new List<byte>();
        body.AddRange(Encoding.UTF8.GetBytes("""{"name":"Bad """));
        body.AddRange([0xFF, 0xFE, 0xC3, 0x28]);
        body.AddRange(Encoding.UTF8.GetBytes("\"}"));

        var response = await SendAsync(recruiter, "/api/shortlists", body.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("$.name", problem);
        Assert.Contains("UTF-8", problem);
        Assert.Empty((await recruiter.GetJsonAsync("/api/shortlists")).EnumerateArray());
    }

    private static async Task<HttpResponseMessage> SendAsync(WebSession session, string url, byte[] body)
    {
        var token = await session.Client.GetFromJsonAsync<JsonElement>("/api/antiforgery");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-CSRF-TOKEN", token.GetProperty("token").GetString());
        return await session.Client.SendAsync(request);
    }
}
