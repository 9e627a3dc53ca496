using System.Net;
using ExpertNetwork.Accounts;
using ExpertNetwork.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExpertNetwork.Tests.Web;

/// <summary>Issue 9: nobody takes over the first admin, guesses a password from many addresses, or learns who has an account.</summary>
public sealed class AccountTakeoverTests
{
    private const string AttackerPassword = "attacker chose this";

    private static readonly Dictionary<string, string> NoAdmin = new() { ["Accounts:AdminEmail"] = "", ["Accounts:AdminPassword"] = "" };

    [Fact]
    public async Task AnAdminEmailRegisteredBeforeTheOperatorConfiguredItNeverSignsInAsAdmin()
    {
        string data;
        var early = new ExpertNetworkApp(demoCount: 0, NoAdmin);
        using (var visitor = early.Session())
        {
            await visitor.PostFormAsync("/account/register", "/account/register", new()
            {
                ["email"] = ExpertNetworkApp.AdminEmail,
                ["password"] = AttackerPassword,
                ["confirm"] = AttackerPassword,
            });
            data = early.DataDirectory;
        }

        await using var operatorStart = new ExpertNetworkApp(demoCount: 0, new Dictionary<string, string> { ["Storage:DataDirectory"] = data });
        using var attacker = operatorStart.Session();
        using var owner = operatorStart.Session();

        var attackerAnswer = await SignInAsync(attacker, ExpertNetworkApp.AdminEmail, AttackerPassword);
        var ownerAnswer = await SignInAsync(owner, ExpertNetworkApp.AdminEmail, ExpertNetworkApp.Password);

        Assert.Equal(HttpStatusCode.OK, attackerAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, ownerAnswer.StatusCode);
        Assert.Equal(Roles.Admin, (await owner.GetJsonAsync("/api/account/me")).GetProperty("role").GetString());
        await early.DisposeAsync();
    }

    [Fact]
    public async Task AnExistingAccountWithTheAdminEmailIsRefusedWithAnOperatorLogLineAndTheCliPromotesIt()
    {
        var early = new ExpertNetworkApp(demoCount: 0, NoAdmin);
        await early.CreateUserAsync(ExpertNetworkApp.AdminEmail, Roles.Researcher);
        var data = early.DataDirectory;
        var logs = new CapturedLogs();

        await using (var refused = new ExpertNetworkApp(demoCount: 0, new Dictionary<string, string> { ["Storage:DataDirectory"] = data },
            builder => builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(logs)))))
        {
            using var holder = refused.Session();
            await holder.SignInAsync(ExpertNetworkApp.AdminEmail, ExpertNetworkApp.Password);
            Assert.Equal(Roles.Researcher, (await holder.GetJsonAsync("/api/account/me")).GetProperty("role").GetString());
            Assert.Equal(0, await refused.Services.GetRequiredService<UserStore>().CountInRoleAsync(Roles.Admin));
        }

        Assert.Contains(logs.Lines, line => line.StartsWith("Error: No admin was created", StringComparison.Ordinal)
            && line.Contains($"expertnet users promote {ExpertNetworkApp.AdminEmail}", StringComparison.Ordinal));

        var promoted = await CliProcess.RunWithInputAsync(new Dictionary<string, string?>(), "the operator's own passphrase\n", "users", "promote", ExpertNetworkApp.AdminEmail, "--data", data);
        Assert.True(promoted.Exit == 0, promoted.Error);

        await using var after = new ExpertNetworkApp(demoCount: 0, new Dictionary<string, string> { ["Storage:DataDirectory"] = data });
        using var old = after.Session();
        using var admin = after.Session();
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(old, ExpertNetworkApp.AdminEmail, ExpertNetworkApp.Password)).StatusCode);
        await admin.SignInAsync(ExpertNetworkApp.AdminEmail, "the operator's own passphrase");
        Assert.Equal(Roles.Admin, (await admin.GetJsonAsync("/api/account/me")).GetProperty("role").GetString());
        await early.DisposeAsync();
    }

    [Fact]
    public async Task UsersCreateMakesAnActiveAccountFromStandardInputAndTakesNoPasswordArgument()
    {
        using var data = new TempDirectory();

        var created = await CliProcess.RunWithInputAsync(new Dictionary<string, string?>(), "a passphrase from stdin\n", "users", "create", "ops@example.org", "--data", data.Path);
        var argument = await CliProcess.RunWithInputAsync(new Dictionary<string, string?>(), "a passphrase from stdin\n", "users", "create", "x@example.org", "--password", "in the process list", "--data", data.Path);
        var noPassword = await CliProcess.RunWithInputAsync(new Dictionary<string, string?>(), "", "users", "create", "y@example.org", "--data", data.Path);
        var again = await CliProcess.RunWithInputAsync(new Dictionary<string, string?>(), "a passphrase from stdin\n", "users", "create", "ops@example.org", "--data", data.Path);

        Assert.True(created.Exit == 0, created.Error);
        Assert.Contains("Created admin ops@example.org", created.Output);
        Assert.Equal(2, argument.Exit);
        Assert.Equal(1, noPassword.Exit);
        Assert.Contains("No password on standard input", noPassword.Error);
        Assert.Equal(1, again.Exit);
        Assert.Contains("users promote", again.Error);
        await using var app = new ExpertNetworkApp(demoCount: 0, new Dictionary<string, string> { ["Storage:DataDirectory"] = data.Path });
        using var session = app.Session();
        await session.SignInAsync("ops@example.org", "a passphrase from stdin");
        Assert.Equal(Roles.Admin, (await session.GetJsonAsync("/api/account/me")).GetProperty("role").GetString());
        Assert.Null(await app.Services.GetRequiredService<UserStore>().FindByEmailAsync("x@example.org"));
    }

    [Fact]
    public async Task GuessesSpreadOverManyAddressesStillMakeTheAccountWaitEvenForTheRightPassword()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0, configure: ClientAddress.Install);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            using var guesser = From(app, $"203.0.113.{i + 1}");
            answers.Add((await SignInAsync(guesser, ExpertNetworkApp.AdminEmail, "guess number " + i)).StatusCode);
        }

        using var last = From(app, "198.51.100.7");
        var right = await SignInAsync(last, ExpertNetworkApp.AdminEmail, ExpertNetworkApp.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.True(int.Parse(right.Headers.GetValues("Retry-After").Single()) > 0);
        Assert.Contains("Quá nhiều lần đăng nhập sai", await right.Content.ReadAsStringAsync());
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5), answers.Take(5));
        Assert.All(answers.Skip(5), status => Assert.Equal(HttpStatusCode.TooManyRequests, status));
    }

    [Fact]
    public async Task OneOfficeBehindOneAddressIsNotLockedOutByItsPeoplesTypos()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0, configure: ClientAddress.Install);
        var people = new List<string>();
        for (var i = 0; i < 15; i++)
        {
            people.Add((await app.CreateUserAsync($"staff{i}@example.org", Roles.Recruiter)).Email);
        }

        var answers = new List<string>();
        foreach (var email in people)
        {
            using var desk = From(app, "192.0.2.10");
            var typo = await SignInAsync(desk, email, "typo " + email);
            var right = await SignInAsync(desk, email, ExpertNetworkApp.Password);
            answers.Add($"{email}: {(int)typo.StatusCode} then {(int)right.StatusCode}");
        }

        Assert.All(answers, answer => Assert.EndsWith(": 200 then 302", answer));
    }

    [Fact]
    public async Task AnAccountsWaitIsSeenByEveryProcessAndASuccessAfterItStartsTheCountAgain()
    {
        var settings = new Dictionary<string, string> { ["Security:SignInFirstWaitSeconds"] = "4" };
        await using var first = new ExpertNetworkApp(demoCount: 0, settings);
        await using var second = new ExpertNetworkApp(demoCount: 0, new Dictionary<string, string>(settings) { ["Storage:DataDirectory"] = first.DataDirectory });
        using var one = first.Session();
        using var other = second.Session();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(one, ExpertNetworkApp.AdminEmail, "wrong " + i)).StatusCode);
        }

        var elsewhere = await SignInAsync(other, ExpertNetworkApp.AdminEmail, ExpertNetworkApp.Password);
        await Task.Delay(TimeSpan.FromSeconds(4.5));
        var afterTheWait = await SignInAsync(other, ExpertNetworkApp.AdminEmail, ExpertNetworkApp.Password);
        using var fresh = first.Session();
        var oneMoreFailure = await SignInAsync(fresh, ExpertNetworkApp.AdminEmail, "wrong again");
        var rightAgain = await SignInAsync(fresh, ExpertNetworkApp.AdminEmail, ExpertNetworkApp.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterTheWait.StatusCode);
        Assert.Equal(HttpStatusCode.OK, oneMoreFailure.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, rightAgain.StatusCode);
    }

    [Fact]
    public void TheWaitDoublesAfterTheFreeFailuresUpToFifteenMinutes()
    {
        var rule = new ThrottleRule(5, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(15), TimeSpan.FromHours(24));

        Assert.Equal(
            [0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900],
            Enumerable.Range(0, 13).Select(failures => rule.WaitAfter(failures).TotalSeconds));
        Assert.Equal(900, rule.WaitAfter(10_000).TotalSeconds);
    }

    [Fact]
    public async Task RegistrationAnswersAlikeForNewAndExistingEmailsAndActivatesOnlyThroughTheMailedLink()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        await app.CreateUserAsync("taken@example.org", Roles.Recruiter);

        var existing = await RegisterAsync(app, "taken@example.org", AttackerPassword);
        var fresh = await RegisterAsync(app, "new@example.org", "the new owner's passphrase");
        using var early = app.Session();
        var beforeTheLink = await SignInAsync(early, "new@example.org", "the new owner's passphrase");
        using var squatter = app.Session();
        var takenWithAttackerPassword = await SignInAsync(squatter, "taken@example.org", AttackerPassword);

        Assert.Equal(HttpStatusCode.OK, existing.Status);
        Assert.Equal(HttpStatusCode.OK, fresh.Status);
        Assert.Equal(existing.Message.Replace("taken@example.org", "EMAIL", StringComparison.Ordinal), fresh.Message.Replace("new@example.org", "EMAIL", StringComparison.Ordinal));
        Assert.Contains("Chúng tôi đã gửi thư tới", fresh.Message);
        Assert.Equal(HttpStatusCode.OK, beforeTheLink.StatusCode);
        Assert.Equal(HttpStatusCode.OK, takenWithAttackerPassword.StatusCode);
        Assert.Equal(Roles.Recruiter, (await app.Services.GetRequiredService<UserStore>().FindByEmailAsync("taken@example.org"))!.Role);

        using var owner = app.Session();
        var link = await owner.GetStringAsync("/account/activate?token=" + ResearcherTests.TokenFromOutbox(app.DataDirectory, "new@example.org"));
        var reused = await owner.GetStringAsync("/account/activate?token=" + ResearcherTests.TokenFromOutbox(app.DataDirectory, "new@example.org"));
        await owner.SignInAsync("new@example.org", "the new owner's passphrase");

        Assert.Contains("Tài khoản của bạn đã được kích hoạt", link);
        Assert.Contains("Liên kết không hợp lệ", reused);
        Assert.Equal(Roles.Researcher, (await owner.GetJsonAsync("/api/account/me")).GetProperty("role").GetString());
        var existingMail = Directory.GetFiles(Path.Combine(app.DataDirectory, "outbox"), "*taken@example.org*.eml").Single();
        Assert.DoesNotContain("token=", File.ReadAllText(existingMail));
    }

    internal static async Task<HttpResponseMessage> SignInAsync(WebSession session, string email, string password) =>
        await session.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["email"] = email, ["password"] = password });

    private static WebSession From(ExpertNetworkApp app, string address)
    {
        var session = app.Session();
        session.Client.DefaultRequestHeaders.Add(ClientAddress.Header, address);
        return session;
    }

    private static async Task<(HttpStatusCode Status, string Message)> RegisterAsync(ExpertNetworkApp app, string email, string password)
    {
        using var session = app.Session();
        var response = await session.PostFormAsync("/account/register", "/account/register", new()
        {
            ["displayName"] = "Người Đăng Ký",
            ["email"] = email,
            ["password"] = password,
            ["confirm"] = password,
        });
        var html = await response.Content.ReadAsStringAsync();
        var main = System.Text.RegularExpressions.Regex.Match(html, "<main[^>]*>(.*)</main>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        return (response.StatusCode, System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(main, "<[^>]+>", " ")));
    }
}
