using System.Security.Claims;
using System.Text;
using ExpertNetwork.Experts;
using ExpertNetwork.Shortlists;
using ExpertNetwork.Web.Experts;

namespace ExpertNetwork.Web.Shortlists;

/// <summary>
/// A shortlist for a spreadsheet. Every cell goes through <see cref="Csv.Escape"/>, which defuses formulas, because
/// names, notes and headlines are typed by people and a cell starting with = would run in the recruiter's Excel.
/// </summary>
internal static class ShortlistCsv
{
    public static readonly IReadOnlyList<string> Header =
        ["expertId", "fullName", "headline", "affiliation", "country", "email", "status", "note", "addedAt"];

    public static async Task<string> WriteAsync(ShortlistView shortlist, ExpertStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var profiles = (await store.GetManyAsync(shortlist.Experts.Select(e => e.ExpertId).ToList(), cancellationToken))
            .ToDictionary(s => s.Expert.Id, s => s.Expert, StringComparer.Ordinal);
        using var writer = new StringWriter(new StringBuilder());
        Csv.WriteRow(writer, Header);
        foreach (var item in shortlist.Experts)
        {
            var email = item.FullName is not null && profiles.TryGetValue(item.ExpertId, out var expert) ? ProfileAccess.Redact(user, expert).Email : null;
            Csv.WriteRow(writer,
            [
                item.ExpertId, item.FullName, item.Headline, item.Affiliation, item.Country, email, item.Status, item.Note,
                item.AddedAt.ToString("yyyy-MM-dd"),
            ]);
        }

        return writer.ToString();
    }

    public static string FileName(ShortlistView shortlist)
    {
        var safe = new string(shortlist.Name.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return $"shortlist-{(safe.Length == 0 ? shortlist.Id : safe[..Math.Min(safe.Length, 60)])}.csv";
    }
}
