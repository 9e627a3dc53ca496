using ExpertNetwork.Experts;

namespace ExpertNetwork.Web.Stats;

/// <summary>
/// The statistics as someone may see them. Admins see every profile. Everyone else sees listed profiles only,
/// and no count of fewer than <see cref="Threshold"/> experts (null here, "&lt; 3" on the page): such a count
/// could single out a person, e.g. the one expert from a rare country. Where a total and the other counts would
/// give a hidden count back, more counts are hidden (complementary suppression).
/// </summary>
public sealed record PublishedStats(
    long? Experts,
    long? Listed,
    long? Publications,
    IReadOnlyDictionary<string, long?> ByField,
    IReadOnlyDictionary<string, long?> ByCountry,
    IReadOnlyDictionary<string, long?> ByLocation,
    IReadOnlyDictionary<string, long?> ByEngagement,
    IReadOnlyDictionary<string, long?> Diaspora,
    bool ListedOnly,
    int? SuppressedBelow)
{
    public const int Threshold = 3;

    private const string UnknownCountry = "??";

    public static PublishedStats ForAdmin(DirectoryStats stats) => new(
        stats.Experts, stats.Listed, stats.Publications, Nullable(stats.ByField), Nullable(stats.ByCountry), Nullable(stats.ByLocation),
        Nullable(stats.ByEngagement), Nullable(stats.Diaspora), ListedOnly: false, SuppressedBelow: null);

    /// <param name="listed">Computed over listed profiles only.</param>
    public static PublishedStats ForEveryone(DirectoryStats listed)
    {
        var cells = new Dictionary<string, long>();
        void Add(string dimension, IReadOnlyDictionary<string, long> counts)
        {
            foreach (var (key, count) in counts)
            {
                cells[$"{dimension}:{key}"] = count;
            }
        }

        cells["total"] = listed.Listed;
        cells["publications"] = listed.Publications;
        Add("country", listed.ByCountry);
        Add("location", listed.ByLocation);
        Add("field", listed.ByField);
        Add("engagement", listed.ByEngagement);

        var countries = listed.ByCountry.Keys.Select(k => "country:" + k).ToList();
        var foreign = listed.ByCountry.Keys.Where(k => k != Geography.ProvinceCountry && k != UnknownCountry).Select(k => "country:" + k).ToList();
        // Each relation: the first cell is the sum of the others. Fields and engagement have none: a profile may have several or none.
        List<IReadOnlyList<string>> relations =
        [
            ["total", .. countries],
            ["total", .. listed.ByLocation.Keys.Select(k => "location:" + k)],
            ["location:abroad", .. foreign],
            ["country:" + Geography.ProvinceCountry, "location:province", "location:vietnam"],
            ["country:" + UnknownCountry, "location:unknown"],
        ];

        var hidden = Suppress(cells, relations);
        long? Shown(string cell) => hidden.Contains(cell) ? null : cells.GetValueOrDefault(cell);
        IReadOnlyDictionary<string, long?> Dimension(string dimension, IReadOnlyDictionary<string, long> counts) =>
            counts.ToDictionary(c => c.Key, c => Shown($"{dimension}:{c.Key}"));

        var byCountry = Dimension("country", listed.ByCountry);
        return new PublishedStats(
            Shown("total"), Shown("total"), Shown("publications"),
            Dimension("field", listed.ByField), byCountry, Dimension("location", listed.ByLocation), Dimension("engagement", listed.ByEngagement),
            byCountry.Where(c => c.Key != Geography.ProvinceCountry && c.Key != UnknownCountry).ToDictionary(c => c.Key, c => c.Value),
            ListedOnly: true, SuppressedBelow: Threshold);
    }

    /// <summary>
    /// Hides every count from 1 to <see cref="Threshold"/> - 1, then, until nothing changes, whatever a relation
    /// would give back: a relation with exactly one hidden cell has a second one hidden (its smallest shown part,
    /// else its total), and hidden parts that could only all be 1 get another one hidden.
    /// </summary>
    public static HashSet<string> Suppress(IReadOnlyDictionary<string, long> cells, IReadOnlyList<IReadOnlyList<string>> relations)
    {
        var hidden = cells.Where(c => c.Value is > 0 and < Threshold).Select(c => c.Key).ToHashSet();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var relation in relations)
            {
                var present = relation.Where(cells.ContainsKey).ToList();
                if (present.Count == 0 || !cells.ContainsKey(relation[0]))
                {
                    continue;
                }

                var parts = present.Skip(1).ToList();
                var hiddenParts = parts.Where(hidden.Contains).ToList();
                var hiddenCount = hiddenParts.Count + (hidden.Contains(relation[0]) ? 1 : 0);
                var allOnes = !hidden.Contains(relation[0]) && hiddenParts.Count >= 2 && hiddenParts.Sum(p => cells[p]) == hiddenParts.Count;
                if (hiddenCount != 1 && !allOnes)
                {
                    continue;
                }

                var next = parts.Where(p => !hidden.Contains(p)).OrderBy(p => cells[p]).ThenBy(p => p, StringComparer.Ordinal).FirstOrDefault()
                    ?? (hidden.Contains(relation[0]) ? null : relation[0]);
                if (next is not null)
                {
                    hidden.Add(next);
                    changed = true;
                }
            }
        }

        return hidden;
    }

    private static IReadOnlyDictionary<string, long?> Nullable(IReadOnlyDictionary<string, long> counts) => counts.ToDictionary(c => c.Key, c => (long?)c.Value);
}
