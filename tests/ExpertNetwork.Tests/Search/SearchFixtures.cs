using System.Text;
using ExpertNetwork.Experts;

namespace ExpertNetwork.Tests.Search;

/// <summary>
/// The P01…P16 profiles of the Vietnamese search reference (shared/reference/vietnamese-search.md §7),
/// filled out with the facet fields the behaviour suite needs. Names keep their source spelling:
/// P08 and P10 use the new-style tone placement, P14 arrives in NFD.
/// </summary>
internal static class SearchFixtures
{
    public static readonly Expert P01 = Make("P01", "Nguyễn Văn An", ["trí tuệ nhân tạo", "học máy"], ["ai"], "VN", "Quy Nhơn", "phd", 12,
        ["advisory", "teaching"], ["vi", "en"]) with
    {
        Headline = "Giảng viên, Trường Đại học Quy Nhơn",
        Affiliation = "Quy Nhon University",
        Bio = "Nghiên cứu học sâu cho ảnh y tế.",
        Publications = [new Publication { Title = "Deep learning for medical image segmentation", Abstract = "A convolutional network segments tumours in CT scans.", Year = 2022 }],
    };

    public static readonly Expert P02 = Make("P02", "Nguyễn Văn Ân", ["kinh tế học"], ["economics"], "VN", "Hà Nội", "master", 3, ["speaking"], ["vi"]);

    public static readonly Expert P03 = Make("P03", "Nguyễn Thị Ánh", ["semiconductor", "process engineering"], ["semiconductor"], "US", "San Jose", "phd", 20,
        ["advisory", "remote"], ["vi", "en"]) with { OtherNames = ["Anh Nguyen"], Affiliation = "Intel Corporation" };

    public static readonly Expert P04 = Make("P04", "Trần Đức Anh", ["an ninh mạng"], ["cybersecurity"], "DE", "Munich", "phd", 8, ["remote"], ["vi", "de", "en"]);

    public static readonly Expert P05 = Make("P05", "Đặng Thu Hà", ["thiết kế vi mạch"], ["semiconductor"], "JP", "Tokyo", "master", 5, ["visiting"], ["vi", "ja"]) with
    {
        Bio = "Kỹ sư tại Tokyo.",
    };

    public static readonly Expert P06 = Make("P06", "Hoàng Phủ Ngọc Tường", ["văn học"], ["other"], "VN", "Huế", null, null, ["speaking"], ["vi"]);

    public static readonly Expert P07 = Make("P07", "Huỳnh Minh Hòa", ["machine learning", "artificial intelligence"], ["ai"], "VN", "Hồ Chí Minh", "engineer", 4, ["remote"], ["vi", "en"]);

    public static readonly Expert P08 = Make("P08", "Hoàng Minh Hoà", ["bán dẫn"], ["semiconductor"], "VN", "An Nhơn, Gia Lai", "engineer", 2, ["returning"], ["vi"]);

    public static readonly Expert P09 = Make("P09", "Nguyễn Hữu Phước", ["cybersecurity"], ["cybersecurity"], "AU", "Melbourne", "phd", 15,
        ["advisory", "investing"], ["en", "vi"]) with { OtherNames = ["Peter Nguyen"] };

    public static readonly Expert P10 = Make("P10", "Phạm Thị Thuỷ", ["integrated circuit design"], ["semiconductor"], "VN", "Tuy Phước", "phd", 9, ["teaching"], ["vi", "en"]);

    public static readonly Expert P11 = Make("P11", "Lê Văn Đông", ["hóa học"], ["materials"], "VN", "Đà Nẵng", "master", 1, [], ["vi"]);

    public static readonly Expert P12 = Make("P12", "Võ Thị Lan", ["quản trị kinh doanh"], ["economics"], "VN", "Quy Nhơn", "bachelor", null, ["speaking"], ["vi"]) with
    {
        Bio = "Không ai trong nhóm làm việc một mình.",
    };

    public static readonly Expert P13 = Make("P13", "Vũ Văn Kiên", ["vật lý"], ["physics"], "VN", "Hà Nội", "phd", 6, ["visiting"], ["vi", "en"]) with
    {
        Publications = [new Publication { Title = "Quantum transport in graphene nanoribbons", Abstract = "Edge disorder suppresses conductance.", Year = 2019 }],
    };

    public static readonly Expert P14 = Make("P14", "Đỗ Văn Quý".Normalize(NormalizationForm.FormD), ["khoa học dữ liệu"], ["ai"], "SG", "Singapore", "master", 7, ["remote"], ["vi", "en"]);

    public static readonly Expert P15 = Make("P15", "Trương Thị Mai", ["computer vision"], ["ai"], "KR", "Daejeon", "phd", 11, ["visiting", "advisory"], ["vi", "ko", "en"]) with
    {
        Affiliation = "KAIST",
    };

    /// <summary>Has not consented to be listed: must never appear.</summary>
    public static readonly Expert P16 = Make("P16", "Nguyễn Văn Bình", ["học máy"], ["ai"], "VN", "Quy Nhơn", "phd", 30, ["advisory"], ["vi"]) with
    {
        Consent = new Consent(Listed: false),
    };

    public static readonly IReadOnlyList<Expert> All = [P01, P02, P03, P04, P05, P06, P07, P08, P09, P10, P11, P12, P13, P14, P15, P16];

    public static readonly IReadOnlyList<Expert> Listed = All.Where(e => e.Consent.Listed).ToArray();

    public static Expert Make(string id, string name, IReadOnlyList<string> keywords, IReadOnlyList<string> fields, string country, string city,
        string? degree, int? hIndex, IReadOnlyList<string> engagement, IReadOnlyList<string> languages) => new()
    {
        Id = id,
        FullName = name,
        Keywords = keywords,
        Fields = fields,
        Country = country,
        City = city,
        Degree = degree,
        HIndex = hIndex,
        Engagement = engagement,
        Languages = languages,
    };

    public static async IAsyncEnumerable<Expert> Stream(IEnumerable<Expert> experts, Func<int, Task>? beforeEach = null)
    {
        var i = 0;
        foreach (var expert in experts)
        {
            if (beforeEach is not null)
            {
                await beforeEach(i);
            }

            i++;
            yield return expert;
        }
    }
}
