using System.ComponentModel.DataAnnotations;

namespace ExpertNetwork.Web.Security;

public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Sign-in and registration attempts per client address and window: enough for typos, too few for guessing.</summary>
    [Range(1, 10_000)]
    public int SignInPermitLimit { get; set; } = 10;

    [Range(1, 86_400)]
    public int SignInWindowSeconds { get; set; } = 300;

    /// <summary>Searches (and suggestions, one per keystroke) per user and window.</summary>
    [Range(1, 100_000)]
    public int SearchPermitLimit { get; set; } = 300;

    [Range(1, 86_400)]
    public int SearchWindowSeconds { get; set; } = 60;

    /// <summary>Matches per user and window: each one scores up to 200 profiles, so fewer than searches.</summary>
    [Range(1, 100_000)]
    public int MatchPermitLimit { get; set; } = 60;

    [Range(1, 86_400)]
    public int MatchWindowSeconds { get; set; } = 60;

    /// <summary>Profile claim requests per user and window; each one sends a verification mail.</summary>
    [Range(1, 10_000)]
    public int ClaimPermitLimit { get; set; } = 5;

    [Range(1, 86_400)]
    public int ClaimWindowSeconds { get; set; } = 3600;

    /// <summary>Largest request body accepted; forms and JSON here are small, imports go through the CLI.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
