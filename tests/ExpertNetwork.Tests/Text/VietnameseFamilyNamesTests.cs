using ExpertNetwork.Text;

namespace ExpertNetwork.Tests.Text;

public class VietnameseFamilyNamesTests
{
    [Fact]
    public void The_list_holds_about_a_hundred_distinct_family_names()
    {
        var names = VietnameseFamilyNames.All.ToList();

        Assert.InRange(names.Count, 95, 130);
        Assert.Equal(names.Count, names.Select(n => n.ToLowerInvariant()).Distinct().Count());
    }

    [Fact]
    public void Every_listed_name_is_spelled_in_normalized_form()
    {
        Assert.All(VietnameseFamilyNames.All.Concat(VietnameseFamilyNames.AllCompounds), n => Assert.Equal(VietnameseText.Normalize(n), n));
    }

    [Fact]
    public void The_list_covers_the_common_family_names()
    {
        string[] common =
        [
            "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý", "Đào", "Đoàn", "Đinh", "Lâm", "Mai", "Trương", "Tô", "Cao", "Châu", "Lương", "Tạ", "Thái",
            "Hà", "La", "Kiều", "Quách", "Lưu", "Văn", "Chu", "Tăng", "Vương", "Triệu", "Từ", "Phùng", "Mạc", "Thân",
            "Giang", "Khúc", "Kim", "Nông", "Tôn", "Trịnh", "Trang", "Lạc",
        ];

        Assert.All(common, n => Assert.Contains(n, VietnameseFamilyNames.All));
    }

    [Theory]
    [InlineData("Nguyễn", VietnameseFamilyNames.FamilyOnly)]
    [InlineData("NGUYỄN", VietnameseFamilyNames.FamilyOnly)]
    [InlineData("Nguyen", VietnameseFamilyNames.FamilyOnly)]
    [InlineData("nguyen", VietnameseFamilyNames.FamilyOnly)]
    [InlineData("Nguye\u0302\u0303n", VietnameseFamilyNames.FamilyOnly)]
    [InlineData("Nguyễn.", VietnameseFamilyNames.FamilyOnly)]
    [InlineData("Tran-Nguyen", VietnameseFamilyNames.FamilyOnly)]
    [InlineData("Hoàng", VietnameseFamilyNames.AlsoGivenName)]
    [InlineData("Mai", VietnameseFamilyNames.AlsoGivenName)]
    [InlineData("Mai-Nguyen", VietnameseFamilyNames.AlsoGivenName)]
    [InlineData("Quản", VietnameseFamilyNames.FamilyOnly)]
    [InlineData("Quan", VietnameseFamilyNames.AlsoGivenName)]
    [InlineData("Nguyên", VietnameseFamilyNames.NotFamily)]
    [InlineData("Trân", VietnameseFamilyNames.NotFamily)]
    [InlineData("Lệ", VietnameseFamilyNames.NotFamily)]
    [InlineData("An", VietnameseFamilyNames.NotFamily)]
    [InlineData("Jean-Pierre", VietnameseFamilyNames.NotFamily)]
    [InlineData("V.", VietnameseFamilyNames.NotFamily)]
    [InlineData("-", VietnameseFamilyNames.NotFamily)]
    public void Weight_compares_with_diacritics_when_the_token_has_them(string token, int expected)
    {
        Assert.Equal(expected, VietnameseFamilyNames.Weight(token));
    }
}
