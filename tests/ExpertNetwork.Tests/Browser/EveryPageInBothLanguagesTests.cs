using System.Text.RegularExpressions;
using ExpertNetwork.Accounts;
using ExpertNetwork.Events;
using ExpertNetwork.Experts;
using ExpertNetwork.Researchers;
using ExpertNetwork.Shortlists;
using ExpertNetwork.Tests.Support;
using ExpertNetwork.Web.Accounts;
using ExpertNetwork.Web.Localisation;
using ExpertNetwork.Web.Matching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ExpertNetwork.Tests.Browser;

/// <summary>
/// Walks every page of README's page table, in the states people see (results, errors, answers), in Vietnamese
/// and in English, and fails on a text key shown instead of its text, or on any text of the other language's
/// column of <see cref="Texts"/>, or, on Vietnamese pages, on Core's English problem messages. User data, proper
/// names, codes (<c>code</c> elements) and anything marked with another <c>lang</c> (the skills table's English
/// column, the language switch) are not judged. Not walked: <c>/api/docs</c>, the vendor's viewer of the English
/// API description, and <c>/health</c>, which is not a page for people.
/// </summary>
public sealed partial class EveryPageInBothLanguagesTests
{
    private const string Need = "Phòng thí nghiệm thiết kế vi mạch tương tự ở Quy Nhơn: xác minh thiết kế, đóng gói chip, cảm biến IoT";

    private const string CollectTexts = """
        () => {
            const lang = document.documentElement.lang;
            const judged = el => {
                for (let e = el; e; e = e.parentElement) {
                    if (['SCRIPT', 'STYLE', 'CODE', 'TEXTAREA'].includes(e.tagName)) return false;
                    const l = e.getAttribute && e.getAttribute('lang');
                    if (l && l !== lang) return false;
                }
                return true;
            };
            const out = [document.title];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const text = node.textContent.replace(/\s+/g, ' ').trim();
                if (text && judged(node.parentElement)) out.push(text);
            }
            for (const el of document.querySelectorAll('[placeholder],[title],[aria-label],[alt]')) {
                if (!judged(el)) continue;
                for (const name of ['placeholder', 'title', 'aria-label', 'alt']) {
                    const value = el.getAttribute(name);
                    if (value) out.push(value.replace(/\s+/g, ' ').trim());
                }
            }
            return out;
        }
        """;

    [SkippableTheory]
    [InlineData(Texts.Vietnamese)]
    [InlineData(Texts.English)]
    public async Task EveryPageIsWhollyInOneLanguage(string language)
    {
        Skip.IfNot(Chromium.IsInstalled, Chromium.MissingReason);
        await using var live = await LiveApp.StartAsync(demoCount: 60);
        var world = await World.CreateAsync(live);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var checker = new Checker(language);
        var problems = new List<string>();
        var walked = new List<string>();

        foreach (var (role, steps) in Steps(world))
        {
            var page = await Browse.NewPageAsync(browser, live);
            var errors = Browse.WatchErrors(page);
            if (world.Emails.TryGetValue(role, out var email))
            {
                await Browse.SignInAsync(page, live, email);
            }

            await page.GotoAsync($"/lang/{language}?returnUrl=/");
            foreach (var (name, open) in steps)
            {
                await open(page);
                Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
                var texts = await page.EvaluateAsync<string[]>(CollectTexts);
                problems.AddRange(checker.Judge(texts).Select(p => $"{role} {name}: {p}"));
                walked.Add(name);
                await Chromium.ScreenshotAsync(page, $"language-{language}-{role}-{name}");
            }

            problems.AddRange(errors.Select(e => $"{role}: script error {e}"));
            await page.Context.CloseAsync();
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
        Assert.Equal(28, walked.Count);
    }

    [SkippableFact]
    public async Task ChartLabelsFitTheirColumnInBothLanguages()
    {
        Skip.IfNot(Chromium.IsInstalled, Chromium.MissingReason);
        await using var live = await LiveApp.StartAsync(demoCount: 60);
        var world = await World.CreateAsync(live);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await Browse.NewPageAsync(browser, live);
        await Browse.SignInAsync(page, live, world.Emails[Roles.Recruiter]);

        foreach (var language in Texts.Languages)
        {
            await page.GotoAsync($"/lang/{language}?returnUrl=/match");
            await page.FillAsync("textarea[name=Text]", Need);
            await page.ClickAsync("form.match-form button[type=submit]");
            await page.Locator(".chart.factors").First.WaitForAsync();
            var labels = await page.Locator(".chart.factors text.bar-label").EvaluateAllAsync<double[][]>(
                "texts => texts.map(t => { const b = t.getBBox(); return [b.x, b.x + b.width]; })");

            Assert.NotEmpty(labels);
            Assert.All(labels, box => Assert.True(box[0] >= 0 && box[1] <= FactorChart.LabelWidth - 4, $"{language}: a label spans {box[0]:0}–{box[1]:0}"));
        }
    }

    [SkippableFact]
    public async Task TheApiReferenceLoadsNothingFromOutsideAndShowsNoVendorButtons()
    {
        Skip.IfNot(Chromium.IsInstalled, Chromium.MissingReason);
        await using var live = await LiveApp.StartAsync(demoCount: 1);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await Browse.NewPageAsync(browser, live);
        var errors = Browse.WatchErrors(page);
        var outside = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(live.BaseUrl.TrimEnd('/'), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                outside.Add(request.Url);
            }
        };

        await page.GotoAsync("/api/docs");
        await page.GetByText("ExpertNetwork API").First.WaitForAsync();
        await page.GetByText("/api/match/team").First.WaitForAsync();
        await page.WaitForTimeoutAsync(1000);
        var text = await page.Locator("body").InnerTextAsync();
        await Chromium.ScreenshotAsync(page, "api-docs");

        Assert.Empty(outside);
        Assert.DoesNotContain(errors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || e.Contains("Content-Security-Policy", StringComparison.Ordinal));
        Assert.DoesNotContain("Ask AI", text);
        Assert.DoesNotContain("Deploy", text);
    }

    [Fact]
    public void TheCheckerCatchesAShownKeyTheOtherLanguageAndCoresEnglishOnVietnamesePages()
    {
        var vietnamese = new Checker(Texts.Vietnamese);
        var english = new Checker(Texts.English);

        Assert.Empty(vietnamese.Judge(["Tìm chuyên gia", "Nguyễn Văn An", "12 chuyên gia", "bd-000123", "vi mạch"]));
        Assert.Empty(english.Judge(["Find experts", "Nguyễn Văn An", "12 experts", "Tiếng Việt"]));
        Assert.Single(vietnamese.Judge(["match.status.ready"]));
        Assert.NotEmpty(vietnamese.Judge(["Find experts"]));
        Assert.NotEmpty(vietnamese.Judge(["12 matching experts"]));
        Assert.NotEmpty(vietnamese.Judge(["hIndex: must be between 0 and 10000, got -3"]));
        Assert.NotEmpty(english.Judge(["Tìm chuyên gia"]));
        Assert.NotEmpty(english.Judge(["Lỗi 404"]));
        Assert.NotEmpty(english.Judge(["Xem: Không tìm thấy trang hoặc hồ sơ này."]));
        Assert.NotEmpty(vietnamese.Judge(["mục 1 (khóa smith2020): year: 'abc' is not a year"]));
    }

    private static IEnumerable<(string Role, (string Name, Func<IPage, Task> Open)[] Steps)> Steps(World world)
    {
        yield return ("anonymous",
        [
            ("home", p => p.GotoAsync("/")),
            ("sign-in", p => p.GotoAsync("/account/sign-in")),
            ("sign-in-failed", async p =>
            {
                await p.FillAsync("input[name=email]", "nobody@example.org");
                await p.FillAsync("input[name=password]", "wrong password!");
                await p.ClickAsync("main button[type=submit]");
                await p.Locator(".error").WaitForAsync();
            }),
            ("register", p => p.GotoAsync("/account/register")),
            ("register-sent", async p =>
            {
                await p.GotoAsync("/account/register");
                await p.FillAsync("input[name=email]", $"new-{Guid.NewGuid():N}@example.org");
                await p.FillAsync("input[name=password]", LiveApp.Password);
                await p.FillAsync("input[name=confirm]", LiveApp.Password);
                await p.ClickAsync("main button[type=submit]");
                await p.Locator(".register-sent").WaitForAsync();
            }),
            ("activate-invalid", p => p.GotoAsync("/account/activate?token=" + new string('0', 64))),
            ("answer-open", p => p.GotoAsync("/invitations/respond?token=" + world.OpenToken)),
            ("answer-unknown", p => p.GotoAsync("/invitations/respond?token=" + new string('0', 64))),
            ("not-found", p => p.GotoAsync("/error/404")),
        ]);
        yield return (Roles.Researcher,
        [
            ("home", p => p.GotoAsync("/")),
            ("my-profile", p => p.GotoAsync("/me")),
            ("my-profile-invalid", async p =>
            {
                await p.FillAsync("input[name=hIndex]", "-3");
                await p.FillAsync("input[name=orcid]", "1234");
                await p.ClickAsync("form.profile-form button[type=submit]");
                await p.Locator(".field-error").First.WaitForAsync();
            }),
            ("verify", p => p.GotoAsync("/me/claim/verify?token=abc")),
            ("stats", p => p.GotoAsync("/stats")),
        ]);
        yield return ("unclaimed",
        [
            ("claim-candidates", p => p.GotoAsync("/me?name=Nguy")),
        ]);
        yield return (Roles.Recruiter,
        [
            ("search", p => p.GotoAsync("/search?q=vi+m%E1%BA%A1ch")),
            ("profile", p => p.GotoAsync("/experts/" + world.ClaimedId)),
            ("match-results", async p =>
            {
                await p.GotoAsync("/match");
                await p.FillAsync("textarea[name=Text]", Need);
                await p.ClickAsync("form.match-form button[type=submit]");
                await p.Locator(".match-results").WaitForAsync();
            }),
            ("team", async p =>
            {
                await p.GotoAsync("/match/team");
                await p.FillAsync("textarea[name=Text]", Need);
                await p.ClickAsync("form.team-form button[type=submit]");
                await p.Locator(".team-result").WaitForAsync();
            }),
            ("shortlists", p => p.GotoAsync("/shortlists")),
            ("shortlist", p => p.GotoAsync("/shortlists/" + world.ShortlistId)),
            ("too-many", p => p.GotoAsync("/error/429")),
        ]);
        yield return (Roles.Organiser,
        [
            ("events", p => p.GotoAsync("/events")),
            ("events-invalid", async p =>
            {
                await p.FillAsync("input[name=name]", "ICISE");
                await p.FillAsync("input[name=startsOn]", "2026-07-25");
                await p.FillAsync("input[name=endsOn]", "2026-07-20");
                await p.FillAsync("input[name=organiserIds]", "bd-nobody");
                await p.ClickAsync("form.event-form button[type=submit]");
                await p.Locator(".field-error").First.WaitForAsync();
            }),
            ("event", p => p.GotoAsync("/events/" + world.EventId)),
            ("event-speakers", async p =>
            {
                await p.FillAsync("input[name=topic]", "thiết kế vi mạch");
                await p.ClickAsync("form.finder-form button[type=submit]");
                await p.Locator(".speakers").WaitForAsync();
            }),
        ]);
        yield return (Roles.Admin,
        [
            ("users", p => p.GotoAsync("/admin/users")),
            ("home", p => p.GotoAsync("/")),
        ]);
    }

    /// <summary>The texts of the other language, and what a text key looks like when shown instead of its text.</summary>
    private sealed partial class Checker
    {
        private readonly List<(string Text, Regex Whole)> _foreign = [];
        private readonly HashSet<string> _prefixes;

        public Checker(string language)
        {
            var english = language == Texts.English;
            var own = Texts.Entries.Values.Select(e => english ? e.En : e.Vi).ToHashSet(StringComparer.Ordinal);
            var other = Texts.Entries.Values.Select(e => english ? e.Vi : e.En).Where(t => !own.Contains(t));
            if (!english)
            {
                other = other.Concat(ExpertNetwork.Experts.Problems.English.Values);
            }

            // Codes such as the language switch's "en" and "vi" are not words of either language.
            foreach (var text in other.Distinct().Where(t => t.Length > 2))
            {
                // A template found inside a longer text ("entry 1: year: 'x' is not a year") counts when its words are distinctive enough.
                var pattern = Placeholder().Replace(Regex.Escape(text.Replace("{{", "{").Replace("}}", "}")), ".+?");
                var distinctive = PlaceholderText().Split(text).Any(part => part.Trim().Length >= 12 && part.Trim().Contains(' '));
                _foreign.Add((text, new Regex(distinctive ? pattern : "^" + pattern + "$", RegexOptions.Singleline)));
            }

            _prefixes = Texts.Entries.Keys.Select(k => k.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
        }

        public IEnumerable<string> Judge(IEnumerable<string> texts)
        {
            foreach (var text in texts.Distinct())
            {
                foreach (var key in KeyLike().Matches(text).Select(m => m.Value).Where(k => _prefixes.Contains(k.Split('.')[0])))
                {
                    yield return $"text key shown: {key} in \"{text}\"";
                }

                foreach (var (foreign, whole) in _foreign)
                {
                    var longEnough = foreign.Length >= 16 && foreign.Contains(' ') && !foreign.Contains('{');
                    if (whole.IsMatch(text) || (longEnough && text.Contains(foreign, StringComparison.Ordinal)))
                    {
                        yield return $"other language: \"{foreign}\" in \"{text}\"";
                    }
                }
            }
        }

        [GeneratedRegex(@"\\\{\d+}")]
        private static partial Regex Placeholder();

        [GeneratedRegex(@"\{\d+\}")]
        private static partial Regex PlaceholderText();

        [GeneratedRegex(@"\b[a-z][a-zA-Z]*(\.[a-zA-Z0-9]+)+\b")]
        private static partial Regex KeyLike();
    }

    /// <summary>An app with someone in every role and something on every page: a claimed profile, a shortlist, an event with answered and open invitations.</summary>
    private sealed record World(Dictionary<string, string> Emails, string ClaimedId, string ShortlistId, string EventId, string OpenToken)
    {
        public static async Task<World> CreateAsync(LiveApp live)
        {
            var services = live.Services;
            var accounts = services.GetRequiredService<AccountService>();
            var directory = services.GetRequiredService<ExpertDirectory>();
            var emails = new Dictionary<string, string>();
            var ids = new Dictionary<string, string>();
            foreach (var role in new[] { Roles.Admin, Roles.Recruiter, Roles.Organiser, Roles.Researcher, "unclaimed" })
            {
                var email = $"{role}@walk.example.org";
                var created = await accounts.CreateAsync(email, "Người Dùng " + role, role == "unclaimed" ? Roles.Researcher : role, LiveApp.Password);
                emails[role] = email;
                ids[role] = created.User!.Id;
            }

            var claimed = ExpertBuilder.Full("walk-claimed", "Nguyễn Thị Đi Bộ") with { Email = "walk.claimed@example.org", Consent = new Consent(true, true) };
            var speaker = ExpertBuilder.Full("walk-speaker", "Trần Văn Diễn Giả") with { Email = "walk.speaker@example.org", Affiliation = "Đại học Tokyo", Consent = new Consent(true, true) };
            var silent = ExpertBuilder.Full("walk-silent", "Lê Văn Im Lặng") with { Affiliation = "CNRS", Consent = new Consent(true, false) };
            foreach (var expert in new[] { claimed, speaker, silent })
            {
                await directory.SaveAsync(expert, "test");
            }

            await services.GetRequiredService<ProfileClaims>().LinkAsync(ids[Roles.Researcher], claimed.Id, "test");
            var shortlists = services.GetRequiredService<ShortlistStore>();
            var shortlist = await shortlists.CreateAsync(ids[Roles.Recruiter], "Vi mạch Quy Nhơn", "Phòng thí nghiệm vi mạch");
            await shortlists.AddAsync(shortlist.Id, ids[Roles.Recruiter], claimed.Id, "test");
            await shortlists.UpdateAsync(shortlist.Id, ids[Roles.Recruiter], claimed.Id, ShortlistStatus.Contacted, "Gọi ngày 3/3", "test");

            var events = services.GetRequiredService<EventStore>();
            var owner = ids[Roles.Organiser];
            var id = await events.CreateAsync(owner, "ICISE 2026", "2026-07-20", "2099-07-25", ["Vi mạch"], [silent.Id]);
            foreach (var expert in new[] { claimed, speaker, silent })
            {
                await events.InviteAsync(id, owner, expert.Id);
            }

            var answered = await events.IssueLinkAsync(id, owner, claimed.Id, Texts.Vietnamese, reminder: false);
            await events.AnswerAsync(answered!, accept: true, "Rất vui được tham gia.");
            var open = await events.IssueLinkAsync(id, owner, speaker.Id, Texts.English, reminder: false);
            await events.MarkNotMailedAsync(id, owner, silent.Id, InvitationMail.Unmailable);
            return new World(emails, claimed.Id, shortlist.Id, id, open!);
        }
    }
}
