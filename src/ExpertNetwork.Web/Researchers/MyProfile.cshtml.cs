using System.Text.Json.Nodes;
using ExpertNetwork.Experts;
using ExpertNetwork.Researchers;
using ExpertNetwork.Web.Localisation;
using ExpertNetwork.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ExpertNetwork.Web.Researchers;

// A researcher's own profile only: the page never takes a profile id to edit, it follows the signed-in user's claim.
[Authorize(Policy = Policies.Researcher)]
public sealed class MyProfileModel(ResearcherProfiles profiles, Texts texts) : PageModel
{
    /// <summary>Fields typed as text; country and degree are chosen from lists, languages and engagement from multi-select lists.</summary>
    public static readonly string[] TextFields = ["fullName", "headline", "affiliation", "city", "hometown", "hIndex", "email", "orcid"];

    public static readonly string[] ChoiceFields = ["country", "degree"];

    /// <summary>Keywords are one per line; a semicolon also separates them, as in the shared CSV format. Commas stay inside a keyword.</summary>
    public static readonly char[] KeywordSeparators = ['\n', ';'];

    public StoredExpert? Stored { get; private set; }

    /// <summary>What the form shows: the stored profile, or what was just posted when it did not validate.</summary>
    public Dictionary<string, string> Values { get; private set; } = [];

    public HashSet<string> Chosen { get; private set; } = [];

    /// <summary>The languages chosen, in the order the profile lists them.</summary>
    public IReadOnlyList<string> Languages { get; private set; } = [];

    public ILookup<string, FieldError> Errors { get; private set; } = Array.Empty<FieldError>().ToLookup(e => e.Field);

    public bool Conflict { get; private set; }

    public IReadOnlyList<ClaimCandidate> Candidates { get; private set; } = [];

    public string? ClaimMessage { get; private set; }

    /// <summary>The outcome of an upload, then why entries were left out or the file refused.</summary>
    public string? ImportMessage { get; private set; }

    public IReadOnlyList<ImportIssue> ImportDetails { get; private set; } = [];

    public bool ImportFailed { get; private set; }

    public async Task OnGetAsync(string? name, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Stored is null && !string.IsNullOrWhiteSpace(name))
        {
            Candidates = await profiles.FindByNameAsync(name, cancellationToken);
        }
    }

    [EnableRateLimiting(RateLimitPolicies.Claim)]
    public async Task<IActionResult> OnPostClaimAsync(string? expertId, CancellationToken cancellationToken)
    {
        var result = await profiles.RequestClaimAsync(User, expertId ?? "", Request, cancellationToken);
        ClaimMessage = texts.Format("me.claim." + result.Outcome, result.MaskedEmail);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(long rowVersion, CancellationToken cancellationToken)
    {
        var current = await profiles.OwnAsync(User, cancellationToken);
        if (current is null)
        {
            return NotFound();
        }

        var result = await profiles.SaveAsync(User, FromForm(Request.Form, current.Expert), rowVersion, cancellationToken);
        switch (result.Outcome)
        {
            case SaveOutcome.Saved:
                TempData["Flash"] = texts["me.saved"];
                return RedirectToPage();
            case SaveOutcome.Conflict:
                Conflict = true;
                Show(result.Current!);
                return Page();
            default:
                Stored = current;
                Values = TextFields.Concat(ChoiceFields).Concat(["otherNames", "keywords", "bio"]).ToDictionary(f => f, f => Request.Form[f].ToString());
                Chosen = Request.Form["fields"].Concat(Request.Form["engagement"]).Select(v => v ?? "").Concat(Checked(Request.Form)).ToHashSet();
                Languages = [.. Request.Form["languages"].Select(v => v ?? "")];
                Errors = result.Errors.ToLookup(e => e.Field.Split('[', '.')[0]);
                return Page();
        }
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, long rowVersion, CancellationToken cancellationToken)
    {
        if (await PublicationUpload.ReadAsync(file, cancellationToken) is not { } content)
        {
            ImportFailed = true;
            ImportMessage = texts.Format("me.import.noFile", PublicationUpload.MaxBytes / 1024);
            await LoadAsync(cancellationToken);
            return Page();
        }

        var result = await profiles.ImportPublicationsAsync(User, content, rowVersion, cancellationToken);
        switch (result.Outcome)
        {
            case ImportOutcome.NoProfile:
                return NotFound();
            case ImportOutcome.Conflict:
                Conflict = true;
                Show(result.Current!);
                return Page();
            case ImportOutcome.Invalid:
                ImportFailed = true;
                ImportMessage = texts["me.import.invalid"];
                ImportDetails = result.Errors;
                break;
            default:
                ImportMessage = texts.Format("me.import.result", result.Added, result.AlreadyThere.Count, result.Skipped.Count);
                ImportDetails = result.Skipped;
                break;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string? confirm, CancellationToken cancellationToken)
    {
        if (confirm != "on")
        {
            TempData["Flash"] = texts["me.delete.confirmNeeded"];
            return RedirectToPage();
        }

        await profiles.DeleteAsync(User, cancellationToken);
        await HttpContext.SignOutAsync();
        TempData["Flash"] = texts["me.deleted"];
        return LocalRedirect("/");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (await profiles.OwnAsync(User, cancellationToken) is { } stored)
        {
            Show(stored);
        }
    }

    private void Show(StoredExpert stored)
    {
        Stored = stored;
        var e = stored.Expert;
        Values = new Dictionary<string, string>
        {
            ["fullName"] = e.FullName, ["headline"] = e.Headline ?? "", ["affiliation"] = e.Affiliation ?? "", ["country"] = e.Country ?? "",
            ["city"] = e.City ?? "", ["hometown"] = e.Hometown ?? "", ["degree"] = e.Degree ?? "",
            ["hIndex"] = e.HIndex?.ToString() ?? "", ["email"] = e.Email ?? "", ["orcid"] = e.Orcid ?? "",
            ["otherNames"] = string.Join('\n', e.OtherNames), ["keywords"] = string.Join('\n', e.Keywords), ["bio"] = e.Bio ?? "",
        };
        Chosen = [.. e.Fields, .. e.Engagement];
        Languages = [.. e.Languages];
        if (e.Consent.Listed)
        {
            Chosen.Add("consent.listed");
        }

        if (e.Consent.Contact)
        {
            Chosen.Add("consent.contact");
        }
    }

    private static IEnumerable<string> Checked(IFormCollection form) =>
        new[] { "listed", "contact" }.Where(c => form[c] == "on").Select(c => "consent." + c);

    /// <summary>The form as a shared-format object, so the edit is checked by exactly the rules imports are.</summary>
    private static JsonObject FromForm(IFormCollection form, Expert current)
    {
        var profile = new JsonObject();
        foreach (var field in TextFields.Concat(ChoiceFields).Append("bio").Where(f => f is not "hIndex"))
        {
            if (form[field].ToString().Trim() is { Length: > 0 } value)
            {
                profile[field] = value;
            }
        }

        if (form["hIndex"].ToString().Trim() is { Length: > 0 } h)
        {
            profile["hIndex"] = int.TryParse(h, out var number) ? number : h;
        }

        profile["otherNames"] = List(form["otherNames"].ToString().Split('\n'));
        profile["keywords"] = List(form["keywords"].ToString().Split(KeywordSeparators));
        profile["languages"] = List(form["languages"].Select(v => v ?? ""));
        profile["fields"] = List(form["fields"].Select(v => v ?? ""));
        profile["engagement"] = List(form["engagement"].Select(v => v ?? ""));
        profile["consent"] = new JsonObject { ["listed"] = form["listed"] == "on", ["contact"] = form["contact"] == "on" };
        var removed = form["remove"].Select(v => int.TryParse(v, out var i) ? i : -1).ToHashSet();
        var kept = current with { Publications = current.Publications.Where((_, i) => !removed.Contains(i)).ToList() };
        if (JsonNode.Parse(ExpertJson.Serialize(kept))!["publications"] is { } publications)
        {
            profile["publications"] = publications.DeepClone();
        }

        return profile;
    }

    private static JsonArray List(IEnumerable<string> items) =>
        new(items.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).Select(i => (JsonNode)JsonValue.Create(i)!).ToArray());
}
