using ExpertNetwork.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExpertNetwork.Web.Events;

public enum RespondState
{
    Open,
    Unknown,
    Expired,
    Answered,
    Closed,
    Thanks,
}

// The page an invitation mail links to. No account is needed: the single-use token in the link is the authority,
// and it opens this one invitation only, until the event's last day.
[AllowAnonymous]
public sealed class RespondModel(EventStore events, InvitationMailer mailer) : PageModel
{
    public const int MaxNote = 2000;

    public InvitationTicket? Ticket { get; private set; }

    public RespondState State { get; private set; }

    public string Token { get; private set; } = "";

    public async Task OnGetAsync(string? token, CancellationToken cancellationToken) => await LoadAsync(token, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? token, string? answer, string? note, CancellationToken cancellationToken)
    {
        if (answer is not ("accept" or "decline") || note is { Length: > MaxNote })
        {
            return BadRequest();
        }

        await LoadAsync(token, cancellationToken);
        if (State != RespondState.Open)
        {
            return Page();
        }

        if (await events.AnswerAsync(Token, answer == "accept", note, cancellationToken))
        {
            State = RespondState.Thanks;
            Ticket = await events.FindByTokenAsync(Token, cancellationToken);
        }
        else
        {
            // Answered in another tab or closed by the organiser a moment ago.
            await LoadAsync(Token, cancellationToken);
        }

        return Page();
    }

    private async Task LoadAsync(string? token, CancellationToken cancellationToken)
    {
        Token = token ?? "";
        Ticket = await events.FindByTokenAsync(Token, cancellationToken);
        State = Ticket switch
        {
            null => RespondState.Unknown,
            { AnsweredAt: not null } => RespondState.Answered,
            { Status: not InvitationStatuses.Invited } => RespondState.Closed,
            _ when mailer.Expired(Ticket) => RespondState.Expired,
            _ => RespondState.Open,
        };
    }
}
