using ExpertNetwork.Experts;

namespace ExpertNetwork.Tests.Experts;

public sealed class ExpertJsonTests
{
    [Theory]
    [InlineData("""{"fullName": "A"}""", "id", "is required")]
    [InlineData("""{"id": "", "fullName": "A"}""", "id", "must not be empty")]
    [InlineData("""{"id": "x/y", "fullName": "A"}""", "id", "may only contain")]
    [InlineData("""{"id": "x", "fullName": "   "}""", "fullName", "must not be empty")]
    [InlineData("""{"id": "x", "fullName": 42}""", "fullName", "must be a string")]
    [InlineData("""{"id": "x", "fullName": "A", "country": "vn"}""", "country", "ISO 3166-1")]
    [InlineData("""{"id": "x", "fullName": "A", "country": "XX"}""", "country", "ISO 3166-1")]
    [InlineData("""{"id": "x", "fullName": "A", "fields": ["ai", "robotics"]}""", "fields[1]", "'robotics' is not one of")]
    [InlineData("""{"id": "x", "fullName": "A", "languages": ["vie"]}""", "languages[0]", "ISO 639-1")]
    [InlineData("""{"id": "x", "fullName": "A", "degree": "doctor"}""", "degree", "is not one of")]
    [InlineData("""{"id": "x", "fullName": "A", "hIndex": 2.5}""", "hIndex", "whole number")]
    [InlineData("""{"id": "x", "fullName": "A", "hIndex": "3"}""", "hIndex", "whole number")]
    [InlineData("""{"id": "x", "fullName": "A", "engagement": ["lurking"]}""", "engagement[0]", "is not one of")]
    [InlineData("""{"id": "x", "fullName": "A", "orcid": "0000-0002-1825-009X"}""", "orcid", "check digit")]
    [InlineData("""{"id": "x", "fullName": "A", "email": "not-an-email"}""", "email", "not an email")]
    [InlineData("""{"id": "x", "fullName": "A", "consent": {"listed": "no"}}""", "consent.listed", "true or false")]
    [InlineData("""{"id": "x", "fullName": "A", "consent": {"public": true}}""", "consent.public", "unknown field")]
    [InlineData("""{"id": "x", "fullName": "A", "publications": [{"year": 1899}]}""", "publications[0].year", "between 1900 and 2100")]
    [InlineData("""{"id": "x", "fullName": "A", "publications": [{"title": "t", "pages": 3}]}""", "publications[0].pages", "unknown field")]
    [InlineData("""{"id": "x", "fullName": "A", "otherNames": "B"}""", "otherNames", "array")]
    [InlineData("""{"id": "x", "fullName": "A", "extra": 1}""", "extra", "unknown field")]
    [InlineData("""[1, 2]""", "json", "object")]
    public void BrokenRuleIsReportedOnItsField(string line, string field, string message)
    {
        var errors = new List<FieldError>();

        var expert = ExpertJson.Parse(line, errors);

        Assert.Null(expert);
        Assert.Contains(errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0000-0002-1825-0097")]
    [InlineData("0000-0001-5109-3700")]
    [InlineData("0000-0002-1694-233X")]
    public void ValidOrcidsPass(string orcid) => Assert.True(ExpertJson.IsValidOrcid(orcid));

    [Fact]
    public void NullOptionalFieldsCountAsAbsentAndConsentDefaults()
    {
        var errors = new List<FieldError>();

        var expert = ExpertJson.Parse("""{"id": "x:1", "fullName": "Đặng Thái Sơn", "headline": null, "consent": {}}""", errors);

        Assert.Empty(errors);
        Assert.NotNull(expert);
        Assert.Null(expert.Headline);
        Assert.True(expert.Consent.Listed);
        Assert.False(expert.Consent.Contact);
    }

    [Fact]
    public void SerializeKeepsVietnameseReadableAndParsesBack()
    {
        var expert = Support.ExpertBuilder.Full();

        var json = ExpertJson.Serialize(expert);
        var back = ExpertJson.Parse(json, []);

        Assert.Contains("Nguyễn Văn Đức", json);
        Assert.NotNull(back);
        Assert.True(expert.Equivalent(back));
    }
}
