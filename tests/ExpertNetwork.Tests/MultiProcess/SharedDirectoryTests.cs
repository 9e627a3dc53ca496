using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExpertNetwork.Accounts;
using ExpertNetwork.Demo;
using ExpertNetwork.Experts;
using ExpertNetwork.Storage;
using ExpertNetwork.Tests.Support;
using ExpertNetwork.Tests.Web;

namespace ExpertNetwork.Tests.MultiProcess;

/// <summary>
/// One data directory, three real processes: two web apps serving on their own Kestrel ports and the CLI importing,
/// while a researcher edits their profile through one of the apps.
/// </summary>
public sealed class SharedDirectoryTests
{
    private const string AdminEmail = "admin@example.org";
    private const string Password = "correct horse battery";
    private const int Seeded = 300;
    private const int Imported = 1_500;
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ACliImportWhileTwoAppsServeAndAResearcherEditsIsSearchableInBothAppsWithoutServerErrors()
    {
        using var data = new TempDirectory();
        using var files = new TempDirectory();
        var environment = AppEnvironment();
        environment["Logging__LogLevel__ExpertNetwork.Web.Accounts.SharedKeyRing"] = "Information";
        await using var first = ExpertnetProcess.Start(["serve", "--urls", "http://127.0.0.1:0", "--data", data.Path], environment);
        var firstUrl = await first.ListeningAsync(TimeSpan.FromMinutes(3));
        await using var second = ExpertnetProcess.Start(["serve", "--urls", "http://127.0.0.1:0", "--data", data.Path], environment);
        var secondUrl = await second.ListeningAsync(TimeSpan.FromMinutes(3));

        using var admin = await SignedInAsync(firstUrl, AdminEmail);
        using var adminOnSecond = await SignedInAsync(secondUrl, AdminEmail);
        var researcherEmail = $"researcher-{Guid.NewGuid():N}"[..24] + "@example.org";
        using var researcher = await ResearcherWithProfileAsync(admin, firstUrl, researcherEmail, "bd-000007");
        Assert.Equal(0, await TotalAsync(admin, "zymurgy"));
        Assert.Equal(0, await TotalAsync(adminOnSecond, "zymurgy"));

        var importFile = files.File("import.jsonl");
        await File.WriteAllLinesAsync(importFile, DemoDirectory.Generate(Imported, seed: 77)
            .Select(e => ExpertJson.Serialize(e with { Id = "imp-" + e.Id[3..], Keywords = [.. e.Keywords, "zymurgy"], Consent = e.Consent with { Listed = true } })));

        var failures = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var watchers = new[] { Watch(admin, "first", failures, stop.Token), Watch(adminOnSecond, "second", failures, stop.Token) };

        var import = ExpertnetProcess.RunAsync(["import", importFile, "--data", data.Path], TimeSpan.FromMinutes(5), environment);
        var edits = 0;
        var keyword = "";
        while (!import.IsCompleted || edits == 0)
        {
            keyword = $"quokkology{++edits}";
            var status = await EditKeywordAsync(researcher, keyword);
            if (status != HttpStatusCode.OK)
            {
                failures.Enqueue($"edit {edits} answered {(int)status}");
            }

            await Task.WhenAny(import, Task.Delay(300));
        }

        var (exitCode, output) = await import;
        Assert.True(exitCode == 0, output);
        var imported = DateTime.UtcNow;

        var firstSees = await WaitForTotalAsync(admin, "zymurgy", Imported, imported + CatchUp);
        var secondSees = await WaitForTotalAsync(adminOnSecond, "zymurgy", Imported, imported + CatchUp);
        var firstEdit = await WaitForTotalAsync(admin, keyword, 1, imported + CatchUp);
        var secondEdit = await WaitForTotalAsync(adminOnSecond, keyword, 1, imported + CatchUp);
        Assert.True(firstSees == Imported, $"the first app finds {firstSees} of the {Imported} imported profiles {CatchUp.TotalSeconds} s after the import");
        Assert.True(secondSees == Imported, $"the second app finds {secondSees} of the {Imported} imported profiles {CatchUp.TotalSeconds} s after the import");
        Assert.True(firstEdit == 1 && secondEdit == 1, $"the last edit ({keyword}) is found {firstEdit} / {secondEdit} times in the first / second app");

        // Then the CLI rebuilds the index into a new generation, still while the researcher edits through the second app.
        using var researcherOnSecond = await SignedInAsync(secondUrl, researcherEmail);
        var served = ServedGeneration(data.Path);
        var rebuild = ExpertnetProcess.RunAsync(["index", "rebuild", "--data", data.Path], TimeSpan.FromMinutes(5), environment);
        while (!rebuild.IsCompleted)
        {
            keyword = $"quokkology{++edits}";
            var status = await EditKeywordAsync(researcherOnSecond, keyword);
            if (status != HttpStatusCode.OK)
            {
                failures.Enqueue($"edit {edits} during the rebuild answered {(int)status}");
            }

            await Task.WhenAny(rebuild, Task.Delay(300));
        }

        var rebuilt = await rebuild;
        Assert.True(rebuilt.ExitCode == 0, rebuilt.Output);
        var swapped = DateTime.UtcNow;
        var firstAfter = await WaitForTotalAsync(admin, keyword, 1, swapped + CatchUp);
        var secondAfter = await WaitForTotalAsync(adminOnSecond, keyword, 1, swapped + CatchUp);
        var importedAfter = await TotalAsync(admin, "zymurgy");
        while (Directory.GetDirectories(Path.Combine(data.Path, "index"), "gen-*").Length > 1 && DateTime.UtcNow < swapped + CatchUp)
        {
            await Task.Delay(200);
        }

        await stop.CancelAsync();
        await Task.WhenAll(watchers);

        Assert.True(failures.IsEmpty, string.Join('\n', failures) + "\n--- first app ---\n" + first.Output + "\n--- second app ---\n" + second.Output);
        Assert.NotEqual(served, ServedGeneration(data.Path));
        Assert.True(firstAfter == 1 && secondAfter == 1, $"after the rebuild the last edit ({keyword}) is found {firstAfter} / {secondAfter} times in the first / second app");
        Assert.Equal(Imported, importedAfter);
        Assert.Equal([ServedGeneration(data.Path)], Directory.GetDirectories(Path.Combine(data.Path, "index"), "gen-*").Select(Path.GetFileName));
        Assert.True(edits > 1);
    }

    private static string ServedGeneration(string data) => File.ReadAllText(Path.Combine(data, "index", "current")).Trim();

    [Fact]
    public async Task Two_apps_started_at_once_on_a_new_directory_share_one_store_one_admin_and_one_session_key()
    {
        using var data = new TempDirectory();
        var environment = AppEnvironment();
        environment["Logging__LogLevel__ExpertNetwork.Web.Accounts.SharedKeyRing"] = "Information";
        await using var first = ExpertnetProcess.Start(["serve", "--urls", "http://127.0.0.1:0", "--data", data.Path], environment);
        await using var second = ExpertnetProcess.Start(["serve", "--urls", "http://127.0.0.1:0", "--data", data.Path], environment);
        var urls = await Task.WhenAll(first.ListeningAsync(TimeSpan.FromMinutes(3)), second.ListeningAsync(TimeSpan.FromMinutes(3)));

        // Signed in on the first app, the same cookies work on the second, as behind a load balancer (cookies ignore the port).
        var cookies = new CookieContainer();
        using var session = await SignedInAsync(urls[0], AdminEmail, cookies);
        var onSecond = new WebSession(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies })
        {
            BaseAddress = new Uri(urls[1]),
        });
        using (onSecond)
        {
            var me = await onSecond.GetAsync("/api/account/me");
            Assert.True(me.StatusCode == HttpStatusCode.OK, $"{(int)me.StatusCode}\n--- first ---\n{first.Output}\n--- second ---\n{second.Output}");
            var created = await onSecond.SendJsonAsync(HttpMethod.Post, "/api/users",
                new { email = "recruiter@example.org", displayName = "Tuyển dụng", role = Roles.Recruiter, password = Password });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        Assert.Single(Directory.GetFiles(Path.Combine(data.Path, "keys"), "*.xml"));
        // Made under the lock by one app, not by data protection's own start-up in either (which races).
        Assert.Single(new[] { first.Output, second.Output }, output => output.Contains("Created the first sign-in key", StringComparison.Ordinal));
        Assert.Equal(Seeded, await new ExpertStore(new Database(new StorageOptions { DataDirectory = data.Path }), TimeProvider.System).CountAsync());
        Assert.DoesNotContain("crit", first.Output + second.Output);
        Assert.DoesNotContain("fail", first.Output + second.Output);
    }

    internal static Dictionary<string, string> AppEnvironment() => new()
    {
        ["Accounts__AdminEmail"] = AdminEmail,
        ["Accounts__AdminPassword"] = Password,
        ["Demo__Count"] = Seeded.ToString(),
        ["Matching__EmbedInBackground"] = "false",
        ["Security__SearchPermitLimit"] = "100000",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
    };

    internal static async Task<WebSession> SignedInAsync(string baseUrl, string email, CookieContainer? cookies = null)
    {
        var session = new WebSession(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies ?? new CookieContainer() })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(60),
        });
        await session.SignInAsync(email, Password);
        return session;
    }

    private static async Task<WebSession> ResearcherWithProfileAsync(WebSession admin, string baseUrl, string email, string expertId)
    {
        var created = await admin.SendJsonAsync(HttpMethod.Post, "/api/users", new { email, displayName = "Nhà nghiên cứu", role = Roles.Researcher, password = Password });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var linked = await admin.SendJsonAsync(HttpMethod.Put, $"/api/admin/users/{id}/profile", new { expertId });
        Assert.Equal(HttpStatusCode.NoContent, linked.StatusCode);
        return await SignedInAsync(baseUrl, email);
    }

    private static async Task<HttpStatusCode> EditKeywordAsync(WebSession researcher, string keyword)
    {
        var mine = await researcher.GetJsonAsync("/api/me/profile");
        var profile = JsonNode.Parse(mine.GetProperty("profile").GetRawText())!.AsObject();
        profile["keywords"] = new JsonArray("analog IC design", keyword);
        var response = await researcher.SendJsonAsync(HttpMethod.Put, "/api/me/profile",
            new JsonObject { ["rowVersion"] = mine.GetProperty("rowVersion").GetInt64(), ["profile"] = profile });
        return response.StatusCode;
    }

    private static async Task<long> TotalAsync(WebSession session, string query)
    {
        var response = await session.GetAsync("/api/search?size=1&q=" + Uri.EscapeDataString(query));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt64();
    }

    private static async Task<long> WaitForTotalAsync(WebSession session, string query, long expected, DateTime deadline)
    {
        while (true)
        {
            var total = await TotalAsync(session, query);
            if (total == expected || DateTime.UtcNow > deadline)
            {
                return total;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Searches and suggests against one app until stopped, recording every answer that is not a success.</summary>
    private static async Task Watch(WebSession session, string app, ConcurrentQueue<string> failures, CancellationToken stop)
    {
        var queries = new[] { "/api/search?q=zymurgy", "/api/search?q=nguyen", "/api/search?q=quokkology1", "/api/suggest?q=ngu", "/search?q=tr%C3%AD+tu%E1%BB%87" };
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                var response = await session.GetAsync(queries[i % queries.Length]);
                if (!response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                    failures.Enqueue($"{app}: {queries[i % queries.Length]} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
                }
            }
            catch (HttpRequestException e)
            {
                failures.Enqueue($"{app}: {queries[i % queries.Length]} failed: {e.Message}");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }
}
