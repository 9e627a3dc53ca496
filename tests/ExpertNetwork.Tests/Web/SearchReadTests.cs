using System.Net.Http.Json;
using System.Text.Json;
using ExpertNetwork.Accounts;
using ExpertNetwork.Experts;
using ExpertNetwork.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ExpertNetwork.Tests.Web;

/// <summary>What search results read from the store: a summary per hit, and the consent as stored now, whatever the index still holds.</summary>
public sealed class SearchReadTests
{
    // The app would otherwise catch its index up with the store within a second, which is what these tests go behind.
    private static ExpertNetworkApp App() => new(demoCount: 30, new Dictionary<string, string> { ["Search:FollowIntervalMilliseconds"] = "60000" });

    [Fact]
    public async Task A_profile_unlisted_behind_the_index_is_left_out_for_staff_and_shown_to_admins()
    {
        await using var app = App();
        var directory = app.Services.GetRequiredService<ExpertDirectory>();
        var expert = ExpertBuilder.Full("behind-1", "Phạm Văn Lộ Diện");
        await directory.SaveAsync(expert, "test");

        // Unlisted in the store only, as another process does before its index write lands.
        await directory.Store.SaveAsync(expert with { Consent = new Consent(Listed: false) }, "another process");
        Assert.Equal(1, (await directory.Index.SearchAsync(new ExpertNetwork.Search.SearchQuery { Text = "Phạm Văn Lộ Diện" })).Hits.Count(h => h.Id == "behind-1"));
        using var recruiter = await app.SignedInAsync(Roles.Recruiter);
        using var admin = await app.SignedInAsync(Roles.Admin);
        var query = Uri.EscapeDataString("Phạm Văn Lộ Diện");

        Assert.DoesNotContain("behind-1", await recruiter.GetStringAsync("/api/search?q=" + query));
        Assert.DoesNotContain("behind-1", await recruiter.GetStringAsync("/search?q=" + query));
        Assert.Contains("behind-1", await admin.GetStringAsync("/api/search?q=" + query));
    }

    [Fact]
    public async Task A_result_shows_the_stored_summary_of_the_profile()
    {
        await using var app = App();
        var directory = app.Services.GetRequiredService<ExpertDirectory>();
        await directory.SaveAsync(ExpertBuilder.Full("summary-1", "Lý Thị Tóm Tắt"), "test");
        await directory.Store.SaveAsync(ExpertBuilder.Full("summary-1", "Lý Thị Tóm Tắt") with
        {
            Headline = "Giáo sư vi mạch", Affiliation = "Đại học Quy Nhơn", Country = "VN", City = "Quy Nhơn", Fields = ["semiconductor", "physics"], HIndex = 21,
        }, "another process");
        using var recruiter = await app.SignedInAsync(Roles.Recruiter);

        var page = await recruiter.Client.GetFromJsonAsync<JsonElement>("/api/search?q=" + Uri.EscapeDataString("Lý Thị Tóm Tắt"));
        var hit = page.GetProperty("hits").EnumerateArray().Single(h => h.GetProperty("id").GetString() == "summary-1");

        Assert.Equal("Giáo sư vi mạch", hit.GetProperty("headline").GetString());
        Assert.Equal("Đại học Quy Nhơn", hit.GetProperty("affiliation").GetString());
        Assert.Equal("VN", hit.GetProperty("country").GetString());
        Assert.Equal("province", hit.GetProperty("location").GetString());
        Assert.Equal(["semiconductor", "physics"], hit.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(21, hit.GetProperty("hIndex").GetInt32());
    }
}
