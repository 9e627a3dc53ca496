using System.Text;
using ExpertNetwork.Experts;

namespace ExpertNetwork.Demo;

/// <summary>
/// Profile details come from a stream of their own, apart from the identity stream, so that changing
/// how a bio or a language list is written never changes who people are or who co-authors with whom.
/// </summary>
internal static class DemoExperts
{
    private const int MaxPublications = 10;

    private static readonly char[] OrcidBlocks = ['1', '2', '3', '9'];

    private static readonly Weighted<string> ExtraHomeLanguages = new(
        [("fr", 4), ("ja", 3), ("ko", 3), ("ru", 3), ("de", 2), ("zh", 2)]);

    private static readonly (string Code, string En, string Vi, string ViAbroad)[] EngagementPhrases =
    [
        ("advisory", "advising", "tư vấn", "tư vấn"),
        ("speaking", "giving talks", "báo cáo tại hội thảo", "báo cáo tại hội thảo"),
        ("visiting", "short visits to Quy Nhơn", "đến Quy Nhơn làm việc ngắn hạn", "về Quy Nhơn làm việc ngắn hạn"),
        ("remote", "remote collaboration", "hợp tác từ xa", "hợp tác từ xa"),
        ("returning", "returning to work in the province", "trở về quê hương làm việc", "trở về quê hương làm việc"),
        ("teaching", "teaching", "tham gia giảng dạy", "tham gia giảng dạy"),
        ("investing", "investing in local start-ups", "đầu tư vào các dự án công nghệ", "đầu tư vào các dự án công nghệ"),
    ];

    public static Expert Build(DemoPeople people, int index)
    {
        var me = people.Get(index);
        var random = DemoRandom.For(people.Seed, DemoStreams.Detail, index);
        var subtopic = me.Subtopic;
        var field = DemoTopics.ByField[subtopic.Field];
        var research = me.Profile.Research;

        var scope = me.Location switch
        {
            LocationClass.Province => "province",
            LocationClass.Vietnam => "vietnam",
            _ => DemoPlaces.AbroadCountries.Pick(random).Code,
        };
        var org = DemoPlaces.PickOrg(random, scope, field.Field, research)
            ?? throw new InvalidOperationException($"No organisation in {scope} covers {field.Field}.");
        var city = me.Location != LocationClass.Province ? org.City
            : org.City == "Pleiku" ? DemoPlaces.HighlandResidences.Pick(random)
            : DemoPlaces.CoastalResidences.Pick(random);
        var affiliation = me.Career == Career.Consultant ? null : org;

        var hometown = Hometown(random, me.Location, city);
        var (fields, second) = Fields(random, subtopic);
        var keywords = Keywords(random, me, field, second);
        var languages = Languages(random, me, org);
        var degree = Degree(random, me);
        var hIndex = HIndex(random, me);
        var engagement = Engagement(random, me);
        var fullName = FullName(random, me.Name);
        var otherNames = OtherNames(random, me, fullName);
        var headline = Headline(random, me, field, affiliation);
        var bio = Bio(random, me, field, affiliation, city, org.Country, hometown, keywords, degree, engagement);
        var email = random.Chance(0.9)
            ? $"{Local(me.Name.Given)}.{Local(me.Name.Family)}.{index}@{(org.Country == "VN" ? "example.vn" : "example.org")}"
            : null;
        var orcid = random.Chance(research ? 0.65 : 0.25) ? Orcid(random, index) : null;
        var consent = new Consent(Listed: random.Chance(0.95), Contact: random.Chance(0.6));

        return new Expert
        {
            Id = DemoDirectory.IdOf(index),
            FullName = fullName,
            OtherNames = otherNames,
            Headline = headline,
            Affiliation = affiliation?.Name,
            Country = org.Country,
            City = city,
            Hometown = hometown,
            Fields = fields,
            Keywords = keywords,
            Languages = languages,
            Degree = degree,
            HIndex = hIndex,
            Engagement = engagement,
            Bio = bio,
            Email = email,
            Orcid = orcid,
            Consent = consent,
            Publications = Publications(people, me, org.Country, keywords),
        };
    }

    private static char OrcidCheck(string digits)
    {
        var total = 0;
        foreach (var ch in digits)
        {
            total = (total + (ch - '0')) * 2;
        }

        var result = (12 - (total % 11)) % 11;
        return result == 10 ? 'X' : (char)('0' + result);
    }

    private static string? Hometown(DemoRandom random, LocationClass location, string city)
    {
        if (random.Chance(0.05))
        {
            return null;
        }

        if (location == LocationClass.Province && DemoPlaces.HighlandResidences.Items.Contains(city) && random.Chance(0.5))
        {
            return $"{random.Pick(DemoPlaces.HighlandHometowns)}, Gia Lai";
        }

        var place = DemoPlaces.BinhDinhHometowns.Pick(random);
        return random.NextDouble() switch
        {
            < 0.80 => $"{place}, Bình Định",
            < 0.95 => $"{place}, Gia Lai",
            _ => place,
        };
    }

    private static (List<string> Fields, Subtopic? Second) Fields(DemoRandom random, Subtopic primary)
    {
        var fields = new List<string> { primary.Field };
        var bridges = DemoTopics.Bridges[primary];
        if (bridges.Count == 0 || !random.Chance(0.3))
        {
            return (fields, null);
        }

        var second = random.Pick(bridges);
        if (second.Field != primary.Field)
        {
            fields.Add(second.Field);
        }

        return (fields, second);
    }

    /// <summary>Own sub-topic first (that is how the sub-topic is recognised again), then field and second-field terms.</summary>
    private static List<string> Keywords(DemoRandom random, Identity me, FieldProfile field, Subtopic? second)
    {
        var vietnameseShare = me.Location == LocationClass.Abroad ? 0.15 : 0.45;
        var keywords = new List<string>(8);
        var primary = random.Next(2, 5);
        for (var i = 0; i < primary; i++)
        {
            AddFrom(random, keywords, me.Subtopic.KeywordsEn, me.Subtopic.KeywordsVi, vietnameseShare);
        }

        if (random.Chance(0.35))
        {
            AddFrom(random, keywords, field.TermsEn, field.TermsVi, vietnameseShare);
        }

        if (second is not null)
        {
            var count = random.Next(1, 2);
            for (var i = 0; i < count; i++)
            {
                AddFrom(random, keywords, second.KeywordsEn, second.KeywordsVi, vietnameseShare);
            }
        }

        if (keywords.Count < 3)
        {
            AddFrom(random, keywords, me.Subtopic.KeywordsEn, me.Subtopic.KeywordsVi, vietnameseShare, insertAt: primary);
        }

        return keywords;
    }

    private static void AddFrom(
        DemoRandom random, List<string> keywords, string[] english, string[] vietnamese, double vietnameseShare, int? insertAt = null)
    {
        var first = random.Chance(vietnameseShare) ? vietnamese : english;
        var fallback = first == vietnamese ? english : vietnamese;
        var free = first.Where(k => !keywords.Contains(k)).ToArray();
        if (free.Length == 0)
        {
            free = fallback.Where(k => !keywords.Contains(k)).ToArray();
        }

        if (free.Length == 0)
        {
            return;
        }

        var keyword = random.Pick(free);
        if (insertAt is { } position)
        {
            keywords.Insert(position, keyword);
        }
        else
        {
            keywords.Add(keyword);
        }
    }

    private static List<string> Languages(DemoRandom random, Identity me, Org org)
    {
        var languages = new List<string>(4);
        if (me.Location != LocationClass.Abroad || !random.Chance(0.02))
        {
            languages.Add("vi");
        }

        var english = me.Location switch
        {
            LocationClass.Abroad => 1.0,
            LocationClass.Vietnam => 0.88,
            _ => me.Profile.Research ? 0.9 : 0.7,
        };
        if (random.Chance(english))
        {
            languages.Add("en");
        }

        string? extra;
        if (me.Location == LocationClass.Abroad)
        {
            var country = DemoPlaces.CountryByCode[org.Country];
            extra = org.Language is { } local
                ? random.Chance(0.8) ? local : null
                : country.LocalLanguage is { } usual && random.Chance(country.LocalLanguageShare) ? usual : null;
        }
        else
        {
            extra = random.Chance(0.12) ? ExtraHomeLanguages.Pick(random) : null;
        }

        if (extra is not null && !languages.Contains(extra))
        {
            languages.Add(extra);
        }

        if (languages.Count == 0)
        {
            languages.Add("en");
        }

        return languages;
    }

    private static string Degree(DemoRandom random, Identity me)
    {
        var home = me.Location != LocationClass.Abroad;
        var roll = random.NextDouble();
        return me.Career switch
        {
            Career.PhdStudent => roll < 0.75 ? "master" : home && roll < 0.9 ? "engineer" : "bachelor",
            Career.Postdoc => "phd",
            Career.Lecturer => !home || roll < 0.7 ? "phd" : "master",
            Career.Researcher => roll < 0.75 ? "phd" : "master",
            Career.AssociateProfessor => roll < 0.95 ? "phd" : "dsc",
            Career.Professor => roll < 0.85 ? "phd" : "dsc",
            Career.SeniorResearcher => roll < 0.9 ? "phd" : "dsc",
            Career.Engineer when home => roll < 0.5 ? "engineer" : roll < 0.85 ? "bachelor" : "master",
            Career.Engineer => roll < 0.5 ? "bachelor" : roll < 0.9 ? "master" : "engineer",
            Career.SeniorEngineer => roll < 0.3 ? "engineer" : roll < 0.7 ? "master" : roll < 0.85 ? "bachelor" : "phd",
            Career.Consultant => roll < 0.5 ? "phd" : roll < 0.9 ? "master" : "engineer",
            _ => roll < 0.45 ? "master" : roll < 0.8 ? "phd" : "engineer",
        };
    }

    /// <summary>Capped lower at home, where international publishing is more recent; unknown for many engineers.</summary>
    private static int? HIndex(DemoRandom random, Identity me)
    {
        var profile = me.Profile;
        if (!profile.Research && random.Chance(0.5))
        {
            return null;
        }

        var max = me.Location == LocationClass.Abroad ? profile.HIndexMax : (int)(profile.HIndexMax * 0.7);
        return random.Skewed(profile.HIndexMin, Math.Max(profile.HIndexMin, max));
    }

    private static List<string> Engagement(DemoRandom random, Identity me)
    {
        var research = me.Profile.Research;
        var senior = me.Career is Career.Professor or Career.Manager or Career.Consultant or Career.LeadEngineer;
        double[] chances = me.Location switch
        {
            LocationClass.Province => [0.35, 0.45, 0.05, 0.10, 0.0, research ? 0.65 : 0.3, 0.04],
            LocationClass.Vietnam => [0.45, 0.40, 0.30, 0.30, 0.15, 0.25, 0.05],
            _ => [0.55, 0.35, 0.35, 0.50, 0.25, 0.10, 0.07],
        };
        if (senior)
        {
            chances[6] += 0.15;
        }

        var chosen = Vocabulary.Engagements.Where((_, i) => random.Chance(chances[i])).ToList();
        while (chosen.Count > 4)
        {
            chosen.RemoveAt(random.Next(chosen.Count));
        }

        if (chosen.Count == 0)
        {
            var weighted = new Weighted<string>(Vocabulary.Engagements.Select((e, i) => (e, chances[i])));
            chosen.Add(weighted.Pick(random));
        }

        return chosen;
    }

    /// <summary>About 3% of names arrive decomposed (NFD) or with the other tone placement, as real imports do.</summary>
    private static string FullName(DemoRandom random, VietnameseName name)
    {
        var full = name.Full;
        if (name.Parts.Any(DemoNames.OtherTonePlacement.ContainsKey) && random.Chance(0.2))
        {
            full = string.Join(' ', name.Parts.Select(p => DemoNames.OtherTonePlacement.GetValueOrDefault(p, p)));
        }

        if (random.Chance(0.015))
        {
            full = full.Normalize(NormalizationForm.FormD);
        }

        return full;
    }

    private static List<string> OtherNames(DemoRandom random, Identity me, string fullName)
    {
        var name = me.Name;
        var names = new List<string>(4);
        if (me.Location == LocationClass.Abroad)
        {
            if (random.Chance(0.9))
            {
                AddIf(random, names, 0.7, name.WesternShort);
                AddIf(random, names, 0.55, name.WesternFull);
                AddIf(random, names, 0.25, name.WesternInitials);
                AddIf(random, names, 0.05, name.WesternWithDiacritics);
                AddIf(random, names, 0.1,
                    $"{random.Pick(me.Female ? DemoNames.FemaleNicknames : DemoNames.MaleNicknames)} {DemoNames.Ascii(name.Family)}");
                AddIf(random, names, me.OwnPublications > 0 ? 0.8 : 0, me.AuthorName);
                if (names.Count == 0)
                {
                    names.Add(name.WesternShort);
                }
            }
        }
        else if (random.Chance(0.3))
        {
            AddIf(random, names, 0.5, name.AsciiVietnameseOrder);
            AddIf(random, names, 0.4, name.WesternFull);
            AddIf(random, names, 0.3, name.WesternShort);
            AddIf(random, names, me.OwnPublications > 0 ? 0.5 : 0, me.AuthorName);
            if (names.Count == 0)
            {
                names.Add(name.AsciiVietnameseOrder);
            }
        }

        names.Remove(fullName);
        return names;
    }

    private static void AddIf(DemoRandom random, List<string> names, double chance, string name)
    {
        if (random.Chance(chance) && !names.Contains(name))
        {
            names.Add(name);
        }
    }

    private static (string En, string Vi) Title(Career career, FieldProfile field, LocationClass location, Org? org)
    {
        var (en, vi, leadVi) = field.Practitioner;
        return career switch
        {
            Career.PhdStudent => ("PhD Candidate", "Nghiên cứu sinh"),
            Career.Postdoc => ("Postdoctoral Researcher", "Nghiên cứu viên sau tiến sĩ"),
            Career.Lecturer => (location == LocationClass.Abroad ? "Assistant Professor" : "Lecturer", "Giảng viên"),
            Career.Researcher => ("Research Scientist", "Nghiên cứu viên"),
            Career.AssociateProfessor => ("Associate Professor", "Phó Giáo sư"),
            Career.Professor => ("Professor", "Giáo sư"),
            Career.SeniorResearcher => ("Senior Research Scientist", "Nghiên cứu viên chính"),
            Career.Engineer => (en, vi),
            Career.SeniorEngineer => ("Senior " + en, vi + " cao cấp"),
            Career.LeadEngineer => (en == "Engineer" ? "Principal Engineer" : "Lead " + en, leadVi),
            Career.Manager when org?.Kind == OrgKind.Public => ("Head of Department", "Trưởng phòng"),
            Career.Manager => ("Head of R&D", "Trưởng phòng nghiên cứu và phát triển"),
            _ => ("Independent Consultant", "Chuyên gia tư vấn độc lập"),
        };
    }

    private static string Headline(DemoRandom random, Identity me, FieldProfile field, Org? org)
    {
        var english = random.Chance(me.Location == LocationClass.Abroad ? 0.85 : 0.25);
        var (en, vi) = Title(me.Career, field, me.Location, org);
        if (!english)
        {
            return $"{vi}, {me.Subtopic.NameVi}";
        }

        return !me.Profile.Research && org is not null && random.Chance(0.3)
            ? $"{DemoText.Capitalize(me.Subtopic.NameEn)} | {en} at {DemoText.OrgInSentence(org.Name)}"
            : $"{en}, {me.Subtopic.NameEn}";
    }

    private static string Bio(
        DemoRandom random, Identity me, FieldProfile field, Org? org, string city, string country, string? hometown,
        IReadOnlyList<string> keywords, string degree, IReadOnlyList<string> engagement)
    {
        var english = random.Chance(me.Location == LocationClass.Abroad ? 0.7 : 0.15);
        var (titleEn, titleVi) = Title(me.Career, field, me.Location, org);
        var abroad = me.Location == LocationClass.Abroad;
        var name = me.Name.Full;
        var subtopic = me.Subtopic;
        var mine = keywords.Where(k => DemoTopics.SubtopicOfKeyword(k) == subtopic).ToArray();
        var preferred = mine.Where(k => (english ? subtopic.KeywordsEn : subtopic.KeywordsVi).Contains(k)).ToArray();
        var focus = random.Sample(preferred.Length > 0 ? preferred : mine, 2);
        var years = DemoPeople.CurrentYear - me.StartYear;
        var doctorate = degree is "phd" or "dsc" && random.Chance(0.5);
        var doctorateCountry = abroad && random.Chance(0.6) ? country : DemoPlaces.DoctorateCountries.Pick(random);
        var doctorateYear = Math.Min(DemoPeople.CurrentYear - 1, me.StartYear + random.Next(0, me.Profile.Research ? 1 : 4));
        var phrases = engagement
            .Select(e => EngagementPhrases.First(p => p.Code == e))
            .Select(p => english ? p.En : abroad ? p.ViAbroad : p.Vi)
            .ToArray();
        var closing = phrases.Length > 0 && random.Chance(0.6);

        var sentences = new List<string>(4);
        if (english)
        {
            var role = $"{DemoText.Article(titleEn)} {DemoText.InSentence(titleEn)}";
            var where = org is null
                ? $"based in {city}"
                : org.Name.Contains(city, StringComparison.Ordinal)
                    ? $"at {DemoText.OrgInSentence(org.Name)}"
                    : $"at {DemoText.OrgInSentence(org.Name)} in {city}";
            if (me.Career == Career.Consultant)
            {
                role = "an independent consultant";
            }

            sentences.Add(hometown is null
                ? $"{name} is {role} {where}."
                : $"Originally from {hometown}, {name} is {role} {where}.");
            var (subject, possessive) = me.Female ? ("She", "her") : ("He", "his");
            sentences.Add(me.Profile.Research
                ? $"{DemoText.Capitalize(possessive)} research focuses on {subtopic.NameEn}, in particular {DemoText.JoinEn(focus)}."
                : $"{subject} has {years} years of experience in {subtopic.NameEn}, especially {focus[0]}.");
            if (doctorate)
            {
                sentences.Add(
                    $"{subject} received {possessive} {(degree == "dsc" ? "DSc" : "PhD")} in {DemoPlaces.CountryNameEn(doctorateCountry)} in {doctorateYear}.");
            }

            if (closing)
            {
                sentences.Add($"{subject} is open to {DemoText.JoinEn(phrases)} in support of Bình Định.");
            }
        }
        else
        {
            var role = me.Career == Career.Consultant ? "chuyên gia tư vấn độc lập" : titleVi.ToLowerInvariant();
            var where = org is null ? city : org.Name;
            var countryNote = abroad ? $" ({DemoPlaces.CountryNameVi(country)})" : "";
            sentences.Add(hometown is null
                ? $"{name} hiện là {role} tại {where}{countryNote}."
                : abroad
                    ? $"{name} sinh ra ở {hometown}, hiện là {role} tại {where}{countryNote}."
                    : $"{name} quê ở {hometown}, hiện là {role} tại {where}.");
            sentences.Add(me.Profile.Research
                ? $"Hướng nghiên cứu chính là {subtopic.NameVi}, tập trung vào {DemoText.JoinVi(focus)}."
                : $"Có {years} năm kinh nghiệm trong lĩnh vực {subtopic.NameVi}, đặc biệt là {focus[0]}.");
            if (doctorate)
            {
                var title = degree == "dsc" ? "tiến sĩ khoa học" : "tiến sĩ";
                sentences.Add(doctorateCountry == "VN"
                    ? $"Nhận bằng {title} năm {doctorateYear}."
                    : $"Nhận bằng {title} tại {DemoPlaces.CountryNameVi(doctorateCountry)} năm {doctorateYear}.");
            }

            if (closing)
            {
                sentences.Add($"Sẵn sàng {DemoText.JoinVi(phrases)} để đóng góp cho quê hương.");
            }
        }

        return string.Join(' ', sentences);
    }

    private static List<Publication> Publications(DemoPeople people, Identity me, string country, IReadOnlyList<string> keywords)
    {
        var shared = new List<Publication>();
        foreach (var later in people.ChosenBy(me.Index))
        {
            shared.Add(DemoPublications.Shared(people.Seed, people.Get(later), me));
        }

        if (people.PartnerOf(me.Index) is > 0 and var partner)
        {
            shared.Add(DemoPublications.Shared(people.Seed, me, people.Get(partner)));
        }

        var all = shared.Take(MaxPublications).ToList();
        var own = Math.Min(Math.Min(me.OwnPublications, DemoPublications.MaxOwn), MaxPublications - all.Count);
        for (var slot = 0; slot < own; slot++)
        {
            all.Add(DemoPublications.Own(people.Seed, me, country, keywords, slot));
        }

        return all.OrderByDescending(p => p.Year).ThenBy(p => p.Doi, StringComparer.Ordinal).ToList();
    }

    private static string Local(string namePart) =>
        DemoNames.Ascii(namePart).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>Real ORCID iDs start 0000-0001 to 0000-0003 or 0000-0009; the rest is a bijection of the index, so never repeats.</summary>
    private static string Orcid(DemoRandom random, int index)
    {
        var block = random.Pick(OrcidBlocks);
        var body = ((index * 4_837_163L) + 1_234_567) % 10_000_000;
        var digits = $"0000000{block}{body:D7}";
        var check = OrcidCheck(digits);
        return $"{digits[..4]}-{digits[4..8]}-{digits[8..12]}-{digits[12..15]}{check}";
    }
}
