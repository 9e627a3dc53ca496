using System.ComponentModel.DataAnnotations;

namespace ExpertNetwork.Web.Security;

public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Sign-in and registration posts per client address and window, a flood guard only: one office behind one
    /// address signs in many people. Password guessing is stopped by the failure counts below.
    /// </summary>
    [Range(1, 10_000)]
    public int SignInPermitLimit { get; set; } = 100;

    [Range(1, 86_400)]
    public int SignInWindowSeconds { get; set; } = 300;

    /// <summary>Failed sign-ins of one account before it must wait; each further failure doubles the wait.</summary>
    [Range(1, 1000)]
    public int AccountFailuresBeforeWait { get; set; } = 5;

    /// <summary>Failed sign-ins from one client address (any accounts) before it must wait: higher, as an office shares one.</summary>
    [Range(1, 100_000)]
    public int AddressFailuresBeforeWait { get; set; } = 50;

    /// <summary>The first wait; it doubles with each further failure up to <see cref="SignInLongestWaitSeconds"/>.</summary>
    [Range(1, 3600)]
    public int SignInFirstWaitSeconds { get; set; } = 30;

    [Range(1, 86_400)]
    public int SignInLongestWaitSeconds { get; set; } = 900;

    /// <summary>
    /// Proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (addresses, e.g. <c>10.0.0.5</c>); nobody
    /// else's. Behind a TLS proxy this is what makes the cookies Secure and the client address the real one.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Like <see cref="KnownProxies"/>, whole networks in CIDR form, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public Web.Accounts.ThrottleRuleSet SignInRules() => new(
        new ExpertNetwork.Accounts.ThrottleRule(AccountFailuresBeforeWait, TimeSpan.FromSeconds(SignInFirstWaitSeconds), TimeSpan.FromSeconds(SignInLongestWaitSeconds), TimeSpan.FromHours(24)),
        new ExpertNetwork.Accounts.ThrottleRule(AddressFailuresBeforeWait, TimeSpan.FromSeconds(SignInFirstWaitSeconds), TimeSpan.FromSeconds(SignInLongestWaitSeconds), TimeSpan.FromHours(1)));

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
