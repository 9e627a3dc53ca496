using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ExpertNetwork.Tests.Browser;

/// <summary>Small steps every browser test takes.</summary>
internal static partial class Browse
{
    private const float Patience = 120_000;

    public static async Task<IPage> NewPageAsync(IBrowser browser, LiveApp live)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = live.BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        // The suite runs beside other builds on two cores, and the app embeds its demo texts in the background:
        // a matching run or a password check can take far longer than on a quiet machine.
        context.SetDefaultTimeout(Patience);
        context.SetDefaultNavigationTimeout(Patience);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Waits until the page is at <paramref name="url"/> and its document is parsed, by polling in the driver rather
    /// than by waiting for navigation events: the .NET client checks the frame's URL or load states and only then
    /// subscribes to their events, on another thread than the one delivering them. Under a loaded CI run an event that
    /// came in between was missed and the test waited 120 s for it (once the load event after "network idle" had
    /// already been seen, once the navigation itself), with nothing wrong on the page.
    /// </summary>
    public static async Task ArrivedAsync(IPage page, Regex url)
    {
        await Assertions.Expect(page).ToHaveURLAsync(url, new PageAssertionsToHaveURLOptions { Timeout = Patience });
        await ParsedAsync(page);
    }

    /// <inheritdoc cref="ArrivedAsync(IPage, Regex)"/>
    public static async Task ArrivedAsync(IPage page, string url)
    {
        await Assertions.Expect(page).ToHaveURLAsync(url, new PageAssertionsToHaveURLOptions { Timeout = Patience });
        await ParsedAsync(page);
    }

    public static async Task SignInAsync(IPage page, LiveApp live, string email)
    {
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("input[name=email]", email);
        await page.FillAsync("input[name=password]", LiveApp.Password);
        await page.ClickAsync("main button[type=submit]");
        try
        {
            await ArrivedAsync(page, live.BaseUrl.TrimEnd('/') + "/");
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            // ArrivedAsync's URL assertion fails with a PlaywrightException, its document wait with a TimeoutException.
            await Chromium.ScreenshotAsync(page, "sign-in-stuck-" + email.Split('@')[0]);
            throw new TimeoutException($"Signing in {email} did not reach the home page; it stayed on {page.Url}: {await page.Locator("main").InnerTextAsync()}");
        }
    }

    /// <summary>The newest mail to an address in the app's outbox.</summary>
    public static string Mail(LiveApp live, string to) =>
        File.ReadAllText(Directory.GetFiles(Path.Combine(live.DataDirectory, "outbox"), "*.eml").Where(f => f.Contains(to, StringComparison.Ordinal)).Order().Last());

    /// <summary>The invitation answer link in a mail.</summary>
    public static string AnswerLink(string mail) => AnswerLinkPattern().Match(mail).Value;

    /// <summary>Script and console errors, and Content-Security-Policy violations, collected while a test runs.</summary>
    public static List<string> WatchErrors(IPage page)
    {
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        return errors;
    }

    private static Task ParsedAsync(IPage page) =>
        page.WaitForFunctionAsync("() => document.readyState !== 'loading'", null, new PageWaitForFunctionOptions { Timeout = Patience });

    [GeneratedRegex(@"https?://\S+/invitations/respond\?token=[0-9a-f]{64}&lang=(vi|en)")]
    private static partial Regex AnswerLinkPattern();
}
