using System.Security.Claims;
using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Needs;
using ExpertNetwork.Web.Experts;

namespace ExpertNetwork.Web.Matching;

/// <summary>
/// Runs the matcher on the search index's top candidates, read from the store for this request, so what is
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
        // Candidates from the whole directory, as in the CLI; the search index's top 200 until start-up has read it.
        var outcome = await engine.MatchAsync(need, DirectoryCandidates.For(engine, directory), top, cancellationToken);

        var hits = new List<MatchHitView>(outcome.Results.Count);
        foreach (var result in outcome.Results)
        {
            var expert = result.Expert;
            if (!expert.Consent.Listed || !ProfileAccess.CanSee(user, expert))
            {
                continue;
            }

            hits.Add(new MatchHitView(
                expert.Id, hits.Count + 1, Math.Clamp(result.Score, 0, 1), expert.FullName, expert.Headline, expert.Affiliation, expert.Country,
                Geography.Classify(expert).Name(), Explain(result.Explanation)));
        }

        return new MatchPage(
            kind, engine.Model.Description, hits, StrongMatch: hits.Any(h => h.Score >= MatchOutcome.StrongFit), outcome.Provisional,
            outcome.Candidates, outcome.CandidatesWithoutVectors)
        {
            ReadAs = outcome.ReadAs,
        };
    }

    private static MatchExplanationView Explain(MatchExplanation explanation) => new(
        explanation.Factors
            .Where(f => double.IsFinite(f.Contribution) && Math.Abs(f.Contribution) > 1e-4)
            .Select(f => new FactorView(f.Feature, f.Description, Math.Round(f.Contribution, 4)))
            .ToList(),
        Math.Round(explanation.Baseline, 4),
        Math.Round(explanation.Others, 4),
        Skills(explanation.MatchedSkills),
        explanation.Publications,
        explanation.Fields,
        explanation.FieldsInferred);

    /// <summary>
    /// A matched skill in both languages. The engine labels glossary terms "English (Vietnamese)" and keywords as
    /// typed; the synonym file names a typed keyword in the other language. A skill neither knows is shown in its
    /// own language's column only, never copied into the other.
    /// </summary>
    public static SkillView Skill(string label)
    {
        var open = label.LastIndexOf(" (", StringComparison.Ordinal);
        if (open > 0 && label.EndsWith(')'))
        {
            var (english, vietnamese) = (label[..open], label[(open + 2)..^1]);
            if (FieldLexicon.Terms.Any(t => t.English == english && t.Vietnamese == vietnamese))
            {
                return new SkillView(vietnamese, english);
            }
        }

        var concept = SkillConcepts.Named(label);
        if (concept.Known)
        {
            return new SkillView(concept.Vietnamese, concept.English);
        }

        var folded = MatchText.Phrase(label);
        var term = FieldLexicon.Terms.FirstOrDefault(t => MatchText.Phrase(t.English) == folded || MatchText.Phrase(t.Vietnamese) == folded);
        if (term is not null)
        {
            return new SkillView(term.Vietnamese, term.English);
        }

        return label.Any(c => c > 127) ? new SkillView(label, "") : new SkillView("", label);
    }

    /// <summary>One row per skill, even when a keyword and a glossary term name the same one ("học máy" and "machine learning (học máy)").</summary>
    public static IReadOnlyList<SkillView> Skills(IEnumerable<string> labels) =>
        labels.Select(Skill).DistinctBy(s => MatchText.Phrase(s.Vietnamese.Length > 0 ? s.Vietnamese : s.English)).ToList();
}
