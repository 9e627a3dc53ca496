using System.Globalization;
using System.Security.Claims;
using ExpertNetwork.Events;
using ExpertNetwork.Experts;
using ExpertNetwork.Web.Experts;
using ExpertNetwork.Web.Localisation;
using ExpertNetwork.Web.Researchers;
using ExpertNetwork.Web.Security;

namespace ExpertNetwork.Web.Events;

public enum InviteOutcome
{
    /// <summary>Mailed with a single-use link.</summary>
    Sent,

    /// <summary>Invited as a draft only, as asked.</summary>
    Added,

    /// <summary>No contact consent or no address: the organiser follows it up by hand.</summary>
    Unmailable,

    /// <summary>The mail server refused; the invitation stays a draft and can be sent again.</summary>
    Failed,

    /// <summary>Already mailed (or answered, or reminded), so nothing was sent.</summary>
    NotNeeded,

    /// <summary>No such profile the organiser may see.</summary>
    NotFound,
}

public sealed record InviteResult(string ExpertId, InviteOutcome Outcome);

/// <summary>
/// Invitations that reach the speaker: a mail per invitation, through the same sender as claim links (SMTP or
/// the outbox), to experts who agreed to be contacted and have an address. It is written in Vietnamese when the
/// profile lists Vietnamese among its languages, else in English, and carries a single-use link to a page where
/// the speaker accepts or declines without an account.
/// </summary>
public sealed class InvitationMailer(EventStore events, ExpertStore store, IMailSender mail, PublicLinks links, TimeProvider clock, ILogger<InvitationMailer> logger)
{
    public async Task<IReadOnlyList<InviteResult>> InviteAsync(
        ConferenceEvent conference, ClaimsPrincipal organiser, IReadOnlyList<string> expertIds, bool send, HttpRequest request, CancellationToken cancellationToken)
    {
        var results = new List<InviteResult>();
        foreach (var expertId in expertIds)
        {
            // An expert the organiser may not see cannot be invited: that would confirm the hidden profile exists.
            if (await ProfileAccess.FindVisibleAsync(store, organiser, expertId, cancellationToken) is null
                || !await events.InviteAsync(conference.Id, organiser.Id(), expertId, cancellationToken))
            {
                results.Add(new InviteResult(expertId, InviteOutcome.NotFound));
                continue;
            }

            results.Add(new InviteResult(expertId, send ? await SendAsync(conference, organiser, expertId, reminder: false, request, cancellationToken) : InviteOutcome.Added));
        }

        return results;
    }

    /// <summary>The first mail of an invitation, or its one reminder, which replaces the first link with a new one.</summary>
    public async Task<InviteOutcome> SendAsync(ConferenceEvent conference, ClaimsPrincipal organiser, string expertId, bool reminder, HttpRequest request, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(expertId, cancellationToken);
        if (stored is null)
        {
            return InviteOutcome.NotFound;
        }

        var expert = stored.Expert;
        if (!expert.Consent.Contact || string.IsNullOrWhiteSpace(expert.Email))
        {
            if (!reminder)
            {
                await events.MarkNotMailedAsync(conference.Id, organiser.Id(), expertId, InvitationMail.Unmailable, cancellationToken);
            }

            return InviteOutcome.Unmailable;
        }

        if (links.BaseUrl(request) is not { } baseUrl)
        {
            logger.LogWarning("Invitation mail for event {Event} to expert {Expert} refused: {Variable} is not set", conference.Id, expertId, PublicLinks.Variable);
            if (!reminder)
            {
                await events.MarkNotMailedAsync(conference.Id, organiser.Id(), expertId, InvitationMail.Failed, cancellationToken);
            }

            return InviteOutcome.Failed;
        }

        var language = expert.Languages.Contains(Texts.Vietnamese, StringComparer.OrdinalIgnoreCase) ? Texts.Vietnamese : Texts.English;
        var token = await events.IssueLinkAsync(conference.Id, organiser.Id(), expertId, language, reminder, cancellationToken);
        if (token is null)
        {
            return InviteOutcome.NotNeeded;
        }

        var link = $"{baseUrl}/invitations/respond?token={token}&lang={language}";
        try
        {
            await mail.SendAsync(expert.Email, Subject(conference, language, reminder), Body(conference, expert, organiser.Email(), link, language), cancellationToken);
            return InviteOutcome.Sent;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Invitation mail for event {Event} to expert {Expert} could not be sent", conference.Id, expertId);
            if (!reminder)
            {
                await events.MarkNotMailedAsync(conference.Id, organiser.Id(), expertId, InvitationMail.Failed, cancellationToken);
            }

            return InviteOutcome.Failed;
        }
    }

    /// <summary>
    /// A link works until the end of the event's last day in Vietnam (its start day when it has no end); for an
    /// event without dates, for 90 days after it was sent.
    /// </summary>
    public static DateTimeOffset ExpiresAt(string? startsOn, string? endsOn, DateTimeOffset? sentAt)
    {
        var day = endsOn ?? startsOn;
        if (day is not null && DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7));
        }

        return (sentAt ?? DateTimeOffset.UtcNow).AddDays(90);
    }

    public bool Expired(InvitationTicket ticket) => clock.GetUtcNow() >= ExpiresAt(ticket.StartsOn, ticket.EndsOn, ticket.SentAt);

    private static string Subject(ConferenceEvent conference, string language, bool reminder) =>
        Texts.In(language, reminder ? "invitationMail.reminderSubject" : "invitationMail.subject", conference.Name);

    private static string Body(ConferenceEvent conference, Expert expert, string organiserEmail, string link, string language)
    {
        var dates = conference.StartsOn is null ? "" : conference.EndsOn is null || conference.EndsOn == conference.StartsOn
            ? conference.StartsOn
            : $"{conference.StartsOn} – {conference.EndsOn}";
        var expiry = conference.EndsOn ?? conference.StartsOn;
        return string.Join("\n\n", new[]
        {
            Texts.In(language, "invitationMail.greeting", expert.FullName),
            Texts.In(language, dates.Length > 0 ? "invitationMail.invite" : "invitationMail.inviteUndated", conference.Name, dates),
            conference.Topics.Count > 0 ? Texts.In(language, "invitationMail.topics", string.Join("; ", conference.Topics)) : null,
            Texts.In(language, "invitationMail.answer") + "\n" + link,
            expiry is null ? Texts.In(language, "invitationMail.expiresUndated") : Texts.In(language, "invitationMail.expires", expiry),
            Texts.In(language, "invitationMail.contact", organiserEmail),
            Texts.In(language, "invitationMail.signature", conference.Name),
        }.Where(p => p is not null));
    }
}
