using ExpertNetwork.Matching;
using ExpertNetwork.Needs;

namespace ExpertNetwork.Tests.Matching;

/// <summary>
/// The glossary's English glosses of Vietnamese phrases: they are embedded with the text and become the need's skills,
/// so a gloss found where the phrase is not makes an unrelated need look like a subject the directory has.
/// </summary>
public sealed class FieldLexiconTests
{
    [Theory]
    [InlineData("học lái xe ô tô")]
    [InlineData("Cần chuyên gia cho trung tâm dữ liệu tỉnh")]
    [InlineData("hoc lai xe o to")]
    [InlineData("Ad hoc networks for disaster response")]
    [InlineData("")]
    public void Text_without_a_glossary_phrase_gets_no_gloss(string text)
    {
        Assert.Equal("", FieldLexicon.EnglishGlosses(text));
    }

    [Theory]
    [InlineData("Ứng dụng học máy trong y học", "machine learning, medicine")]
    [InlineData("Giám sát bờ biển bằng ảnh vệ tinh", "satellite")]
    [InlineData("ung dung hoc may trong y hoc", "machine learning, medicine")]
    [InlineData("Thiết kế vi mạch và mạng nơ-ron", "integrated circuit design, neural network")]
    public void A_vietnamese_phrase_written_with_or_without_diacritics_is_glossed(string text, string glosses)
    {
        Assert.Equal(glosses, FieldLexicon.EnglishGlosses(text));
    }

    [Fact]
    public void A_phrase_is_found_only_with_its_own_diacritics_when_the_text_has_diacritics()
    {
        // "học mày" is not "học máy"; folded, they are one.
        Assert.Equal("", FieldLexicon.EnglishGlosses("Lớp học mày mò"));
        Assert.Equal("machine learning", FieldLexicon.EnglishGlosses("Lớp học máy"));
    }

    [Fact]
    public void An_off_topic_vietnamese_need_asks_for_no_skill_and_a_real_one_for_its_own()
    {
        var statistics = new TermStatistics();

        var driving = NeedContext.Build(new Need { Id = "n1", Title = "học lái xe ô tô" }, statistics, null, null);
        var chips = NeedContext.Build(new Need { Id = "n2", Title = "Thiết kế vi mạch bán dẫn" }, statistics, null, null);

        Assert.Empty(driving.Skills);
        Assert.Contains(chips.Skills, s => s.Label == "integrated circuit design (thiết kế vi mạch)");
        Assert.Contains(chips.Skills, s => s.Label == "semiconductor (bán dẫn)");
    }
}
