using Microsoft.Playwright;

namespace ExpertNetwork.Tests.Browser;

/// <summary>Chromium on one page of a live app, with the page's script errors collected; signed in when a role is given.</summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly LiveApp live;

    private BrowserSession(IPlaywright playwright, IBrowser browser, LiveApp live, IPage page)
    {
        this.playwright = playwright;
        this.live = live;
        Browser = browser;
        Page = page;
        Errors = Browse.WatchErrors(page);
    }

    public IBrowser Browser { get; }

    public IPage Page { get; }

    public List<string> Errors { get; }

    public static async Task<BrowserSession> StartAsync(LiveApp live)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await Chromium.LaunchAsync(playwright);
        return new BrowserSession(playwright, browser, live, await Browse.NewPageAsync(browser, live));
    }

    /// <summary>A new user with the role, signed in on the session's page.</summary>
    public static async Task<BrowserSession> SignedInAsync(LiveApp live, string role)
    {
        var email = await live.CreateUserAsync(role);
        var session = await StartAsync(live);
        await Browse.SignInAsync(session.Page, live, email);
        return session;
    }

    /// <summary>A second page in its own context, e.g. a mail recipient who is not signed in.</summary>
    public Task<IPage> NewPageAsync() => Browse.NewPageAsync(Browser, live);

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
