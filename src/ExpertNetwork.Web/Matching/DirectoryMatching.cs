using System.Security.Claims;
using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Needs;
using ExpertNetwork.Web.Experts;

namespace ExpertNetwork.Web.Matching;

/// <summary>
/// Runs the matcher on the search index's top candidates and joins the results to the store, so what is
/// shown is the stored profile and its consent as of now: unlisted profiles are never shown, not even to admins,
/// because matching is for reaching out and an unlisted expert has asked not to be reached.
/// </summary>
public sealed class DirectoryMatching(MatchingEngine engine, ExpertDirectory directory)
{
    public async Task<MatchPage> MatchAsync(MatchRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var kind = request.Kind ?? "project";
        var need = new Need
        {
            Id = "web",
            Kind = kind,
            Description = request.Text!.Trim(),
            Fields = request.Fields ?? [],
            Location = request.Location is null or "any" ? null : request.Location,
            Languages = request.Languages ?? [],
            Engagement = request.Engagement ?? [],
        };
        var top = request.Top ?? MatchLimits.DefaultTop;
        // Candidates are the search index's top 200, as in the CLI; start-up brings the index up to date and every save keeps it so.
        var results = await engine.MatchAsync(need, MatchCandidates.FromSearch(directory.Index, directory.Store), top, cancellationToken);

        var stored = (await directory.Store.GetManyAsync(results.Select(r => r.ExpertId).ToList(), cancellationToken))
            .ToDictionary(s => s.Expert.Id, s => s.Expert, StringComparer.Ordinal);
        var hits = new List<MatchHitView>(results.Count);
        foreach (var result in results)
        {
            if (!stored.TryGetValue(result.ExpertId, out var expert) || !expert.Consent.Listed || !ProfileAccess.CanSee(user, expert))
            {
                continue;
            }

            hits.Add(new MatchHitView(
                expert.Id, hits.Count + 1, Math.Clamp(result.Score, 0, 1), expert.FullName, expert.Headline, expert.Affiliation, expert.Country,
                Geography.Classify(expert).Name(), Explain(result.Explanation)));
        }

        return new MatchPage(kind, engine.Model.Description, hits);
    }

    private static MatchExplanationView Explain(MatchExplanation explanation) => new(
        explanation.Factors
            .Where(f => double.IsFinite(f.Contribution) && Math.Abs(f.Contribution) > 1e-4)
            .Select(f => new FactorView(f.Feature, f.Description, Math.Round(f.Contribution, 4)))
            .ToList(),
        explanation.MatchedSkills.Select(Skill).ToList(),
        explanation.Publications,
        explanation.Fields,
        explanation.FieldsInferred);

    /// <summary>The glossary names a skill in both languages; a keyword it does not know is shown as typed in both columns.</summary>
    private static SkillView Skill(string label)
    {
        var term = FieldLexicon.Find(label).FirstOrDefault(t =>
            string.Equals(t.English, label, StringComparison.OrdinalIgnoreCase) || string.Equals(t.Vietnamese, label, StringComparison.OrdinalIgnoreCase))
            ?? FieldLexicon.Find(label).FirstOrDefault();
        return term is null ? new SkillView(label, label) : new SkillView(term.Vietnamese, term.English);
    }
}
