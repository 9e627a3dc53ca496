using ExpertNetwork.Experts;

namespace ExpertNetwork.Demo;

/// <summary>
/// Titles and abstracts assembled from a sub-topic's methods, applications and its field's results,
/// so that every text is about one thing and names it.
/// </summary>
internal static class DemoPublications
{
    /// <summary>
    /// 10.5555 is Crossref's test prefix: the DOIs look real to a parser but can never resolve to
    /// somebody's actual paper, just as the e-mail addresses use reserved example domains.
    /// </summary>
    public const string DoiPrefix = "10.5555";

    private const int SlotsPerPerson = 16;
    private const int SharedSlot = SlotsPerPerson - 1;

    private static readonly IReadOnlyList<string> ForeignPoolsForHome = ["en", "ja", "ko", "fr", "de", "zh"];

    public static int MaxOwn => SharedSlot;

    public static Publication Own(int seed, Identity me, string country, IReadOnlyList<string> keywords, int slot)
    {
        var random = DemoRandom.For(seed, DemoStreams.Publication, me.Index, slot);
        var subtopic = me.Subtopic;
        var field = DemoTopics.ByField[subtopic.Field];
        var domesticShare = me.Location switch
        {
            LocationClass.Province => 0.35,
            LocationClass.Vietnam => 0.3,
            _ => 0.05,
        };
        var venue = random.Chance(domesticShare)
            ? random.Pick(DemoTopics.AllDomesticVenues[subtopic.Field])
            : random.Pick(DemoTopics.VenuesBySubtopic[subtopic]);
        var vietnamese = venue.Language == "vi";
        var year = random.Next(Math.Max(2005, me.StartYear), DemoPeople.CurrentYear);
        var keyword = PreferOwn(random, keywords, vietnamese ? subtopic.KeywordsVi : subtopic.KeywordsEn);
        var (title, text) = vietnamese
            ? WriteVietnamese(random, subtopic, field, keyword)
            : WriteEnglish(random, subtopic, field, keyword, null);

        var soloFields = subtopic.Field is "mathematics" or "economics" or "other";
        var count = soloFields ? random.Next(1, 3) : random.Next(2, 6);
        var names = new List<string>();
        var own = vietnamese ? me.Name.Full : me.AuthorName;
        var position = AuthorPosition(random, me.Career, count);
        for (var i = 0; i < count; i++)
        {
            names.Add(i == position ? own : CoAuthor(random, me.Location, country, vietnamese, names, own));
        }

        return new Publication
        {
            Title = title,
            Abstract = text,
            Year = year,
            Venue = venue.Name,
            Doi = Doi(venue, year, me.Index, slot),
            Authors = names,
        };
    }

    /// <summary>
    /// The paper <paramref name="initiator"/> wrote with <paramref name="partner"/>. It depends on the
    /// two identities only, so both profiles carry exactly the same record.
    /// </summary>
    public static Publication Shared(int seed, Identity initiator, Identity partner)
    {
        var random = DemoRandom.For(seed, DemoStreams.SharedPublication, initiator.Index);
        var subtopic = initiator.Subtopic;
        var field = DemoTopics.ByField[subtopic.Field];
        var venue = random.Pick(DemoTopics.VenuesBySubtopic[subtopic]);
        var firstYear = Math.Min(DemoPeople.CurrentYear, Math.Max(2005, Math.Max(initiator.StartYear, partner.StartYear)));
        var year = random.Next(firstYear, DemoPeople.CurrentYear);
        var keyword = random.Pick(subtopic.KeywordsEn);
        var partnerKeyword = partner.Subtopic == subtopic ? null : random.Pick(partner.Subtopic.KeywordsEn);
        var (title, text) = WriteEnglish(random, subtopic, field, keyword, partnerKeyword);

        var count = random.Next(2, 6);
        var first = AuthorPosition(random, initiator.Career, count);
        var second = random.Next(count - 1);
        if (second >= first)
        {
            second++;
        }

        var names = new List<string>();
        for (var i = 0; i < count; i++)
        {
            names.Add(i == first ? initiator.AuthorName
                : i == second ? partner.AuthorName
                : CoAuthor(random, initiator.Location, "VN", false, names, initiator.AuthorName, partner.AuthorName));
        }

        return new Publication
        {
            Title = title,
            Abstract = text,
            Year = year,
            Venue = venue.Name,
            Doi = Doi(venue, year, initiator.Index, SharedSlot),
            Authors = names,
        };
    }

    private static (string Title, string Abstract) WriteEnglish(
        DemoRandom random, Subtopic subtopic, FieldProfile field, string keyword, string? partnerKeyword)
    {
        var methods = random.Sample(subtopic.MethodsEn, 2);
        var applications = random.Sample(subtopic.ApplicationsEn, 3);
        var other = random.Pick(subtopic.KeywordsEn);
        var method = methods[0];
        var application = applications[0];
        var title = random.Next(6) switch
        {
            0 => $"{DemoText.Capitalize(method)} for {keyword} in {application}",
            1 => $"{DemoText.Capitalize(keyword)} for {application}: an approach based on {method}",
            2 => $"Revisiting {keyword} with {method}",
            3 => $"{DemoText.Capitalize(keyword)} with {method}",
            4 => $"{DemoText.Capitalize(keyword)} in {application}: an empirical study",
            _ => $"{DemoText.Capitalize(method)} applied to {keyword}",
        };

        var sentences = new List<string>(4);
        if (random.Chance(0.75))
        {
            var challenge = random.Pick(field.ChallengesEn);
            sentences.Add(random.Chance(0.5)
                ? $"Interest in {keyword} is growing for {application}, but {challenge}."
                : $"Despite recent progress in {keyword}, {challenge}.");
        }

        var testbed = applications[Math.Min(1, applications.Count - 1)];
        sentences.Add(partnerKeyword is not null
            ? $"We combine {keyword} with {partnerKeyword}, using {method}, and evaluate the result on {testbed}."
            : random.Next(3) switch
            {
                0 => $"We apply {method} to {other} and evaluate it on {testbed}.",
                1 => $"This paper presents an approach to {other} based on {method}.",
                _ => $"Our approach combines {method} and {methods[^1]}.",
            });
        sentences.Add(DemoText.FillNumbers(random.Pick(field.ResultsEn), random));
        if (random.Chance(0.4))
        {
            sentences.Add(random.Next(3) switch
            {
                0 => "We discuss what this means for deployment in Vietnam.",
                1 => $"Data and code are released to support further work on {keyword}.",
                _ => $"The findings are relevant to {applications[^1]} in Bình Định and similar regions.",
            });
        }

        return (title, string.Join(' ', sentences));
    }

    private static (string Title, string Abstract) WriteVietnamese(
        DemoRandom random, Subtopic subtopic, FieldProfile field, string keyword)
    {
        var method = random.Pick(subtopic.MethodsVi);
        var applications = random.Sample(subtopic.ApplicationsVi, 3);
        var application = applications[0];
        var other = random.Pick(subtopic.KeywordsVi);
        var title = random.Next(4) switch
        {
            0 => $"{DemoText.Capitalize(keyword)} ứng dụng cho {application}",
            1 => $"Nghiên cứu {keyword} dựa trên {method}",
            2 => $"Ứng dụng {method} trong {keyword}",
            _ => $"Đánh giá {method} cho {keyword}",
        };

        var sentences = new List<string>(4);
        if (random.Chance(0.75))
        {
            sentences.Add(
                $"{DemoText.Capitalize(keyword)} ngày càng quan trọng đối với {application}, tuy nhiên {random.Pick(field.ChallengesVi)}.");
        }

        sentences.Add(random.Chance(0.5)
            ? $"Bài báo đề xuất áp dụng {method} và đánh giá trên {applications[Math.Min(1, applications.Count - 1)]}."
            : $"Nghiên cứu này sử dụng {method} cho bài toán {other}.");
        sentences.Add(DemoText.FillNumbers(random.Pick(field.ResultsVi), random));
        if (random.Chance(0.4))
        {
            sentences.Add(random.Chance(0.5)
                ? $"Kết quả có thể ứng dụng cho {applications[^1]} tại Bình Định."
                : "Dữ liệu và mã nguồn được công bố để phục vụ các nghiên cứu tiếp theo.");
        }

        return (title, string.Join(' ', sentences));
    }

    private static string PreferOwn(DemoRandom random, IReadOnlyList<string> ownKeywords, IReadOnlyList<string> language)
    {
        var mine = ownKeywords.Where(language.Contains).ToArray();
        return mine.Length > 0 && random.Chance(0.7) ? random.Pick(mine) : random.Pick(language);
    }

    /// <summary>Students and junior engineers usually lead; senior people usually come last.</summary>
    private static int AuthorPosition(DemoRandom random, Career career, int count) => career switch
    {
        Career.PhdStudent or Career.Postdoc or Career.Engineer => 0,
        Career.Professor or Career.AssociateProfessor or Career.SeniorResearcher or Career.Manager
            when random.Chance(0.7) => count - 1,
        _ => random.Next(count),
    };

    private static string CoAuthor(
        DemoRandom random, LocationClass location, string country, bool vietnamese, List<string> taken, params string[] reserved)
    {
        for (var attempt = 0; ; attempt++)
        {
            string name;
            if (!vietnamese && random.Chance(location == LocationClass.Abroad ? 0.6 : 0.15))
            {
                var pool = location == LocationClass.Abroad && DemoPlaces.CountryByCode.TryGetValue(country, out var info)
                    ? info.NamePool
                    : random.Pick(ForeignPoolsForHome);
                name = DemoNames.Foreign(random, pool);
            }
            else
            {
                var person = DemoNames.Pick(random, random.Chance(0.42));
                name = vietnamese ? person.Full : person.Western(random.Next(3));
            }

            if (attempt >= 8 || (!taken.Contains(name) && !reserved.Contains(name)))
            {
                return name;
            }
        }
    }

    /// <summary>A bijective scramble of (person, slot), so DOIs are unique yet do not read as a counter.</summary>
    private static string Doi(Venue venue, int year, int index, int slot)
    {
        var x = (uint)(index * SlotsPerPerson + slot);
        x *= 0x9E3779B1u;
        x ^= x >> 15;
        x *= 0x2C1B3C6Du;
        x ^= x >> 12;
        return $"{DoiPrefix}/{venue.Slug}.{year}.{x:x8}";
    }
}
