using ExpertNetwork.Storage;
using ExpertNetwork.Tests.Support;
using ExpertNetwork.Web.Researchers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ExpertNetwork.Tests.Web;

public sealed class OutboxSharingTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task Mails_sent_at_the_same_moment_by_two_apps_to_one_address_are_both_kept_whole()
    {
        using var data = new TempDirectory();
        var clock = new FixedTime(new DateTimeOffset(2026, 11, 26, 8, 30, 0, TimeSpan.Zero));
        var options = Options.Create(new StorageOptions { DataDirectory = data.Path });
        var first = new Outbox(options, clock, NullLogger<Outbox>.Instance);
        var second = new Outbox(options, clock, NullLogger<Outbox>.Instance);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? first : second).SendAsync("an@example.org", "Xác nhận", $"mã số {i}")));

        var mails = Directory.GetFiles(first.Directory);
        Assert.Equal(10, mails.Length);
        Assert.All(mails, m => Assert.EndsWith(".eml", m));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"mã số {i}"), mails.Select(m => File.ReadAllText(m).Split("\r\n\r\n")[1]).Order());
        Assert.Contains(Path.Combine(first.Directory, "20261126T083000000Z-an@example.org.eml"), mails);
    }
}
