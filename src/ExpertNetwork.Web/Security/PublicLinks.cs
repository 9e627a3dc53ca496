namespace ExpertNetwork.Web.Security;

/// <summary>
/// The address that links in mails start with. Only configuration says it: a link built from the request's
/// Host header would let anyone who can send a request choose where a victim's token goes. In Development the
/// request's own address stands in, so a local run can follow its outbox links.
/// </summary>
public sealed class PublicLinks(IConfiguration configuration, IHostEnvironment environment, ILogger<PublicLinks> logger)
{
    public const string Key = "Researchers:PublicBaseUrl";
    public const string Variable = "Researchers__PublicBaseUrl";

    public string? Configured => configuration[Key] is { Length: > 0 } configured ? configured.TrimEnd('/') : null;

    /// <summary>False outside Development until the public address is set: mails with links are then refused.</summary>
    public bool CanMailLinks => Configured is not null || environment.IsDevelopment();

    /// <returns>The base for a link in a mail, or null when no link may be mailed.</returns>
    public string? BaseUrl(HttpRequest request) =>
        Configured ?? (environment.IsDevelopment() ? $"{request.Scheme}://{request.Host}" : null);

    /// <summary>Said once at start-up, so an operator sees why registration and claims wait.</summary>
    public void LogStatus()
    {
        if (Configured is { } configured)
        {
            if (!Uri.TryCreate(configured, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            {
                throw new InvalidOperationException($"{Variable} must be an absolute http(s) address, such as https://experts.example.vn; it is '{configured}'.");
            }

            return;
        }

        if (!environment.IsDevelopment())
        {
            logger.LogWarning(
                "{Variable} is not set: mails with links are refused, so self-registration, profile claims and speaker invitations wait until it is set to the site's public address (e.g. https://experts.example.vn)",
                Variable);
        }
    }
}
