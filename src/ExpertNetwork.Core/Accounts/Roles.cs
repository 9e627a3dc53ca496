namespace ExpertNetwork.Accounts;

/// <summary>The four roles of the product. A user holds exactly one.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Recruiter = "recruiter";
    public const string Organiser = "organiser";
    public const string Researcher = "researcher";

    public static readonly IReadOnlyList<string> All = [Admin, Recruiter, Organiser, Researcher];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}
