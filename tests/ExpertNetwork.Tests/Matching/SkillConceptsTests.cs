using ExpertNetwork.Matching;

namespace ExpertNetwork.Tests.Matching;

public sealed class SkillConceptsTests
{
    [Fact]
    public void ANeedsConceptsComeFromTheSynonymLinesLongestFirstInReadingOrder()
    {
        var concepts = SkillConcepts.Recognise("Dự án cần thiết kế vi mạch tương tự, xác minh thiết kế và đóng gói chip cho cảm biến.");

        Assert.Equal(["thiết kế vi mạch tương tự", "xác minh thiết kế", "đóng gói chip", "cảm biến"], concepts.Select(c => c.Vietnamese));
        Assert.Equal(["analog IC design", "design verification", "chip packaging", "sensor"], concepts.Select(c => c.English));
    }

    [Fact]
    public void EnglishAndUnaccentedTextFindTheSameConcepts()
    {
        var english = SkillConcepts.Recognise("We need analog IC design and chip packaging");
        var folded = SkillConcepts.Recognise("can thiet ke vi mach tuong tu va dong goi chip");

        Assert.Equal(english.Select(c => c.Key), folded.Select(c => c.Key));
        Assert.Equal(2, english.Count);
    }

    [Fact]
    public void TwoLetterEntriesCountOnlyInCapitalsBecauseAiIsAVietnameseWord()
    {
        Assert.Empty(SkillConcepts.Recognise("Ai sẽ làm việc này?"));
        Assert.Equal("trí tuệ nhân tạo", Assert.Single(SkillConcepts.Recognise("Ứng dụng AI cho nông nghiệp thông minh"), c => c.Vietnamese == "trí tuệ nhân tạo").Vietnamese);
    }

    [Fact]
    public void ATypedSkillIsItsSynonymLineOrItselfWhenTheFileDoesNotKnowIt()
    {
        var known = SkillConcepts.Named("Chip Packaging");
        var unknown = SkillConcepts.Named("quản trị dự án phần mềm nhúng");

        Assert.True(known.Known);
        Assert.Equal("đóng gói chip", known.Vietnamese);
        Assert.False(unknown.Known);
        Assert.Equal("quản trị dự án phần mềm nhúng", unknown.Vietnamese);
    }

    [Theory]
    [InlineData("ML", "machine learning")]
    [InlineData("GNSS for fishing boats", "satellite navigation")]
    [InlineData("Chuyên gia GPU", "graphics processing unit")]
    [InlineData("ASICs", "application-specific integrated circuit")]
    public void A_short_need_s_acronyms_are_spelled_out_from_the_synonym_file(string text, string spelledOut)
    {
        Assert.Equal([spelledOut], SkillConcepts.SpelledOut(text));
        Assert.Equal(text + ". " + spelledOut, SkillConcepts.WithAcronymsSpelledOut(text));
    }

    [Theory]
    [InlineData("ml")]
    [InlineData("Ai làm ML?")]
    [InlineData("AI and artificial intelligence")]
    [InlineData("XYZQ")]
    public void Only_capitalised_acronyms_the_synonym_file_spells_out_and_the_text_does_not_are_spelled_out(string text)
    {
        Assert.DoesNotContain("artificial intelligence", SkillConcepts.SpelledOut(text));
        Assert.Equal(text == "Ai làm ML?" ? ["machine learning"] : [], SkillConcepts.SpelledOut(text));
    }

    [Fact]
    public void A_long_need_and_an_acronym_the_directory_writes_are_left_as_written()
    {
        var longNeed = "We are looking for someone with ten years of experience in ML for the fisheries of the province";

        Assert.Empty(SkillConcepts.SpelledOut(longNeed));
        Assert.Empty(SkillConcepts.SpelledOut("ML", written: term => term == "ml"));
        Assert.Equal(["machine learning"], SkillConcepts.SpelledOut("ML", written: term => term == "gpu"));
    }
}
