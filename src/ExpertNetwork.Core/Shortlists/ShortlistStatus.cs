namespace ExpertNetwork.Shortlists;

/// <summary>Where a recruiter got with one expert on a shortlist; the order is the pipeline's.</summary>
public enum ShortlistStatus
{
    New,
    Contacted,
    Interested,
    Declined,
    Hired,
}

public static class ShortlistStatuses
{
    public static readonly IReadOnlyList<ShortlistStatus> All = Enum.GetValues<ShortlistStatus>();

    public static string Name(this ShortlistStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParse(string? value, out ShortlistStatus status)
    {
        status = default;
        return value is not null
            && All.Any(s => s.Name() == value)
            && Enum.TryParse(value, ignoreCase: true, out status);
    }

    /// <summary>
    /// The relevance grade a status is evidence of. A decline still says the recruiter judged the expert
    /// worth contacting, but the trainer learns what ends in a hire, so it grades lowest.
    /// </summary>
    public static int Grade(this ShortlistStatus status) => status switch
    {
        ShortlistStatus.Hired => 4,
        ShortlistStatus.Interested => 3,
        ShortlistStatus.Contacted => 2,
        ShortlistStatus.New => 1,
        _ => 0,
    };
}
