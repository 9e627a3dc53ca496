using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using ExpertNetwork.Demo;
using ExpertNetwork.Experts;
using ExpertNetwork.Needs;
using ExpertNetwork.Text;

namespace ExpertNetwork.Tests.Demo;

/// <summary>One 5,000-profile directory and its needs, shared by the tests: the machine is shared too.</summary>
public sealed class DemoDirectoryFixture
{
    public const int Count = 5_000;
    public const int NeedCount = 300;

    public DemoDirectoryFixture()
    {
        Experts = DemoDirectory.Generate(Count).ToList();
        (Needs, Judgments) = DemoDirectory.GenerateNeeds(Experts, NeedCount, seed: 7);
    }

    public IReadOnlyList<Expert> Experts { get; }

    public IReadOnlyList<Need> Needs { get; }

    public IReadOnlyList<Judgment> Judgments { get; }
}

public sealed partial class DemoDirectoryTests(DemoDirectoryFixture fixture) : IClassFixture<DemoDirectoryFixture>
{
    private static readonly string[] CoreFields = ["semiconductor", "ai", "cybersecurity"];

    private IReadOnlyList<Expert> Experts => fixture.Experts;

    [Fact]
    public void TwoRunsWithTheSameSeedAreIdentical()
    {
        var again = DemoDirectory.Generate(DemoDirectoryFixture.Count).ToList();

        Assert.Equal(Experts.Count, again.Count);
        Assert.All(Experts.Zip(again), pair => Assert.True(pair.First.Equivalent(pair.Second), pair.First.Id));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(257)]
    [InlineData(1_000)]
    public void TheFirstProfilesOfALongerDirectoryAreTheShorterDirectory(int count)
    {
        var shorter = DemoDirectory.Generate(count).ToList();

        Assert.Equal(count, shorter.Count);
        Assert.All(shorter.Zip(Experts), pair => Assert.True(pair.First.Equivalent(pair.Second), pair.First.Id));
    }

    [Fact]
    public void TheDefaultSeedGivesTheSamePeopleInEveryProcessAndVersion()
    {
        // Pinned because other engineers' fixtures and evaluation figures refer to these people:
        // changing demo data must be a deliberate act that updates these values.
        Assert.Equal("Lê Văn Sang", Experts[0].FullName);
        Assert.Equal("977CBAA3974C859B", Digest(Experts.Take(300).Select(Describe)));
        Assert.Equal("168C6DF27F79F48C", Digest(fixture.Needs.Select(Describe).Concat(fixture.Judgments.Select(j => $"{j.NeedId}|{j.ExpertId}|{j.Grade:0}"))));
    }

    [Fact]
    public void AnotherSeedGivesOtherPeople()
    {
        var other = DemoDirectory.Generate(200, seed: 42).ToList();

        Assert.True(other.Zip(Experts).Count(p => p.First.FullName == p.Second.FullName) < 40);
        Assert.Equal("bd-000001", other[0].Id);
    }

    [Fact]
    public void ProfilesStreamWithoutBuildingTheWholeDirectoryFirst()
    {
        var watch = Stopwatch.StartNew();

        var first = DemoDirectory.Generate(DemoDirectory.MaxCount).Take(3).ToList();

        Assert.Equal(new[] { "bd-000001", "bd-000002", "bd-000003" }, first.Select(e => e.Id));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void BadCountsAreRejectedBeforeEnumeration()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoDirectory.Generate(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoDirectory.Generate(DemoDirectory.MaxCount + 1));
        Assert.Empty(DemoDirectory.Generate(0));
    }

    [Fact]
    public void TwentyThousandProfilesTakeAFewSecondsAtMost()
    {
        // Far above the ~0.5 s this takes on an idle machine; it is here to catch accidental
        // quadratic work (the co-author window), not to benchmark a shared CI box.
        var watch = Stopwatch.StartNew();

        var publications = DemoDirectory.Generate(20_000).Sum(e => e.Publications.Count);

        Assert.True(publications > 0);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Fact]
    public void IdsFollowTheFormatAndAreUnique()
    {
        Assert.All(Experts, e => Assert.Matches(IdPattern(), e.Id));
        Assert.Equal(Experts.Count, Experts.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("bd-000001", Experts[0].Id);
        Assert.Equal("bd-005000", Experts[^1].Id);
    }

    [Fact]
    public void EveryProfileUsesTheSharedVocabularies()
    {
        Assert.All(Experts, e =>
        {
            Assert.InRange(e.FullName.Length, 1, 200);
            Assert.InRange(e.Fields.Count, 1, 2);
            Assert.Subset(Vocabulary.Fields.ToHashSet(), e.Fields.ToHashSet());
            Assert.Equal(e.Fields.Count, e.Fields.Distinct().Count());
            Assert.Contains(e.Degree, Vocabulary.Degrees);
            Assert.InRange(e.Engagement.Count, 1, 4);
            Assert.Subset(Vocabulary.Engagements.ToHashSet(), e.Engagement.ToHashSet());
            Assert.Equal(e.Engagement.Count, e.Engagement.Distinct().Count());
            Assert.True(e.Country is not null && Vocabulary.Countries.Contains(e.Country), e.Country);
            Assert.NotEmpty(e.Languages);
            Assert.All(e.Languages, l => Assert.Contains(l, Vocabulary.Languages));
            Assert.Equal(e.Languages.Count, e.Languages.Distinct().Count());
            Assert.InRange(e.Keywords.Count, 3, 8);
            Assert.Equal(e.Keywords.Count, e.Keywords.Distinct().Count());
            Assert.False(string.IsNullOrWhiteSpace(e.Headline));
            Assert.False(string.IsNullOrWhiteSpace(e.City));
            if (e.HIndex is { } h)
            {
                Assert.InRange(h, 0, 60);
            }
        });
    }

    [Fact]
    public void OrcidsHaveAValidCheckDigitAndNeverRepeat()
    {
        var orcids = Experts.Select(e => e.Orcid).OfType<string>().ToList();

        Assert.All(orcids, o =>
        {
            Assert.Matches(@"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$", o);
            Assert.True(HasValidOrcidChecksum(o), o);
        });
        Assert.Equal(orcids.Count, orcids.Distinct().Count());
        Assert.True(HasValidOrcidChecksum("0000-0002-1825-0097"));
        Assert.False(HasValidOrcidChecksum("0000-0002-1825-0098"));
    }

    [Fact]
    public void EmailsUseOnlyReservedExampleDomains()
    {
        var emails = Experts.Select(e => e.Email).OfType<string>().ToList();

        Assert.NotEmpty(emails);
        Assert.All(emails, m => Assert.Matches(@"^[a-z0-9.]+@example\.(org|vn)$", m));
        Assert.Equal(emails.Count, emails.Distinct().Count());
    }

    [Fact]
    public void PublicationsFollowTheFormat()
    {
        Assert.All(Experts, e =>
        {
            Assert.InRange(e.Publications.Count, 0, 10);
            Assert.Equal(e.Publications.Count, e.Publications.Select(p => p.Doi).Distinct().Count());
            Assert.All(e.Publications, p =>
            {
                Assert.InRange(p.Year!.Value, 1900, 2100);
                Assert.InRange(p.Year!.Value, 2005, 2026);
                Assert.Matches(@"^10\.\d{4,9}/\S+$", p.Doi!);
                Assert.False(string.IsNullOrWhiteSpace(p.Title));
                Assert.False(string.IsNullOrWhiteSpace(p.Venue));
                Assert.InRange(SentenceCount(p.Abstract!), 2, 4);
                Assert.InRange(p.Authors.Count, 1, 6);
                Assert.Equal(p.Authors.Count, p.Authors.Distinct().Count());
            });
        });
    }

    [Fact]
    public void ADoiNamesOnePublicationListedByAtMostTwoCoAuthors()
    {
        var byDoi = Experts
            .SelectMany(e => e.Publications.Select(p => (Expert: e, Publication: p)))
            .GroupBy(x => x.Publication.Doi!, StringComparer.Ordinal)
            .ToList();

        Assert.All(byDoi, g =>
        {
            Assert.InRange(g.Count(), 1, 2);
            Assert.All(g, x => Assert.True(x.Publication.Equivalent(g.First().Publication), g.Key));
            Assert.Equal(g.Count(), g.Select(x => x.Expert.Id).Distinct().Count());
        });
    }

    [Fact]
    public void AboutOneInTenPublicationsIsSharedWithAnotherDemoExpert()
    {
        var entries = Experts.SelectMany(e => e.Publications).ToList();
        var listings = entries.GroupBy(p => p.Doi!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());

        var sharedShare = Share(entries, p => listings[p.Doi!] == 2);

        Assert.InRange(sharedShare, 0.07, 0.13);
    }

    [Fact]
    public void SharedPublicationsNameBothExpertsAsAuthors()
    {
        var listedBy = Experts
            .SelectMany(e => e.Publications.Select(p => (Expert: e, Publication: p)))
            .GroupBy(x => x.Publication.Doi!, StringComparer.Ordinal)
            .Where(g => g.Count() == 2)
            .ToList();

        Assert.NotEmpty(listedBy);
        Assert.All(listedBy, g => Assert.All(g, x =>
            Assert.Contains(x.Publication.Authors, a => NamesSamePerson(a, x.Expert.FullName))));
    }

    [Fact]
    public void TheSemiconductorAiAndCybersecurityFieldsMakeUpAboutSixtyPercent()
    {
        var fields = Experts.SelectMany(e => e.Fields).ToList();

        Assert.InRange(Share(fields, CoreFields.Contains), 0.50, 0.70);
        Assert.InRange(Share(Experts, e => CoreFields.Contains(e.Fields[0])), 0.50, 0.70);
        Assert.All(Vocabulary.Fields, f => Assert.Contains(f, fields));
    }

    [Fact]
    public void ThreeTenthsLiveInTheProvinceThreeTenthsElsewhereInVietnamAndTheRestAbroad()
    {
        var classes = Experts.Select(Geography.Classify).ToList();

        Assert.DoesNotContain(LocationClass.Unknown, classes);
        Assert.InRange(Share(classes, c => c == LocationClass.Province), 0.27, 0.33);
        Assert.InRange(Share(classes, c => c == LocationClass.Vietnam), 0.27, 0.33);
        Assert.InRange(Share(classes, c => c == LocationClass.Abroad), 0.37, 0.43);
    }

    [Fact]
    public void EveryDemoPlaceIsClassifiedAsTheLocationItStandsFor()
    {
        var provinceCities = DemoPlaces.ProvinceOrgs.Select(o => o.City)
            .Concat(DemoPlaces.CoastalResidences.Items).Concat(DemoPlaces.HighlandResidences.Items);

        Assert.All(provinceCities, c => Assert.Equal(LocationClass.Province, Geography.Classify("VN", c)));
        Assert.All(DemoPlaces.VietnamOrgs, o => Assert.Equal(LocationClass.Vietnam, Geography.Classify(o.Country, o.City)));
        Assert.All(DemoPlaces.AbroadOrgs, o => Assert.Equal(LocationClass.Abroad, Geography.Classify(o.Country, o.City)));
        Assert.All(DemoPlaces.AbroadOrgs, o => Assert.Contains(o.Country, Vocabulary.Countries));
    }

    [Fact]
    public void HometownsAreFormerBinhDinhDistrictsOrGiaLaiPlaces()
    {
        var hometowns = Experts.Select(e => e.Hometown).OfType<string>().ToList();

        Assert.All(hometowns, h => Assert.True(Geography.IsInProvince(h), h));
        Assert.InRange(Share(hometowns, h => h.EndsWith(", Gia Lai", StringComparison.Ordinal)), 0.08, 0.25);
        Assert.InRange(Share(hometowns, h => h.EndsWith(", Bình Định", StringComparison.Ordinal)), 0.65, 0.9);
    }

    [Fact]
    public void NamesLookVietnameseWithNguyenAboutAThird()
    {
        var families = Experts.Select(e => VietnameseText.Normalize(e.FullName).Split(' ')[0]).ToList();

        Assert.InRange(Share(families, f => f == "Nguyễn"), 0.30, 0.40);
        Assert.All(new[] { "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan" }, f => Assert.InRange(Share(families, x => x == f), 0.02, 0.13));
        Assert.All(Experts, e => Assert.InRange(e.FullName.Split(' ').Length, 3, 6));
    }

    [Fact]
    public void AFewNamesArriveDecomposedOrWithTheOtherTonePlacement()
    {
        var otherPlacement = new[] { "Hoà", "Thuỷ", "Thuý", "Thuỳ", "Thuỵ" };

        var decomposed = Share(Experts, e => !e.FullName.IsNormalized(NormalizationForm.FormC));
        var retoned = Share(Experts, e => e.FullName.Normalize(NormalizationForm.FormC).Split(' ').Any(otherPlacement.Contains));

        Assert.InRange(decomposed, 0.005, 0.03);
        Assert.InRange(retoned, 0.005, 0.03);
        Assert.InRange(decomposed + retoned, 0.015, 0.05);
    }

    [Fact]
    public void MostPeopleAbroadAndSomeAtHomeHaveWesternOrderSpellings()
    {
        var abroad = Experts.Where(e => e.Country != "VN").ToList();
        var home = Experts.Where(e => e.Country == "VN").ToList();

        Assert.InRange(Share(abroad, e => e.OtherNames.Count > 0), 0.8, 0.97);
        Assert.InRange(Share(home, e => e.OtherNames.Count > 0), 0.15, 0.45);
        Assert.All(Experts.SelectMany(e => e.OtherNames.Select(n => (e, n))), x =>
        {
            Assert.NotEqual(x.e.FullName, x.n);
            Assert.True(NamesSamePerson(x.n, x.e.FullName) || IsNicknameWithFamilyName(x.n, x.e.FullName), x.n);
        });
    }

    [Fact]
    public void ConsentAndOrcidSharesAreAsPlanned()
    {
        Assert.InRange(Share(Experts, e => e.Consent.Listed), 0.93, 0.97);
        Assert.InRange(Share(Experts, e => e.Consent.Contact), 0.55, 0.65);
        Assert.InRange(Share(Experts, e => e.Orcid is not null), 0.44, 0.56);
    }

    [Fact]
    public void ResearchersHoldDoctoratesAndHigherCitationCounts()
    {
        var doctors = Experts.Where(e => e.Degree is "phd" or "dsc").ToList();
        var others = Experts.Where(e => e.Degree is not ("phd" or "dsc")).ToList();

        Assert.InRange(Share(Experts, e => e.Degree is "phd" or "dsc"), 0.4, 0.65);
        Assert.True(doctors.Average(e => e.HIndex ?? 0) > 3 * others.Average(e => e.HIndex ?? 0));
        Assert.True(doctors.Average(e => e.Publications.Count) > 2 * others.Average(e => e.Publications.Count));
    }

    [Fact]
    public void PeopleAbroadLeanTowardsRemoteAndReturningAndPeopleAtHomeTowardsTeaching()
    {
        var abroad = Experts.Where(e => e.Country != "VN").ToList();
        var home = Experts.Where(e => e.Country == "VN").ToList();

        Assert.True(Share(abroad, e => e.Engagement.Contains("remote")) > 2 * Share(home, e => e.Engagement.Contains("remote")));
        Assert.True(Share(abroad, e => e.Engagement.Contains("returning")) > Share(home, e => e.Engagement.Contains("returning")));
        Assert.True(Share(home, e => e.Engagement.Contains("teaching")) > 2 * Share(abroad, e => e.Engagement.Contains("teaching")));
        Assert.InRange(Share(Experts, e => e.Languages.Contains("vi") && e.Languages.Contains("en")), 0.75, 0.95);
    }

    [Fact]
    public void LocalLanguagesFollowTheCountryOfResidence()
    {
        Assert.True(Share(Experts.Where(e => e.Country == "JP").ToList(), e => e.Languages.Contains("ja")) > 0.5);
        Assert.True(Share(Experts.Where(e => e.Country == "KR").ToList(), e => e.Languages.Contains("ko")) > 0.5);
        Assert.True(Share(Experts.Where(e => e.Country == "FR").ToList(), e => e.Languages.Contains("fr")) > 0.6);
        Assert.True(Share(Experts.Where(e => e.Country == "US").ToList(), e => e.Languages.Contains("ja")) < 0.05);
    }

    [Fact]
    public void EveryProfileLeadsWithAKeywordOfItsOwnSubtopic()
    {
        Assert.All(Experts, e =>
        {
            var subtopic = DemoTopics.SubtopicOfKeyword(e.Keywords[0]);
            Assert.NotNull(subtopic);
            Assert.Equal(e.Fields[0], subtopic.Field);
            Assert.True(e.Keywords.Count(k => DemoTopics.SubtopicOfKeyword(k) == subtopic) >= 2, e.Id);
        });
    }

    [Fact]
    public void ASecondFieldIsAdjacentToTheFirstAndBridgedFromTheSubtopic()
    {
        Assert.All(DemoTopics.Subtopics, s => Assert.All(DemoTopics.Bridges[s], b => Assert.NotEqual(s.Field, b.Field)));
        Assert.InRange(Share(Experts, e => e.Fields.Count == 2), 0.15, 0.35);
        Assert.All(Experts.Where(e => e.Fields.Count == 2), e =>
        {
            Assert.True(DemoTopics.AreAdjacent(e.Fields[0], e.Fields[1]), e.Id);
            var bridged = e.Keywords.Select(DemoTopics.SubtopicOfKeyword).OfType<Subtopic>().Where(s => s.Field == e.Fields[1]);
            Assert.All(bridged, s => Assert.Contains(s, DemoTopics.Bridges[DemoTopics.PrimarySubtopic(e)!]));
        });
    }

    [Fact]
    public void EveryPublicationMentionsItsAuthorsSubtopic()
    {
        Assert.All(Experts, e =>
        {
            var terms = DemoTopics.PrimarySubtopic(e)!.Keywords.ToList();
            Assert.All(e.Publications, p =>
                Assert.True(terms.Any(t => Mentions($"{p.Title} {p.Abstract}", t)), $"{e.Id}: {p.Title}"));
        });
    }

    [Fact]
    public void HeadlineAndBioAreAboutTheSubtopicAndTheBioNamesTheHometown()
    {
        Assert.All(Experts, e =>
        {
            var subtopic = DemoTopics.PrimarySubtopic(e)!;
            Assert.True(e.Headline!.Contains(subtopic.NameEn, StringComparison.OrdinalIgnoreCase)
                || e.Headline.Contains(subtopic.NameVi, StringComparison.Ordinal), e.Headline);
            Assert.True(e.Bio!.Contains(subtopic.NameEn, StringComparison.Ordinal)
                || e.Bio.Contains(subtopic.NameVi, StringComparison.Ordinal), e.Bio);
            Assert.InRange(SentenceCount(e.Bio), 2, 4);
            if (e.Hometown is not null)
            {
                Assert.Contains(e.Hometown, e.Bio, StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public void EachKeywordBelongsToOneSubtopicAndNeedPhrasingAvoidsItsOwnKeywords()
    {
        var all = DemoTopics.Subtopics.SelectMany(s => s.Keywords).ToList();

        Assert.Equal(all.Count, all.Select(Fold).Distinct().Count());
        Assert.All(DemoTopics.Subtopics, s =>
        {
            var field = DemoTopics.ByField[s.Field];
            var phrasing = s.NeedEn.Concat(s.NeedVi).Concat(s.NeedTerms).Concat(field.ContextsEn).Concat(field.ContextsVi);
            Assert.All(phrasing, text => Assert.DoesNotContain(s.Keywords, k => Mentions(text, k)));
        });
    }

    [Fact]
    public void NeedsUseTheSharedVocabularies()
    {
        Assert.Equal(DemoDirectoryFixture.NeedCount, fixture.Needs.Count);
        Assert.Equal(fixture.Needs.Count, fixture.Needs.Select(n => n.Id).Distinct().Count());
        Assert.All(fixture.Needs, n =>
        {
            Assert.Matches(IdPattern(), n.Id);
            Assert.Contains(n.Kind, Vocabulary.NeedKinds);
            Assert.Contains(n.Location, Vocabulary.NeedLocations);
            Assert.Single(n.Fields);
            Assert.Contains(n.Fields[0], Vocabulary.Fields);
            Assert.All(n.Languages, l => Assert.Contains(l, Vocabulary.Languages));
            Assert.NotEmpty(n.Engagement);
            Assert.Subset(Vocabulary.Engagements.ToHashSet(), n.Engagement.ToHashSet());
            Assert.InRange(n.Keywords.Count, 2, 3);
            Assert.False(string.IsNullOrWhiteSpace(n.Title));
            Assert.False(string.IsNullOrWhiteSpace(n.Description));
        });
        Assert.All(Vocabulary.NeedKinds, k => Assert.Contains(fixture.Needs, n => n.Kind == k));
        Assert.Contains(fixture.Needs, n => n.Languages.SequenceEqual(["vi"]));
        Assert.Contains(fixture.Needs, n => n.Languages.SequenceEqual(["en"]));
    }

    [Fact]
    public void TalentCallsMostlyAskPeopleToReturnAndSpeakerNeedsAskForTalks()
    {
        var talent = fixture.Needs.Where(n => n.Kind == "talent").ToList();

        Assert.True(Share(talent, n => n.Engagement.Contains("returning")) > 0.7);
        Assert.All(fixture.Needs.Where(n => n.Kind == "speaker"), n => Assert.Contains("speaking", n.Engagement));
        Assert.All(fixture.Needs.Where(n => n.Kind == "project"), n => Assert.Contains("advisory", n.Engagement));
    }

    [Fact]
    public void JudgmentsReferenceListedExpertsWithGradesFromZeroToThree()
    {
        var experts = Experts.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var needIds = fixture.Needs.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);

        Assert.All(fixture.Judgments, j =>
        {
            Assert.Contains(j.NeedId, needIds);
            Assert.True(experts.TryGetValue(j.ExpertId, out var expert), j.ExpertId);
            Assert.True(expert.Consent.Listed, j.ExpertId);
            Assert.Contains(j.Grade, new[] { 0.0, 1.0, 2.0, 3.0 });
        });
        Assert.All(fixture.Judgments.GroupBy(j => j.NeedId), g =>
            Assert.Equal(g.Count(), g.Select(j => j.ExpertId).Distinct().Count()));
    }

    [Fact]
    public void EachNeedJudgesFiveToTwentyExpertsIncludingAtLeastOneBestMatch()
    {
        var byNeed = fixture.Judgments.ToLookup(j => j.NeedId);

        Assert.All(fixture.Needs, n =>
        {
            var judged = byNeed[n.Id].ToList();
            Assert.InRange(judged.Count, 5, 20);
            Assert.Contains(judged, j => j.Grade == 3);
            Assert.Contains(judged, j => j.Grade == 0);
        });
        Assert.All(Enumerable.Range(0, 4), g => Assert.Contains(fixture.Judgments, j => j.Grade == g));
    }

    [Fact]
    public void GradesFollowFromSubtopicFieldAndAdjacentField()
    {
        var experts = Experts.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var needs = fixture.Needs.ToDictionary(n => n.Id, StringComparer.Ordinal);

        foreach (var group in fixture.Judgments.GroupBy(j => j.NeedId))
        {
            var field = needs[group.Key].Fields[0];
            var best = group.Where(j => j.Grade == 3).Select(j => DemoTopics.PrimarySubtopic(experts[j.ExpertId])).Distinct().ToList();
            Assert.Single(best);
            Assert.Equal(field, best[0]!.Field);
            foreach (var j in group)
            {
                var expert = experts[j.ExpertId];
                var expected = DemoTopics.PrimarySubtopic(expert) == best[0] ? 3
                    : expert.Fields.Contains(field) ? 2
                    : expert.Fields.Any(f => DemoTopics.AreAdjacent(f, field)) ? 1
                    : 0;
                Assert.Equal(expected, j.Grade);
            }
        }
    }

    [Fact]
    public void JudgedExpertsMeetTheNeedsLocationAndLanguage()
    {
        var experts = Experts.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var needs = fixture.Needs.ToDictionary(n => n.Id, StringComparer.Ordinal);

        Assert.All(fixture.Judgments, j =>
        {
            var need = needs[j.NeedId];
            var expert = experts[j.ExpertId];
            Assert.True(need.Location == "any" || Geography.Classify(expert).Name() == need.Location, $"{j.NeedId} {j.ExpertId}");
            Assert.All(need.Languages, l => Assert.Contains(l, expert.Languages));
        });
    }

    [Fact]
    public void NeedTextNeverCopiesTheSubtopicKeywordsOfItsBestExperts()
    {
        var experts = Experts.ToDictionary(e => e.Id, StringComparer.Ordinal);

        Assert.All(fixture.Needs, n =>
        {
            var best = fixture.Judgments.First(j => j.NeedId == n.Id && j.Grade == 3);
            var keywords = DemoTopics.PrimarySubtopic(experts[best.ExpertId])!.Keywords;
            var text = $"{n.Title} {n.Description} {string.Join(' ', n.Keywords)}";
            Assert.DoesNotContain(keywords, k => Mentions(text, k));
        });
    }

    [Fact]
    public void NeedsAreDeterministicAndDependOnTheirSeed()
    {
        var (again, againJudgments) = DemoDirectory.GenerateNeeds(Experts, DemoDirectoryFixture.NeedCount, seed: 7);
        var (other, _) = DemoDirectory.GenerateNeeds(Experts, DemoDirectoryFixture.NeedCount, seed: 8);

        Assert.Equal(fixture.Needs.Select(Describe), again.Select(Describe));
        Assert.Equal(fixture.Judgments, againJudgments);
        Assert.NotEqual(fixture.Needs.Select(Describe), other.Select(Describe));
    }

    [Fact]
    public void NeedsNeedRecognisableListedExperts()
    {
        var stranger = new Expert { Id = "x-1", FullName = "Jane Doe", Keywords = ["gardening"] };
        var hidden = Experts[0] with { Consent = new Consent(Listed: false) };

        Assert.Empty(DemoDirectory.GenerateNeeds([], 10, 1).Needs);
        Assert.Empty(DemoDirectory.GenerateNeeds([stranger, hidden], 10, 1).Needs);
        Assert.Empty(DemoDirectory.GenerateNeeds(Experts, 0, 1).Judgments);
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoDirectory.GenerateNeeds(Experts, -1, 1));
    }

    private static string Describe(Expert e) =>
        string.Join('|', e.Id, e.FullName, string.Join(',', e.OtherNames), e.Headline, e.Affiliation, e.Country, e.City,
            e.Hometown, string.Join(',', e.Fields), string.Join(',', e.Keywords), string.Join(',', e.Languages), e.Degree,
            e.HIndex, string.Join(',', e.Engagement), e.Bio, e.Email, e.Orcid, e.Consent,
            string.Join(',', e.Publications.Select(p => $"{p.Doi}:{p.Year}:{p.Venue}:{p.Title}:{p.Abstract}:{string.Join(';', p.Authors)}")));

    private static string Digest(IEnumerable<string> lines) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))))[..16];

    private static string Describe(Need n) =>
        $"{n.Id}|{n.Kind}|{n.Title}|{n.Description}|{string.Join(',', n.Keywords)}|{n.Location}|{string.Join(',', n.Languages)}|{string.Join(',', n.Engagement)}";

    private static double Share<T>(IReadOnlyCollection<T> items, Func<T, bool> predicate) =>
        (double)items.Count(predicate) / items.Count;

    /// <summary>"TP." (thành phố) in "TP. Hồ Chí Minh" is the one abbreviation the demo texts contain.</summary>
    private static int SentenceCount(string text) =>
        Regex.Matches(text, @"(?<!\bTP)[.!?](\s|$)").Count;

    private static string Fold(string text) => VietnameseText.Fold(text);

    /// <summary>Whole words only, so that "EDA" is not found inside "pedagogy".</summary>
    private static bool Mentions(string text, string term) =>
        Regex.IsMatch(Fold(text), $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(Fold(term))}(?![\p{{L}}\p{{N}}])");

    /// <summary>Bylines reorder names and shorten middle names to initials, so only given and family names are compared.</summary>
    private static bool NamesSamePerson(string author, string fullName)
    {
        var parts = Fold(fullName).Split(' ');
        var words = Fold(author).Replace(".", "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var family = parts[0];
        var given = parts[^1];
        var compoundFamily = parts.Length > 3 && words.Length >= 2 && $"{words[^2]} {words[^1]}" == $"{parts[0]} {parts[1]}";
        return words.Contains(given) && (words.Contains(family) || compoundFamily);
    }

    /// <summary>"Tony Nguyen" for Nguyễn Văn Tuấn; compound family names ("Hoàng Phủ") end the string too.</summary>
    private static bool IsNicknameWithFamilyName(string other, string fullName)
    {
        var parts = Fold(fullName).Split(' ');
        var folded = Fold(other);
        return folded.EndsWith($" {parts[0]}", StringComparison.Ordinal)
            || folded.EndsWith($" {parts[0]} {parts[1]}", StringComparison.Ordinal);
    }

    private static bool HasValidOrcidChecksum(string orcid)
    {
        var digits = orcid.Replace("-", "", StringComparison.Ordinal);
        var total = 0;
        foreach (var ch in digits[..15])
        {
            total = (total + (ch - '0')) * 2;
        }

        var result = (12 - (total % 11)) % 11;
        return digits[15] == (result == 10 ? 'X' : (char)('0' + result));
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex IdPattern();
}
