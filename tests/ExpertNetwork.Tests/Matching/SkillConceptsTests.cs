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
}
