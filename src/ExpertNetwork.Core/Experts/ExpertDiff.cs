using System.Text.Encodings.Web;
using System.Text.Json;

namespace ExpertNetwork.Experts;

/// <summary>What changed between two versions of a profile, field by field, as the audit table records it.</summary>
public static class ExpertDiff
{
    public static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public sealed record Change(object? From, object? To);

    public static IReadOnlyDictionary<string, Change> Between(Expert before, Expert after)
    {
        var changes = new SortedDictionary<string, Change>(StringComparer.Ordinal);
        void Scalar<T>(string name, T from, T to)
        {
            if (!EqualityComparer<T>.Default.Equals(from, to))
            {
                changes[name] = new Change(from, to);
            }
        }

        void List(string name, IReadOnlyList<string> from, IReadOnlyList<string> to)
        {
            if (!from.SequenceEqual(to))
            {
                changes[name] = new Change(from, to);
            }
        }

        Scalar("fullName", before.FullName, after.FullName);
        List("otherNames", before.OtherNames, after.OtherNames);
        Scalar("headline", before.Headline, after.Headline);
        Scalar("affiliation", before.Affiliation, after.Affiliation);
        Scalar("country", before.Country, after.Country);
        Scalar("city", before.City, after.City);
        Scalar("hometown", before.Hometown, after.Hometown);
        List("fields", before.Fields, after.Fields);
        List("keywords", before.Keywords, after.Keywords);
        List("languages", before.Languages, after.Languages);
        Scalar("degree", before.Degree, after.Degree);
        Scalar("hIndex", before.HIndex, after.HIndex);
        List("engagement", before.Engagement, after.Engagement);
        Scalar("bio", before.Bio, after.Bio);
        Scalar("email", before.Email, after.Email);
        Scalar("orcid", before.Orcid, after.Orcid);
        Scalar("consent.listed", before.Consent.Listed, after.Consent.Listed);
        Scalar("consent.contact", before.Consent.Contact, after.Consent.Contact);
        var publicationsChanged = before.Publications.Count != after.Publications.Count
            || before.Publications.Zip(after.Publications).Any(p => !p.First.Equivalent(p.Second));
        if (publicationsChanged)
        {
            changes["publications"] = new Change(
                before.Publications.Select(p => p.Title ?? p.Doi ?? "").ToList(),
                after.Publications.Select(p => p.Title ?? p.Doi ?? "").ToList());
        }

        return changes;
    }
}
