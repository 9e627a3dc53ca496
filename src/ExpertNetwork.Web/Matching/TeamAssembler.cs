using System.Security.Claims;
using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Needs;
using ExpertNetwork.Web.Experts;
using ExpertNetwork.Web.Localisation;

namespace ExpertNetwork.Web.Matching;

/// <summary>A project that needs several skills, and what the recruiter asks of the team; only <see cref="Text"/> is required.</summary>
public sealed record TeamRequest(
    string? Text,
    int? Size = null,
    IReadOnlyList<string>? Skills = null,
    IReadOnlyList<string>? Fields = null,
    bool AtLeastOneInProvince = false,
    int? MaxAbroad = null,
    bool OnePerAffiliation = false);

/// <summary>A skill the team must cover: recognised in the need (<c>need</c>), a field ticked (<c>field</c>) or added by the recruiter (<c>added</c>).</summary>
public sealed record TeamSkillView(string Vietnamese, string English, string Source);

public sealed record CoveredSkillView(string Vietnamese, string English, double Fit);

public sealed record TeamMemberView(
    string ExpertId, string FullName, string? Headline, string? Affiliation, string? Country, string Location, IReadOnlyList<CoveredSkillView> Covers, double Fit);

/// <summary>
/// The proposed team: who covers which skill with what fit, what nobody covers, the total, how the team was searched
/// (<c>Exhaustive</c> or <c>GreedyWithSwaps</c>), and the skills left out over the limit.
/// </summary>
public sealed record TeamView(
    IReadOnlyList<TeamSkillView> Skills,
    IReadOnlyList<TeamMemberView> Members,
    IReadOnlyList<TeamSkillView> Uncovered,
    IReadOnlyList<TeamSkillView> LeftOut,
    double Total,
    int Requested,
    int Candidates,
    string Search)
{
    /// <summary>The request's mistyped words and the directory's words its skills were recognised and matched as.</summary>
    public IReadOnlyList<SpellingCorrection> ReadAs { get; init; } = [];
}

internal static class TeamLimits
{
    public const int MaxText = 4000;
    public const int DefaultSize = 4;
    public const int MinSize = 2;
    public const int MaxSize = 8;
    public const int MaxSkills = 12;
    public const int MaxAddedSkills = 10;
    public const int MaxSkillLength = 100;

    public static Dictionary<string, string[]> Check(TeamRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > MaxText)
        {
            errors["text"] = [$"required, at most {MaxText} characters"];
        }

        if (request.Size is < MinSize or > MaxSize)
        {
            errors["size"] = [$"between {MinSize} and {MaxSize}"];
        }

        if (request.Skills is { } skills && (skills.Count > MaxAddedSkills || skills.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > MaxSkillLength)))
        {
            errors["skills"] = [$"at most {MaxAddedSkills} skills of at most {MaxSkillLength} characters"];
        }

        if (request.Fields?.Any(f => !Vocabulary.Fields.Contains(f)) == true)
        {
            errors["fields"] = [string.Join(", ", Vocabulary.Fields)];
        }

        if (request.MaxAbroad is < 0 or > MaxSize)
        {
            errors["maxAbroad"] = [$"between 0 and {MaxSize}"];
        }

        return errors;
    }
}

/// <summary>
/// Assembles a team for a project skill by skill. The skills are the need's concepts as the synonym file knows
/// them, the fields ticked, and any the recruiter adds. Each skill is matched on its own through the matching
/// engine (the same fit score as the match page; higher is better); an expert may cover a skill when they are
/// among its <see cref="CandidatesPerSkill"/> best listed matches. <see cref="TeamAssembly"/> then picks the team.
/// </summary>
public sealed class TeamAssembler(MatchingEngine engine, ExpertDirectory directory)
{
    public const int CandidatesPerSkill = 20;

    public async Task<TeamView> AssembleAsync(TeamRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        (request, var readAs) = Corrected(request);
        var skills = Skills(request);
        var considered = skills.Take(TeamLimits.MaxSkills).ToList();
        var fields = request.Fields ?? [];

        var fits = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var profiles = new Dictionary<string, Expert>(StringComparer.Ordinal);
        for (var s = 0; s < considered.Count; s++)
        {
            var (view, entries, field) = considered[s];
            var need = new Need
            {
                Id = "team-skill",
                Kind = "project",
                Title = view.English == view.Vietnamese ? view.English : $"{view.English} ({view.Vietnamese})",
                Keywords = [.. entries.Take(8)],
                Fields = field is null ? fields : [field],
            };
            foreach (var result in (await engine.MatchAsync(need, DirectoryCandidates.For(engine, directory), CandidatesPerSkill, cancellationToken)).Results)
            {
                profiles[result.ExpertId] = result.Expert;
                if (!fits.TryGetValue(result.ExpertId, out var row))
                {
                    fits[result.ExpertId] = row = new double[considered.Count];
                }

                row[s] = Math.Clamp(result.Score, 0, 1);
            }
        }

        var experts = profiles.Values
            .Where(e => e.Consent.Listed && ProfileAccess.CanSee(user, e))
            .OrderByDescending(e => fits[e.Id].Max()).ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        var matrix = new double[experts.Count, considered.Count];
        for (var c = 0; c < experts.Count; c++)
        {
            for (var s = 0; s < considered.Count; s++)
            {
                matrix[c, s] = fits[experts[c].Id][s];
            }
        }

        var size = request.Size ?? TeamLimits.DefaultSize;
        var problem = new TeamProblem(
            experts.Select(e => new TeamCandidate(e.Id, e.Affiliation, Geography.Classify(e))).ToList(),
            considered.Count,
            matrix,
            new TeamConstraints(size, request.AtLeastOneInProvince, request.MaxAbroad, request.OnePerAffiliation));
        var team = considered.Count == 0 ? null : TeamAssembly.Solve(problem);

        var members = new List<TeamMemberView>();
        if (team is not null)
        {
            for (var m = 0; m < team.Members.Count; m++)
            {
                var expert = experts[team.Members[m]];
                var covers = Enumerable.Range(0, considered.Count).Where(s => team.SkillOwner[s] == m)
                    .Select(s => new CoveredSkillView(considered[s].View.Vietnamese, considered[s].View.English, Math.Round(matrix[team.Members[m], s], 4)))
                    .ToList();
                members.Add(new TeamMemberView(
                    expert.Id, expert.FullName, expert.Headline, expert.Affiliation, expert.Country, Geography.Classify(expert).Name(), covers, Math.Round(covers.Sum(c => c.Fit), 4)));
            }
        }

        var uncovered = Enumerable.Range(0, considered.Count).Where(s => team is null || team.SkillOwner[s] < 0).Select(s => considered[s].View).ToList();
        return new TeamView(
            [.. considered.Select(s => s.View)], members, uncovered, [.. skills.Skip(TeamLimits.MaxSkills).Select(s => s.View)],
            Math.Round(team?.Total ?? 0, 4), size, experts.Count, team?.Search.ToString() ?? TeamSearch.Exhaustive.ToString())
        {
            ReadAs = readAs,
        };
    }

    /// <summary>
    /// The request's text and each added skill read as a match reads a need, mistyped words as the directory writes them:
    /// skills are recognised by their words, so "machne learning" would otherwise name no skill at all.
    /// </summary>
    private (TeamRequest Request, IReadOnlyList<SpellingCorrection> ReadAs) Corrected(TeamRequest request)
    {
        var readAs = new List<SpellingCorrection>();
        string? Read(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return text;
            }

            var read = engine.Corrected(new Need { Id = "team", Kind = "project", Title = text }, out var corrections);
            readAs.AddRange(corrections);
            return read.Title;
        }

        var corrected = request with { Text = Read(request.Text), Skills = request.Skills?.Select(skill => Read(skill)!).ToList() };
        return (corrected, readAs.DistinctBy(c => (c.Typed.ToLowerInvariant(), c.Meant)).ToList());
    }

    /// <summary>The need's concepts in reading order, then the fields ticked, then the recruiter's own; each once.</summary>
    private static List<(TeamSkillView View, IReadOnlyList<string> Entries, string? Field)> Skills(TeamRequest request)
    {
        var skills = new List<(TeamSkillView View, IReadOnlyList<string> Entries, string? Field)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var concept in SkillConcepts.Recognise(request.Text))
        {
            if (seen.Add(concept.Key))
            {
                skills.Add((new TeamSkillView(concept.Vietnamese, concept.English, "need"), concept.Entries, null));
            }
        }

        foreach (var field in request.Fields ?? [])
        {
            var (vietnamese, english) = Texts.Entries["field." + field];
            if (seen.Add("field:" + field))
            {
                skills.Add((new TeamSkillView(vietnamese, english, "field"), [english, vietnamese], field));
            }
        }

        foreach (var typed in request.Skills ?? [])
        {
            var concept = SkillConcepts.Named(typed);
            if (seen.Add(concept.Key))
            {
                skills.Add((new TeamSkillView(concept.Vietnamese, concept.English, "added"), concept.Entries, null));
            }
        }

        return skills;
    }
}
