using ExpertNetwork.Accounts;
using ExpertNetwork.Experts;
using ExpertNetwork.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ExpertNetwork.Tests.Web;

/// <summary><c>/api/suggest</c>: one entry per person, with a line in the reader's language that tells people of one name apart.</summary>
public sealed class SuggestApiTests
{
    [Fact]
    public async Task Namesakes_get_lines_that_differ_in_both_languages()
    {
        await using var app = new ExpertNetworkApp(demoCount: 0);
        var directory = app.Services.GetRequiredService<ExpertDirectory>();
        var kaist = ExpertBuilder.Full("van-1", "Nguyễn Thị Vân") with { Headline = "Giáo sư vi mạch" };
        await directory.SaveAsync(kaist, "test");
        await directory.SaveAsync(kaist with { Id = "van-2", Headline = "Nghiên cứu viên học máy" }, "test");
        await directory.SaveAsync(kaist with { Id = "van-3", Headline = "Nghiên cứu viên học máy" }, "test");
        await directory.SaveAsync(kaist with { Id = "van-4", Affiliation = "Trường Đại học Quy Nhơn", City = "Quy Nhơn", Country = "VN" }, "test");
        using var recruiter = await app.SignedInAsync(Roles.Recruiter);

        var vietnamese = await DetailsAsync(recruiter, "/api/suggest?q=nguyen+van+th&lang=vi");
        var english = await DetailsAsync(recruiter, "/api/suggest?q=nguyen+van+th&lang=en");

        Assert.Equal("KAIST · Daejeon, Hàn Quốc · Giáo sư vi mạch", vietnamese["van-1"]);
        Assert.Equal("KAIST · Daejeon, Hàn Quốc · Nghiên cứu viên học máy · mã hồ sơ van-2", vietnamese["van-2"]);
        Assert.Equal("KAIST · Daejeon, Hàn Quốc · Nghiên cứu viên học máy · mã hồ sơ van-3", vietnamese["van-3"]);
        Assert.Equal("Trường Đại học Quy Nhơn · Quy Nhơn, Việt Nam", vietnamese["van-4"]);
        Assert.Equal("KAIST · Daejeon, South Korea · Nghiên cứu viên học máy · profile van-2", english["van-2"]);
        Assert.Equal("Trường Đại học Quy Nhơn · Quy Nhơn, Vietnam", english["van-4"]);
    }

    private static async Task<Dictionary<string, string>> DetailsAsync(WebSession session, string url)
    {
        var suggestions = (await session.GetJsonAsync(url)).EnumerateArray().ToList();
        Assert.All(suggestions, s => Assert.Equal("Nguyễn Thị Vân", s.GetProperty("fullName").GetString()));
        return suggestions.ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("detail").GetString()!);
    }
}
