using System.Text;
using ExpertNetwork.Storage;
using Microsoft.Extensions.Options;

namespace ExpertNetwork.Web.Researchers;

/// <summary>
/// Mail as .eml files in <c>&lt;data&gt;/outbox</c>, plus a log line: enough to run and test the claim flow
/// without a mail server. Production sets an SMTP server instead (<see cref="SmtpMailSender"/>); without one an
/// operator forwards the outbox or links profiles as admin.
/// </summary>
public sealed partial class Outbox(IOptions<StorageOptions> storage, TimeProvider clock, ILogger<Outbox> logger) : IMailSender
{
    public string Directory => Path.Combine(storage.Value.DataDirectory, "outbox");

    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var now = clock.GetUtcNow();
        var name = $"{now:yyyyMMddTHHmmssfffZ}-{SafeName().Replace(to, "_")}";
        // Header values come from our own code and validated addresses; line breaks are stripped all the same so nothing can add headers.
        var message = new StringBuilder()
            .Append("From: no-reply@expertnet.local\r\n")
            .Append("To: ").Append(OneLine(to)).Append("\r\n")
            .Append("Subject: =?utf-8?B?").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(OneLine(subject)))).Append("?=\r\n")
            .Append("Date: ").Append(now.ToString("r")).Append("\r\n")
            .Append("MIME-Version: 1.0\r\n")
            .Append("Content-Type: text/plain; charset=utf-8\r\n")
            .Append("Content-Transfer-Encoding: 8bit\r\n\r\n")
            .Append(body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal))
            .ToString();
        // Written aside and moved into place, never over another mail: several processes share the outbox, and
        // whoever forwards it never sees half a message. A name is first claimed with a hidden file created
        // exclusively, because File.Move without overwrite is not atomic on every Linux file system (without hard
        // links .NET checks for the target and then renames, so two processes could both take one name).
        var temp = Path.Combine(Directory, $".{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(temp, message, new UTF8Encoding(false), cancellationToken);
        for (var copy = 1; ; copy++)
        {
            if (copy > 1000)
            {
                File.Delete(temp);
                throw new IOException($"The outbox {Directory} holds 1,000 mails named {name} already.");
            }

            var path = Path.Combine(Directory, copy == 1 ? name + ".eml" : $"{name}-{copy}.eml");
            var claim = Path.Combine(Directory, "." + Path.GetFileName(path) + ".claim");
            try
            {
                using (new FileStream(claim, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                }
            }
            catch (IOException)
            {
                // Another process holds that name's claim (or has just let it go): the next name is as good.
                continue;
            }

            try
            {
                if (File.Exists(path))
                {
                    continue;
                }

                File.Move(temp, path, overwrite: true);
                logger.LogInformation("Mail to {To} ({Subject}) written to {Path}", to, subject, path);
                return;
            }
            finally
            {
                File.Delete(claim);
            }
        }
    }

    private static string OneLine(string value) => value.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"[^A-Za-z0-9@._-]")]
    private static partial System.Text.RegularExpressions.Regex SafeName();
}
