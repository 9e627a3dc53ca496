using ExpertNetwork.Web.Researchers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExpertNetwork.Tests.Web;

public sealed class MailTests
{
    [Fact]
    public async Task WithoutSmtpSettingsMailGoesToTheOutboxFolder()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);

        Assert.IsType<Outbox>(app.Services.GetRequiredService<IMailSender>());
    }

    [Fact]
    public async Task AnSmtpHostAndSenderSwitchMailToTheSmtpSender()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0, new Dictionary<string, string>
        {
            ["Mail:Smtp:Host"] = "smtp.example.vn", ["Mail:Smtp:Port"] = "465", ["Mail:Smtp:From"] = "no-reply@example.vn",
        });

        Assert.IsType<SmtpMailSender>(app.Services.GetRequiredService<IMailSender>());
        Assert.Equal(465, app.Services.GetRequiredService<IOptions<SmtpOptions>>().Value.Port);
    }

    [Fact]
    public async Task AnSmtpHostWithoutASenderAddressStopsTheAppAtStartup()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0, new Dictionary<string, string> { ["Mail:Smtp:Host"] = "smtp.example.vn" });

        var error = Assert.Throws<OptionsValidationException>(() => app.Services);
        Assert.Contains("EXPERTNET_SMTP_FROM", error.Message);
    }

    [Fact]
    public void EveryDocumentedSmtpVariableNamesAnOption()
    {
        var properties = typeof(SmtpOptions).GetProperties().Select(p => p.Name).ToHashSet();

        Assert.All(SmtpOptions.EnvironmentVariables, pair => Assert.Contains(pair.Value, properties));
        Assert.Contains("EXPERTNET_SMTP_HOST", SmtpOptions.EnvironmentVariables.Keys);
    }
}
