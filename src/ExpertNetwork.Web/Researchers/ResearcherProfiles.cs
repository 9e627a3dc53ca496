using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExpertNetwork.Accounts;
using ExpertNetwork.Experts;
using ExpertNetwork.Researchers;
using ExpertNetwork.Web.Security;

namespace ExpertNetwork.Web.Researchers;

public enum ClaimRequestOutcome
{
    Sent,
    NoEmail,
    NotFound,
    Taken,
    AlreadyClaimed,

    /// <summary>The public address is not configured, so no link may be mailed (see <see cref="PublicLinks"/>).</summary>
    LinksUnavailable,
}

public sealed record ClaimRequestResult(ClaimRequestOutcome Outcome, string? MaskedEmail = null);

public enum SaveOutcome
{
    Saved,
    Invalid,
    Conflict,
    NoProfile,
}

public sealed record SaveResult(SaveOutcome Outcome, StoredExpert? Current, IReadOnlyList<FieldError> Errors);

public enum ImportOutcome
{
    Imported,
    Invalid,
    Conflict,
    NoProfile,
}

public sealed record PublicationImportResult(
    ImportOutcome Outcome, StoredExpert? Current, int Added, IReadOnlyList<string> AlreadyThere, IReadOnlyList<ImportIssue> Skipped, IReadOnlyList<ImportIssue> Errors);

public sealed record ClaimCandidate(string Id, string FullName, string? Affiliation, string? City);

/// <summary>
/// A researcher's own profile. Every method starts from the signed-in user's claim, never from an id the
/// client sends, so there is no way to address someone else's profile; writes go through the directory.
/// </summary>
public sealed class ResearcherProfiles(ProfileClaims claims, ExpertDirectory directory, UserStore users, IMailSender mail, PublicLinks links)
{
    public async Task<StoredExpert?> OwnAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var claim = await claims.ForUserAsync(user.Id(), cancellationToken);
        return claim is null ? null : await directory.Store.GetAsync(claim.ExpertId, cancellationToken);
    }

    /// <summary>
    /// Sends the link to the address on the profile. Unlisted profiles answer like missing ones, as everywhere
    /// outside admin; their owners ask an admin to link them.
    /// </summary>
    public async Task<ClaimRequestResult> RequestClaimAsync(ClaimsPrincipal user, string expertId, HttpRequest request, CancellationToken cancellationToken)
    {
        if (await claims.ForUserAsync(user.Id(), cancellationToken) is not null)
        {
            return new ClaimRequestResult(ClaimRequestOutcome.AlreadyClaimed);
        }

        var stored = expertId.Length is 0 or > 64 ? null : await directory.Store.GetAsync(expertId.Trim(), cancellationToken);
        if (stored is null || !stored.Expert.Consent.Listed)
        {
            return new ClaimRequestResult(ClaimRequestOutcome.NotFound);
        }

        if (await claims.ForProfileAsync(stored.Expert.Id, cancellationToken) is not null)
        {
            return new ClaimRequestResult(ClaimRequestOutcome.Taken);
        }

        if (stored.Expert.Email is not { Length: > 0 } email)
        {
            return new ClaimRequestResult(ClaimRequestOutcome.NoEmail);
        }

        if (links.BaseUrl(request) is not { } baseUrl)
        {
            return new ClaimRequestResult(ClaimRequestOutcome.LinksUnavailable);
        }

        var token = await claims.IssueTokenAsync(user.Id(), stored.Expert.Id, cancellationToken);
        var link = $"{baseUrl}/me/claim/verify?token={token}";
        await mail.SendAsync(
            email,
            "Xác nhận hồ sơ / Confirm your profile — ExpertNetwork",
            $"""
            Tài khoản {user.Email()} muốn nhận hồ sơ "{stored.Expert.FullName}" ({stored.Expert.Id}) trong Mạng lưới chuyên gia Bình Định.
            Nếu đó là bạn, hãy đăng nhập bằng tài khoản này và mở liên kết sau (hiệu lực 24 giờ, dùng một lần):

            The account {user.Email()} asks to claim the profile "{stored.Expert.FullName}" ({stored.Expert.Id}) in the Bình Định Expert Network.
            If that is you, sign in with that account and open this link (valid for 24 hours, once):

            {link}

            Nếu không phải bạn, hãy bỏ qua thư này. / If it was not you, ignore this message.
            """,
            cancellationToken);
        return new ClaimRequestResult(ClaimRequestOutcome.Sent, Mask(email));
    }

    /// <summary>Listed, unclaimed profiles whose name starts like this, for researchers who do not know their id.</summary>
    public async Task<IReadOnlyList<ClaimCandidate>> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        name = name.Trim();
        if (name.Length is < 2 or > 200)
        {
            return [];
        }

        var suggestions = await directory.Index.SuggestAsync(name, 10, cancellationToken);
        var stored = await directory.Store.GetManyAsync(suggestions.Select(s => s.Id).ToList(), cancellationToken);
        var candidates = new List<ClaimCandidate>();
        foreach (var s in stored.Where(s => s.Expert.Consent.Listed))
        {
            if (await claims.ForProfileAsync(s.Expert.Id, cancellationToken) is null)
            {
                candidates.Add(new ClaimCandidate(s.Expert.Id, s.Expert.FullName, s.Expert.Affiliation, s.Expert.City));
            }
        }

        return candidates;
    }

    public Task<ClaimResult> VerifyAsync(ClaimsPrincipal user, string token, CancellationToken cancellationToken) =>
        claims.RedeemAsync(user.Id(), token, user.ChangedBy(), cancellationToken);

    /// <summary>
    /// Validates with the shared format's own rules. The id always comes from the claim, whatever the body says.
    /// </summary>
    public async Task<SaveResult> SaveAsync(ClaimsPrincipal user, JsonObject profile, long rowVersion, CancellationToken cancellationToken)
    {
        var current = await OwnAsync(user, cancellationToken);
        if (current is null)
        {
            return new SaveResult(SaveOutcome.NoProfile, null, []);
        }

        profile["id"] = current.Expert.Id;
        var errors = new List<FieldError>();
        var expert = ExpertJson.Parse(JsonSerializer.SerializeToElement(profile), errors);
        if (expert is null)
        {
            return new SaveResult(SaveOutcome.Invalid, current, errors);
        }

        try
        {
            return new SaveResult(SaveOutcome.Saved, await directory.SaveAsync(expert, user.ChangedBy(), rowVersion, cancellationToken), []);
        }
        catch (ConcurrencyConflictException)
        {
            return new SaveResult(SaveOutcome.Conflict, await directory.Store.GetAsync(current.Expert.Id, cancellationToken), []);
        }
    }

    /// <summary>
    /// Adds the new publications from a BibTeX or ORCID file in one save with the row version the form was built
    /// from: any error in the file, or a newer profile, and nothing is stored.
    /// </summary>
    public async Task<PublicationImportResult> ImportPublicationsAsync(ClaimsPrincipal user, string content, long rowVersion, CancellationToken cancellationToken)
    {
        var current = await OwnAsync(user, cancellationToken);
        if (current is null)
        {
            return new PublicationImportResult(ImportOutcome.NoProfile, null, 0, [], [], []);
        }

        var file = PublicationImport.Parse(content);
        if (file.Errors.Count > 0)
        {
            return new PublicationImportResult(ImportOutcome.Invalid, current, 0, [], file.SkippedIssues, file.ErrorIssues);
        }

        var merge = PublicationImport.Merge(current.Expert.Publications, file.Entries);
        if (merge.Added.Count == 0)
        {
            return new PublicationImportResult(ImportOutcome.Imported, current, 0, merge.AlreadyThere, file.SkippedIssues, []);
        }

        var expert = current.Expert with { Publications = [.. current.Expert.Publications, .. merge.Added] };
        try
        {
            var saved = await directory.SaveAsync(expert, user.ChangedBy(), rowVersion, cancellationToken);
            return new PublicationImportResult(ImportOutcome.Imported, saved, merge.Added.Count, merge.AlreadyThere, file.SkippedIssues, []);
        }
        catch (ConcurrencyConflictException)
        {
            return new PublicationImportResult(ImportOutcome.Conflict, await directory.Store.GetAsync(current.Expert.Id, cancellationToken), 0, [], [], []);
        }
    }

    /// <summary>Everything kept about the user: the account (without the password hash) and the profile in the shared format.</summary>
    public async Task<byte[]> ExportAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var account = await users.FindByIdAsync(user.Id(), cancellationToken) ?? throw new InvalidOperationException("No account.");
        var claim = await claims.ForUserAsync(account.Id, cancellationToken);
        var profile = claim is null ? null : await directory.Store.GetAsync(claim.ExpertId, cancellationToken);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ExpertJson.WriterOptions.Encoder, Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("account");
            writer.WriteString("id", account.Id);
            writer.WriteString("email", account.Email);
            writer.WriteString("displayName", account.DisplayName);
            writer.WriteString("role", account.Role);
            writer.WriteString("createdAt", account.CreatedAt);
            if (claim is not null)
            {
                writer.WriteString("profileClaimedAt", claim.ClaimedAt);
            }

            writer.WriteEndObject();
            if (profile is not null)
            {
                writer.WritePropertyName("profile");
                ExpertJson.Write(writer, profile.Expert);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The profile goes through the directory (the index drops it, the audit keeps the deletion), then the account.</summary>
    public async Task DeleteAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var claim = await claims.ForUserAsync(user.Id(), cancellationToken);
        if (claim is not null)
        {
            await directory.DeleteAsync(claim.ExpertId, user.ChangedBy(), cancellationToken);
        }

        await users.DeleteAsync(user.Id(), cancellationToken);
    }

    public static IReadOnlyList<string> CompletenessHints(Expert expert)
    {
        var missing = new (string Hint, bool Missing)[]
        {
            ("headline", string.IsNullOrWhiteSpace(expert.Headline)),
            ("keywords", expert.Keywords.Count == 0),
            ("fields", expert.Fields.Count == 0),
            ("publications", expert.Publications.Count == 0),
            ("orcid", string.IsNullOrWhiteSpace(expert.Orcid)),
            ("bio", string.IsNullOrWhiteSpace(expert.Bio)),
            ("engagement", expert.Engagement.Count == 0),
        };
        return missing.Where(m => m.Missing).Select(m => m.Hint).ToList();
    }

    private static string Mask(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 1 ? "***" + email[Math.Max(at, 0)..] : email[0] + new string('*', Math.Min(at - 1, 6)) + email[at..];
    }
}
