using ExpertNetwork.Experts;

namespace ExpertNetwork.Demo;

internal enum Career
{
    PhdStudent,
    Postdoc,
    Lecturer,
    Researcher,
    AssociateProfessor,
    Professor,
    SeniorResearcher,
    Engineer,
    SeniorEngineer,
    LeadEngineer,
    Manager,
    Consultant,
}

internal sealed record CareerProfile(
    Career Career, bool Research, int YearsMin, int YearsMax, int PublicationsMin, int PublicationsMax, int HIndexMin, int HIndexMax);

/// <summary>
/// What other records may need to know about a person: enough to name them as a co-author and to
/// decide who writes a paper with whom. It depends on (seed, index) alone and is cheap to recompute.
/// </summary>
internal sealed record Identity(
    int Index,
    bool Female,
    VietnameseName Name,
    int AuthorStyle,
    LocationClass Location,
    Subtopic Subtopic,
    Career Career,
    int StartYear,
    int OwnPublications,
    bool SeeksCoauthor)
{
    public CareerProfile Profile => DemoPeople.Careers[(int)Career];

    /// <summary>The one spelling this person signs English-language papers with.</summary>
    public string AuthorName { get; } = Name.Western(AuthorStyle);
}

/// <summary>
/// Identities of a sliding window of people around the one being generated. Shared papers only ever
/// link people at most <see cref="Window"/> places apart, so streaming needs no more than this window,
/// and every record stays a pure function of its own index.
/// </summary>
internal sealed class DemoPeople(int seed)
{
    public const int Window = 64;
    public const int CurrentYear = 2026;

    private const int CacheSize = 256;

    public static readonly IReadOnlyList<CareerProfile> Careers =
    [
        new(Career.PhdStudent, true, 1, 5, 1, 4, 0, 4),
        new(Career.Postdoc, true, 4, 9, 3, 8, 2, 12),
        new(Career.Lecturer, true, 5, 16, 2, 9, 1, 16),
        new(Career.Researcher, true, 5, 18, 3, 10, 2, 20),
        new(Career.AssociateProfessor, true, 12, 24, 6, 10, 8, 32),
        new(Career.Professor, true, 18, 38, 8, 10, 15, 60),
        new(Career.SeniorResearcher, true, 12, 28, 5, 10, 8, 38),
        new(Career.Engineer, false, 1, 7, 0, 1, 0, 2),
        new(Career.SeniorEngineer, false, 5, 14, 0, 3, 0, 6),
        new(Career.LeadEngineer, false, 10, 22, 0, 5, 1, 12),
        new(Career.Manager, false, 12, 28, 0, 4, 1, 15),
        new(Career.Consultant, false, 15, 35, 0, 4, 1, 20),
    ];

    private static readonly Weighted<LocationClass> Locations = new(
        [(LocationClass.Province, 30), (LocationClass.Vietnam, 30), (LocationClass.Abroad, 40)]);

    private static readonly IReadOnlyDictionary<LocationClass, Weighted<Career>> CareersByLocation =
        new Dictionary<LocationClass, Weighted<Career>>
        {
            [LocationClass.Province] = CareerTable([6, 3, 30, 10, 8, 3, 4, 16, 10, 6, 5, 2]),
            [LocationClass.Vietnam] = CareerTable([8, 4, 20, 12, 10, 5, 6, 12, 10, 6, 5, 2]),
            [LocationClass.Abroad] = CareerTable([14, 10, 10, 8, 8, 5, 6, 10, 12, 8, 5, 3]),
        };

    private static readonly Weighted<FieldProfile> PrimaryFields = new(DemoTopics.Fields.Select(f => (f, f.Weight)));

    private readonly int _seed = seed;
    private readonly Identity?[] _identities = new Identity?[CacheSize];
    private readonly int[] _partnerKeys = Enumerable.Repeat(-1, CacheSize).ToArray();
    private readonly int[] _partners = new int[CacheSize];

    public int Seed => _seed;

    public Identity Get(int index)
    {
        var slot = index & (CacheSize - 1);
        if (_identities[slot] is { } cached && cached.Index == index)
        {
            return cached;
        }

        var identity = Create(_seed, index);
        _identities[slot] = identity;
        return identity;
    }

    /// <summary>
    /// The earlier person this one writes a shared paper with, or 0: the nearest earlier person in the
    /// window with the same sub-topic, failing that the same field. Deterministic, so both sides agree.
    /// </summary>
    public int PartnerOf(int index)
    {
        var slot = index & (CacheSize - 1);
        if (_partnerKeys[slot] == index)
        {
            return _partners[slot];
        }

        var partner = FindPartner(index);
        _partnerKeys[slot] = index;
        _partners[slot] = partner;
        return partner;
    }

    public IEnumerable<int> ChosenBy(int index)
    {
        for (var later = index + 1; later <= index + Window; later++)
        {
            if (PartnerOf(later) == index)
            {
                yield return later;
            }
        }
    }

    private int FindPartner(int index)
    {
        var me = Get(index);
        if (!me.SeeksCoauthor)
        {
            return 0;
        }

        var lowest = Math.Max(1, index - Window);
        for (var other = index - 1; other >= lowest; other--)
        {
            var candidate = Get(other);
            if (candidate.OwnPublications > 0 && candidate.Subtopic == me.Subtopic)
            {
                return other;
            }
        }

        for (var other = index - 1; other >= lowest; other--)
        {
            var candidate = Get(other);
            if (candidate.OwnPublications > 0 && candidate.Subtopic.Field == me.Subtopic.Field)
            {
                return other;
            }
        }

        return 0;
    }

    private static Identity Create(int seed, int index)
    {
        var random = DemoRandom.For(seed, DemoStreams.Identity, index);
        var female = random.Chance(0.42);
        var name = DemoNames.Pick(random, female);
        var authorStyle = random.Next(100) switch
        {
            < 40 => 0,
            < 75 => 1,
            _ => 2,
        };
        var location = Locations.Pick(random);
        var field = PrimaryFields.Pick(random);
        var subtopic = random.Pick(DemoTopics.SubtopicsByField[field.Field]);
        var career = CareersByLocation[location].Pick(random);
        var profile = Careers[(int)career];
        var startYear = CurrentYear - random.Next(profile.YearsMin, profile.YearsMax);
        var publications = profile.Research
            ? random.Next(profile.PublicationsMin, profile.PublicationsMax)
            : random.Skewed(profile.PublicationsMin, profile.PublicationsMax, 2.2);
        var seeksCoauthor = publications > 0 && random.Chance(0.3);
        return new Identity(index, female, name, authorStyle, location, subtopic, career, startYear, publications, seeksCoauthor);
    }

    private static Weighted<Career> CareerTable(double[] weights) =>
        new(Enum.GetValues<Career>().Select(c => (c, weights[(int)c])));
}

internal static class DemoStreams
{
    public const ulong Identity = 0x1D;
    public const ulong Detail = 0x2E;
    public const ulong Publication = 0x3F;
    public const ulong SharedPublication = 0x4A;
    public const ulong Need = 0x5B;
}
