using System.ComponentModel.DataAnnotations;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ExpertNetwork.Web.Researchers;

/// <summary>
/// Where claim links go: a real mail server in production, the <see cref="Outbox"/> folder everywhere else,
/// so development and tests never send mail by accident.
/// </summary>
public interface IMailSender
{
    Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default);
}

public sealed class SmtpOptions
{
    public const string Section = "Mail:Smtp";

    public static readonly IReadOnlyDictionary<string, string> EnvironmentVariables = new Dictionary<string, string>
    {
        ["EXPERTNET_SMTP_HOST"] = nameof(Host),
        ["EXPERTNET_SMTP_PORT"] = nameof(Port),
        ["EXPERTNET_SMTP_USERNAME"] = nameof(Username),
        ["EXPERTNET_SMTP_PASSWORD"] = nameof(Password),
        ["EXPERTNET_SMTP_FROM"] = nameof(From),
        ["EXPERTNET_SMTP_SECURITY"] = nameof(Security),
    };

    /// <summary>Empty means no mail server: mail goes to the outbox folder.</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    [EmailAddress]
    public string? From { get; set; }

    /// <summary>
    /// <c>auto</c>: TLS from the start on 465, STARTTLS required on any other port, so a password never crosses
    /// the network in clear; <c>none</c> only for a relay on the same host.
    /// </summary>
    [RegularExpression("^(auto|none)$")]
    public string Security { get; set; } = "auto";

    public bool Configured => !string.IsNullOrWhiteSpace(Host);
}

public sealed class SmtpMailSender(IOptions<SmtpOptions> options, ILogger<SmtpMailSender> logger) : IMailSender
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
    {
        var smtp = options.Value;
        var host = smtp.Host ?? throw new InvalidOperationException("No SMTP host is configured.");
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From ?? throw new InvalidOperationException("No SMTP sender address is configured.")));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };

        using var client = new MailKit.Net.Smtp.SmtpClient();
        var security = smtp.Security == "none" ? SecureSocketOptions.None : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(host, smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
        // The body carries a sign-in token, so only the envelope is logged.
        logger.LogInformation("Mail to {To} ({Subject}) sent through {Host}", to, subject, host);
    }
}

internal static class MailSetup
{
    public static IConfigurationBuilder AddMailEnvironment(this IConfigurationBuilder configuration) =>
        configuration.AddInMemoryCollection(SmtpOptions.EnvironmentVariables
            .Select(pair => KeyValuePair.Create($"{SmtpOptions.Section}:{pair.Value}", Environment.GetEnvironmentVariable(pair.Key)))
            .Where(pair => !string.IsNullOrEmpty(pair.Value)));

    public static IServiceCollection AddMail(this IServiceCollection services)
    {
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations()
            .Validate(o => !o.Configured || !string.IsNullOrWhiteSpace(o.From), "EXPERTNET_SMTP_FROM is required with EXPERTNET_SMTP_HOST")
            .ValidateOnStart();
        services.AddSingleton<Outbox>();
        services.AddSingleton<SmtpMailSender>();
        // Decided when first used rather than at registration, so settings from any configuration source count.
        services.AddSingleton<IMailSender>(sp => sp.GetRequiredService<IOptions<SmtpOptions>>().Value.Configured
            ? sp.GetRequiredService<SmtpMailSender>()
            : sp.GetRequiredService<Outbox>());
        return services;
    }
}
