using System.Net;
using System.Net.Sockets;
using System.Text;
using ExpertNetwork.Web.Researchers;
using Microsoft.Extensions.Logging.Abstractions;
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

    [Fact]
    public async Task TheSmtpSenderDeliversAMessageToTheServer()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var received = ServeOneMessageAsync(listener);
        var sender = new SmtpMailSender(
            Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = port, From = "no-reply@example.vn", Security = "none" }),
            NullLogger<SmtpMailSender>.Instance);

        await sender.SendAsync("duc@example.org", "Xác nhận hồ sơ", "Liên kết: https://experts.example.vn/me/claim/verify?token=abc");
        var transcript = await received.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains("MAIL FROM:<no-reply@example.vn>", transcript);
        Assert.Contains("RCPT TO:<duc@example.org>", transcript);
        Assert.Contains("To: duc@example.org", transcript);
    }

    /// <summary>Just enough of an SMTP server to take one message and hand back what the client said.</summary>
    private static async Task<string> ServeOneMessageAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        var transcript = new StringBuilder();
        await writer.WriteLineAsync("220 test ESMTP");
        var inData = false;
        while (await reader.ReadLineAsync() is { } line)
        {
            transcript.AppendLine(line);
            if (inData)
            {
                if (line == ".")
                {
                    inData = false;
                    await writer.WriteLineAsync("250 queued");
                }

                continue;
            }

            var command = line.Split(' ', ':')[0].ToUpperInvariant();
            switch (command)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-test");
                    await writer.WriteLineAsync("250 8BITMIME");
                    break;
                case "DATA":
                    inData = true;
                    await writer.WriteLineAsync("354 go on");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return transcript.ToString();
                default:
                    await writer.WriteLineAsync("250 ok");
                    break;
            }
        }

        return transcript.ToString();
    }
}
