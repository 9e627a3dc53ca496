using System.Net;
using System.Text.RegularExpressions;
using ExpertNetwork.Web.Localisation;

namespace ExpertNetwork.Tests.Web;

public sealed partial class LanguageTests
{
    [Fact]
    public async Task PagesAreInVietnameseByDefaultAndInEnglishOnRequest()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        using var session = app.Session();

        var vietnamese = await session.GetStringAsync("/");
        var english = await session.GetStringAsync("/?lang=en");

        Assert.Contains("<html lang=\"vi\">", vietnamese);
        Assert.Contains("Mạng lưới chuyên gia Bình Định", vietnamese);
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains("Bình Định Expert Network", english);
    }

    [Fact]
    public async Task TheLanguageSwitchIsRememberedAndReturnsOnlyToThisSite()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        using var session = app.Session();

        var switched = await session.GetAsync("/lang/en?returnUrl=/account/sign-in");
        var page = await session.GetStringAsync("/account/sign-in");
        var offsite = await session.GetAsync("/lang/vi?returnUrl=//evil.example/");
        var unknown = await session.GetAsync("/lang/fr");

        Assert.Equal("/account/sign-in", switched.Headers.Location!.OriginalString);
        Assert.Contains("<html lang=\"en\">", page);
        Assert.Contains("Sign in", page);
        Assert.Equal("/", offsite.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public void EveryTextKeyThePagesNameExists()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ExpertNetwork.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var obj = $"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}";
        var used = Directory.EnumerateFiles(Path.Combine(root.FullName, "src", "ExpertNetwork.Web"), "*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !f.Contains(obj, StringComparison.Ordinal))
            .SelectMany(f => TextKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        Assert.True(used.Count > 50, $"only {used.Count} keys found");
        Assert.All(used, key => Assert.True(Texts.Entries.ContainsKey(key), $"missing text '{key}'"));
    }

    [Fact]
    public void EveryTextHasBothLanguages()
    {
        Assert.All(Texts.Entries, entry =>
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Value.Vi), $"{entry.Key} has no Vietnamese");
            Assert.False(string.IsNullOrWhiteSpace(entry.Value.En), $"{entry.Key} has no English");
        });
    }

    [GeneratedRegex("""(?:\bT|texts)(?:\[|\.Format\()"([a-zA-Z]+\.[a-zA-Z0-9.]+)"[\],]""")]
    private static partial Regex TextKey();
}
