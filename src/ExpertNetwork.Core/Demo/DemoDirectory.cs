using ExpertNetwork.Experts;
using ExpertNetwork.Needs;

namespace ExpertNetwork.Demo;

/// <summary>
/// A synthetic but realistic directory of experts linked to Bình Định, at home and abroad, with
/// needs whose relevant experts are known by construction. Output depends only on the arguments:
/// the same seed always gives the same people, and a longer directory starts with the shorter one.
/// </summary>
public static partial class DemoDirectory
{
    public const int DefaultSeed = 20250701;

    /// <summary>Ids, ORCID iDs and DOIs are guaranteed unique up to this many people.</summary>
    public const int MaxCount = 9_999_999;

    /// <summary>Streams <paramref name="count"/> profiles with ids bd-000001, bd-000002, …</summary>
    public static IEnumerable<Expert> Generate(int count, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        return Stream(count, seed);
    }

    internal static string IdOf(int index) => $"bd-{index:D6}";

    private static IEnumerable<Expert> Stream(int count, int seed)
    {
        var people = new DemoPeople(seed);
        for (var index = 1; index <= count; index++)
        {
            yield return DemoExperts.Build(people, index);
        }
    }
}
