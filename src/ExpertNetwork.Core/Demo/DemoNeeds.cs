using ExpertNetwork.Experts;
using ExpertNetwork.Needs;

namespace ExpertNetwork.Demo;

public static partial class DemoDirectory
{
    /// <summary>
    /// Projects, talent calls and speaker topics drawn from the directory's own sub-topics, each with
    /// 5–20 judged experts graded by construction: 3 same sub-topic, 2 same field, 1 adjacent field,
    /// 0 unrelated. Only listed experts whose sub-topic can be recognised are judged, and every judged
    /// expert meets the need's location and language.
    /// </summary>
    public static (IReadOnlyList<Need> Needs, IReadOnlyList<Judgment> Judgments) GenerateNeeds(
        IReadOnlyList<Expert> experts, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(experts);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return DemoNeeds.Generate(experts, count, seed);
    }
}

internal static class DemoNeeds
{
    private static readonly Weighted<string> Kinds = new([("project", 45), ("talent", 30), ("speaker", 25)]);

    private static readonly IReadOnlyDictionary<string, Weighted<string>> LocationsByKind =
        new Dictionary<string, Weighted<string>>(StringComparer.Ordinal)
        {
            ["project"] = new([("any", 45), ("province", 25), ("vietnam", 15), ("abroad", 15)]),
            ["talent"] = new([("abroad", 50), ("vietnam", 30), ("any", 20)]),
            ["speaker"] = new([("any", 55), ("abroad", 25), ("province", 20)]),
        };

    private static readonly IReadOnlyList<(string En, string Vi)> Sponsors =
    [
        ("The provincial Department of Science and Technology", "Sở Khoa học và Công nghệ tỉnh Gia Lai"),
        ("Quy Nhơn University", "Trường Đại học Quy Nhơn"),
        ("A company in the Nhơn Hội Economic Zone", "Một doanh nghiệp tại Khu kinh tế Nhơn Hội"),
        ("The Quy Nhơn AI Centre", "Trung tâm AI Bình Định"),
    ];

    private static readonly IReadOnlyList<(string En, string Vi)> Goals =
    [
        ("a working prototype within 12 months, handed over to a local partner",
         "có nguyên mẫu hoạt động trong 12 tháng và chuyển giao cho đối tác địa phương"),
        ("an assessment of the current situation and a roadmap", "đánh giá hiện trạng và đề xuất lộ trình triển khai"),
        ("building up a team of young engineers in Quy Nhơn along the way",
         "vừa triển khai vừa xây dựng đội ngũ kỹ sư trẻ tại Quy Nhơn"),
    ];

    private static readonly IReadOnlyList<(string En, string Vi)> Perks =
    [
        ("a competitive salary", "mức lương cạnh tranh"),
        ("help with moving a family", "hỗ trợ gia đình chuyển về"),
        ("a start-up grant", "kinh phí khởi động"),
    ];

    private static readonly IReadOnlyList<(string En, string Vi)> Events =
    [
        ("An international workshop", "Một hội thảo quốc tế"),
        ("The Rencontres du Vietnam conference", "Hội nghị Gặp gỡ Việt Nam"),
        ("A summer school", "Một trường hè"),
        ("A public science evening", "Một buổi nói chuyện khoa học cho công chúng"),
    ];

    private static readonly IReadOnlyList<(string En, string Vi)> Audiences =
    [
        ("researchers and graduate students", "nhà nghiên cứu và học viên sau đại học"),
        ("engineers and local businesses", "kỹ sư và doanh nghiệp địa phương"),
        ("students and the general public", "sinh viên và công chúng"),
    ];

    private static readonly IReadOnlyDictionary<string, (string En, string Vi)> Forms =
        new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            ["advisory"] = ("advice", "tư vấn"),
            ["speaking"] = ("a talk", "báo cáo"),
            ["visiting"] = ("a short visit to Quy Nhơn", "làm việc ngắn hạn tại Quy Nhơn"),
            ["remote"] = ("remote work", "làm việc từ xa"),
            ["returning"] = ("relocating to Quy Nhơn", "về làm việc lâu dài tại Quy Nhơn"),
            ["teaching"] = ("teaching", "giảng dạy"),
            ["investing"] = ("investment", "đầu tư"),
        };

    private sealed record Candidate(Expert Expert, Subtopic Subtopic, string Location, int Ordinal);

    public static (IReadOnlyList<Need>, IReadOnlyList<Judgment>) Generate(IReadOnlyList<Expert> experts, int count, int seed)
    {
        var candidates = new List<Candidate>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var expert in experts)
        {
            if (expert.Consent.Listed && ids.Add(expert.Id) && DemoTopics.PrimarySubtopic(expert) is { } subtopic)
            {
                candidates.Add(new Candidate(expert, subtopic, Geography.Classify(expert).Name(), candidates.Count));
            }
        }

        var bySubtopic = candidates.GroupBy(c => c.Subtopic).ToDictionary(g => g.Key, g => g.ToArray());
        if (count == 0 || bySubtopic.Count == 0)
        {
            return ([], []);
        }

        var byField = Vocabulary.Fields.ToDictionary(
            f => f, f => candidates.Where(c => c.Expert.Fields.Contains(f)).ToArray(), StringComparer.Ordinal);
        var targets = new Weighted<Subtopic>(DemoTopics.Subtopics
            .Where(bySubtopic.ContainsKey)
            .Select(s => (s, DemoTopics.ByField[s.Field].Weight / DemoTopics.SubtopicsByField[s.Field].Count)));

        var needs = new List<Need>(count);
        var judgments = new List<Judgment>();
        for (var n = 1; n <= count; n++)
        {
            var random = DemoRandom.For(seed, DemoStreams.Need, n);
            var subtopic = targets.Pick(random);
            var kind = Kinds.Pick(random);
            var language = random.Chance(0.35) ? "en" : "vi";
            var location = LocationsByKind[kind].Pick(random);

            var best = Eligible(bySubtopic[subtopic], location, language);
            if (best.Length == 0)
            {
                location = "any";
                best = Eligible(bySubtopic[subtopic], location, language);
            }

            if (best.Length == 0)
            {
                language = language == "en" ? "vi" : "en";
                best = Eligible(bySubtopic[subtopic], location, language);
            }

            string? required = language;
            if (best.Length == 0)
            {
                required = null;
                best = bySubtopic[subtopic];
            }

            var id = $"need-{n:D3}";
            var judged = new List<(Candidate Candidate, int Grade)>();
            foreach (var c in random.Sample(best, random.Next(2, 6)))
            {
                judged.Add((c, 3));
            }

            var field = subtopic.Field;
            var adjacent = DemoTopics.Adjacent[field].Where(f => byField[f].Length > 0).ToArray();
            Draw(random, judged, random.Next(1, 3), 2, () => random.Pick(byField[field]));
            if (adjacent.Length > 0)
            {
                Draw(random, judged, random.Next(1, 2), 1, () => random.Pick(byField[random.Pick(adjacent)]));
            }

            Draw(random, judged, Math.Max(random.Next(2, 5), 5 - judged.Count), 0, () => random.Pick(candidates));

            needs.Add(Write(random, id, kind, subtopic, location, required, language == "en"));
            judgments.AddRange(judged
                .OrderByDescending(j => j.Grade)
                .ThenBy(j => j.Candidate.Ordinal)
                .Select(j => new Judgment(id, j.Candidate.Expert.Id, j.Grade)));

            void Draw(DemoRandom r, List<(Candidate, int)> into, int wanted, int grade, Func<Candidate> next)
            {
                var added = 0;
                for (var attempt = 0; attempt < wanted * 40 && added < wanted; attempt++)
                {
                    var c = next();
                    if (Grade(c, subtopic) == grade && Fits(c, location, required) && !into.Exists(j => j.Item1 == c))
                    {
                        into.Add((c, grade));
                        added++;
                    }
                }
            }
        }

        return (needs, judgments);
    }

    private static int Grade(Candidate candidate, Subtopic target) =>
        candidate.Subtopic == target ? 3
        : candidate.Expert.Fields.Contains(target.Field) ? 2
        : candidate.Expert.Fields.Any(f => DemoTopics.AreAdjacent(f, target.Field)) ? 1
        : 0;

    private static Candidate[] Eligible(Candidate[] pool, string location, string language) =>
        pool.Where(c => Fits(c, location, language)).ToArray();

    private static bool Fits(Candidate candidate, string location, string? language) =>
        (location == "any" || candidate.Location == location)
        && (language is null || candidate.Expert.Languages.Contains(language));

    private static Need Write(
        DemoRandom random, string id, string kind, Subtopic subtopic, string location, string? language, bool english)
    {
        var field = DemoTopics.ByField[subtopic.Field];
        var phrases = random.Sample(english ? subtopic.NeedEn : subtopic.NeedVi, 2);
        var topic = phrases[0];
        var other = phrases[^1];
        var context = random.Pick(english ? field.ContextsEn : field.ContextsVi);
        var engagement = Engagement(random, kind);
        var forms = engagement.Select(e => english ? Forms[e].En : Forms[e].Vi).ToArray();
        var closing = english ? $"Possible forms: {DemoText.JoinEn(forms)}." : $"Hình thức: {DemoText.JoinVi(forms)}.";

        string title, description;
        switch (kind, english)
        {
            case ("project", true):
                title = $"{DemoText.Capitalize(topic)} for {context}";
                description = $"{random.Pick(Sponsors).En} is looking for expertise in {other} for {context}. "
                    + $"The goal is {random.Pick(Goals).En}. {closing}";
                break;
            case ("project", false):
                title = $"{DemoText.Capitalize(topic)} cho {context}";
                description = $"{random.Pick(Sponsors).Vi} cần chuyên gia về {other} cho {context}. "
                    + $"Mục tiêu là {random.Pick(Goals).Vi}. {closing}";
                break;
            case ("talent", true):
                title = $"Experts wanted: {topic}";
                description = $"The province invites {field.NameEn} experts from Bình Định, at home and abroad, with "
                    + $"experience in {other} to build a team in Quy Nhơn. Support includes housing, research funding and "
                    + $"{random.Pick(Perks).En}. {closing}";
                break;
            case ("talent", false):
                title = $"Tuyển chuyên gia: {topic}";
                description = $"Tỉnh Gia Lai mời gọi chuyên gia {field.NameVi} người Bình Định trong và ngoài nước có kinh "
                    + $"nghiệm về {other} về xây dựng nhóm tại Quy Nhơn. Chính sách hỗ trợ gồm nhà ở, kinh phí nghiên cứu và "
                    + $"{random.Pick(Perks).Vi}. {closing}";
                break;
            case (_, true):
                title = $"Talk at ICISE: {topic}";
                description = $"{random.Pick(Events).En} at ICISE, Quy Nhơn, seeks a speaker on {other} "
                    + $"for an audience of {random.Pick(Audiences).En}. {closing}";
                break;
            default:
                title = $"Báo cáo mời tại ICISE: {topic}";
                description = $"{random.Pick(Events).Vi} tại ICISE, Quy Nhơn, cần diễn giả trình bày về {other} "
                    + $"cho {random.Pick(Audiences).Vi}. {closing}";
                break;
        }

        return new Need
        {
            Id = id,
            Kind = kind,
            Title = title,
            Description = description,
            Fields = [subtopic.Field],
            Keywords = random.Sample(subtopic.NeedTerms, random.Next(2, 3)),
            Location = location,
            Languages = language is null ? [] : [language],
            Engagement = engagement,
        };
    }

    /// <summary>Talent calls mostly want people to come back; speaker needs want a talk.</summary>
    private static List<string> Engagement(DemoRandom random, string kind)
    {
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        switch (kind)
        {
            case "project":
                chosen.Add("advisory");
                AddIf("remote", 0.4);
                AddIf("visiting", 0.3);
                break;
            case "talent":
                chosen.Add(random.Chance(0.85) ? "returning" : "visiting");
                AddIf("teaching", 0.25);
                AddIf("remote", 0.15);
                break;
            default:
                chosen.Add("speaking");
                AddIf("visiting", 0.4);
                AddIf("remote", 0.2);
                break;
        }

        return Vocabulary.Engagements.Where(chosen.Contains).ToList();

        void AddIf(string engagement, double chance)
        {
            if (random.Chance(chance))
            {
                chosen.Add(engagement);
            }
        }
    }
}
