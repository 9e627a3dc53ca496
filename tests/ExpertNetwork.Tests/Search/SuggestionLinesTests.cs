using ExpertNetwork.Search;

namespace ExpertNetwork.Tests.Search;

/// <summary>The line under a suggested name, without an engine: which parts it shows for which neighbours.</summary>
public sealed class SuggestionLinesTests
{
    private static IReadOnlyList<string> Parts(SuggestionLine line) => line.Parts(code => "[" + code + "]", id => "#" + id);

    [Fact]
    public void Different_names_show_affiliation_and_place_only_and_skip_what_is_missing()
    {
        var lines = SuggestionLines.For(
        [
            new NameSuggestion("a", "Lê Văn Đông", "Đại học Đà Nẵng", "Đà Nẵng", "VN", "Giảng viên"),
            new NameSuggestion("b", "Lê Văn Đồng", null, null, "US", "Kỹ sư"),
            new NameSuggestion("c", "Lê Văn Hùng", "Viettel", null, null, null),
        ]);

        // "Đông" and "Đồng" fold alike but differ in affiliation and place, so no headline is needed.
        Assert.Equal(["Đại học Đà Nẵng", "Đà Nẵng, [VN]"], Parts(lines[0]));
        Assert.Equal(["[US]"], Parts(lines[1]));
        Assert.Equal(["Viettel"], Parts(lines[2]));
    }

    [Fact]
    public void Names_that_fold_alike_with_the_same_affiliation_and_place_show_headlines_and_ids_only_when_those_are_the_same_too()
    {
        var lines = SuggestionLines.For(
        [
            new NameSuggestion("a", "Nguyễn Thị Vân", "Viện Vật lý", "Hà Nội", "VN", "Nghiên cứu viên"),
            new NameSuggestion("b", "Nguyen Thi Van", "VIỆN VẬT LÝ", "Ha Noi", "vn", "Nghiên cứu viên  "),
            new NameSuggestion("c", "Nguyễn Thị Văn", "Viện Vật lý", "Hà Nội", "VN", null),
            new NameSuggestion("d", "Nguyễn Thị Vân", "Viện Toán học", "Hà Nội", "VN", "Nghiên cứu viên"),
        ]);

        Assert.Equal(["Viện Vật lý", "Hà Nội, [VN]", "Nghiên cứu viên", "#a"], Parts(lines[0]));
        Assert.Equal(["VIỆN VẬT LÝ", "Ha Noi, [vn]", "Nghiên cứu viên", "#b"], Parts(lines[1]));
        Assert.Equal(["Viện Vật lý", "Hà Nội, [VN]"], Parts(lines[2]));
        Assert.Equal(["Viện Toán học", "Hà Nội, [VN]"], Parts(lines[3]));
    }
}
