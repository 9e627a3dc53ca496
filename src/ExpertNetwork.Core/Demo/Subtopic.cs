namespace ExpertNetwork.Demo;

/// <summary>
/// A research or practice niche inside one field. Everything a demo person writes about comes from
/// their sub-topic, which is what keeps keywords, headline, bio and publications coherent.
/// </summary>
/// <param name="KeywordsEn">Profile keywords; every keyword belongs to exactly one sub-topic, so a profile's
/// first keyword identifies its sub-topic again.</param>
/// <param name="NeedEn">How a client would describe the problem: deliberately avoids the keywords, so a
/// matcher has to generalise rather than copy strings.</param>
internal sealed record Subtopic(
    string Id,
    string Field,
    string NameEn,
    string NameVi,
    string[] KeywordsEn,
    string[] KeywordsVi,
    string[] MethodsEn,
    string[] MethodsVi,
    string[] ApplicationsEn,
    string[] ApplicationsVi,
    string[] Venues,
    string[] NeedEn,
    string[] NeedVi,
    string[] NeedTerms)
{
    public IEnumerable<string> Keywords => KeywordsEn.Concat(KeywordsVi);

    /// <summary>Catalogue entries are unique objects; comparing them member by member would only cost time.</summary>
    public bool Equals(Subtopic? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Id);
}

internal sealed record FieldProfile(
    string Field,
    double Weight,
    string NameEn,
    string NameVi,
    string[] TermsEn,
    string[] TermsVi,
    string[] ChallengesEn,
    string[] ChallengesVi,
    string[] ResultsEn,
    string[] ResultsVi,
    string[] ContextsEn,
    string[] ContextsVi,
    (string En, string Vi, string LeadVi) Practitioner);

internal sealed record Venue(string Name, string Language, string Slug)
{
    public static Venue Of(string name, string language = "en") => new(name, language, SlugOf(name));

    private static string SlugOf(string name)
    {
        var compact = new string(Text.VietnameseText.Fold(name).Where(char.IsAsciiLetterOrDigit).ToArray());
        if (compact.Length <= 12)
        {
            return compact;
        }

        return new string(Text.VietnameseText.Fold(name)
            .Split([' ', '-', '/', '(', ')', ','], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => char.IsAsciiLetterOrDigit(w[0]))
            .Select(w => w[0])
            .Take(10)
            .ToArray());
    }
}
