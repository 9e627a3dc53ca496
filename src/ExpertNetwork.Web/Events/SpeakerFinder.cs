using ExpertNetwork.Events;
using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Needs;

namespace ExpertNetwork.Web.Events;

/// <summary>Constraints on a speaker list; gender is not a field of the shared format, so no gender balance can be applied.</summary>
public sealed record SpeakerRequest(string? Topic, int? Count = null, double? MinAbroadShare = null, int? MaxPerAffiliation = null);

/// <summary>A proposed speaker: who, where from, which of the topic's skills they match (in both languages) and how well.</summary>
public sealed record SpeakerView(
    string ExpertId, string FullName, string? Headline, string? Affiliation, string? Country, string Location, double Score, IReadOnlyList<string> MatchedSkills)
{
    public IReadOnlyList<Matching.SkillView> Topics => Matching.DirectoryMatching.Skills(MatchedSkills);
}

public sealed record ExcludedView(string ExpertId, string FullName, string Reason);

public sealed record SpeakerList(IReadOnlyList<SpeakerView> Speakers, IReadOnlyList<ExcludedView> Excluded, int Abroad, bool GenderBalanceApplied)
{
    /// <summary>The topic's mistyped words and the directory's words they were matched as (<see cref="Misspellings"/>).</summary>
    public IReadOnlyList<SpellingCorrection> ReadAs { get; init; } = [];
}

internal static class SpeakerLimits
{
    public const int MaxTopic = 1000;

    public static Dictionary<string, string[]> Check(SpeakerRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Topic) || request.Topic.Length > MaxTopic)
        {
            errors["topic"] = [$"required, at most {MaxTopic} characters"];
        }

        if (request.Count is < 1 or > 50)
        {
            errors["count"] = ["between 1 and 50"];
        }

        if (request.MinAbroadShare is < 0 or > 1)
        {
            errors["minAbroadShare"] = ["between 0 and 1"];
        }

        if (request.MaxPerAffiliation is < 1 or > 50)
        {
            errors["maxPerAffiliation"] = ["between 1 and 50"];
        }

        return errors;
    }
}

/// <summary>
/// Builds a speaker list for a topic: the matcher ranks listed experts, conflicts of interest with the
/// event's organisers are excluded (the organisers, their co-authors by shared DOI or title, and anyone at an
/// organiser's affiliation), then a greedy pass in rank order keeps at most N per affiliation and reserves
/// enough places for speakers from abroad.
/// </summary>
public sealed class SpeakerFinder(MatchingEngine engine, ExpertDirectory directory)
{
    public async Task<SpeakerList> FindAsync(ConferenceEvent conference, SpeakerRequest request, CancellationToken cancellationToken)
    {
        var count = request.Count ?? 10;
        var organisers = (await directory.Store.GetManyAsync(conference.OrganiserIds, cancellationToken)).Select(s => s.Expert).ToList();
        var need = new Need { Id = "event-" + conference.Id, Kind = "speaker", Title = request.Topic!.Trim(), Keywords = conference.Topics };
        var outcome = await engine.MatchAsync(need, DirectoryCandidates.For(engine, directory), Matcher.DefaultCandidates, cancellationToken);
        var ranked = outcome.Results;

        var excluded = new List<ExcludedView>();
        var eligible = new List<(MatchResult Result, Expert Expert)>();
        foreach (var result in ranked)
        {
            var expert = result.Expert;
            if (!expert.Consent.Listed)
            {
                continue;
            }

            if (Conflict(expert, organisers) is { } reason)
            {
                excluded.Add(new ExcludedView(expert.Id, expert.FullName, reason));
                continue;
            }

            eligible.Add((result, expert));
        }

        var abroadNeeded = (int)Math.Ceiling((request.MinAbroadShare ?? 0) * count);
        var perAffiliation = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var chosen = new List<(MatchResult Result, Expert Expert)>();
        var abroad = 0;
        foreach (var (result, expert) in eligible)
        {
            if (chosen.Count == count)
            {
                break;
            }

            var isAbroad = Geography.Classify(expert) == LocationClass.Abroad;
            // Once the remaining places are only enough for the speakers from abroad still owed, only they are taken.
            if (!isAbroad && count - chosen.Count <= abroadNeeded - abroad)
            {
                continue;
            }

            var affiliation = Normalise(expert.Affiliation);
            if (affiliation.Length > 0 && request.MaxPerAffiliation is { } max && perAffiliation.GetValueOrDefault(affiliation) >= max)
            {
                continue;
            }

            if (affiliation.Length > 0)
            {
                perAffiliation[affiliation] = perAffiliation.GetValueOrDefault(affiliation) + 1;
            }

            abroad += isAbroad ? 1 : 0;
            chosen.Add((result, expert));
        }

        var speakers = chosen.Select(c => new SpeakerView(
            c.Expert.Id, c.Expert.FullName, c.Expert.Headline, c.Expert.Affiliation, c.Expert.Country, Geography.Classify(c.Expert).Name(),
            Math.Clamp(c.Result.Score, 0, 1), c.Result.Explanation.MatchedSkills)).ToList();
        return new SpeakerList(speakers, excluded, abroad, GenderBalanceApplied: false) { ReadAs = outcome.ReadAs };
    }

    /// <summary>Why an expert may not speak at an event these people organise, or null.</summary>
    public static string? Conflict(Expert expert, IReadOnlyList<Expert> organisers)
    {
        foreach (var organiser in organisers)
        {
            if (organiser.Id == expert.Id)
            {
                return "organiser";
            }

            var affiliation = Normalise(organiser.Affiliation);
            if (affiliation.Length > 0 && affiliation == Normalise(expert.Affiliation))
            {
                return "affiliation";
            }

            var dois = organiser.Publications.Select(p => p.Doi?.Trim().ToLowerInvariant()).Where(d => !string.IsNullOrEmpty(d)).ToHashSet();
            var titles = organiser.Publications.Select(p => Normalise(p.Title)).Where(t => t.Length > 0).ToHashSet();
            if (expert.Publications.Any(p => dois.Contains(p.Doi?.Trim().ToLowerInvariant()) || titles.Contains(Normalise(p.Title))))
            {
                return "coauthor";
            }
        }

        return null;
    }

    private static string Normalise(string? text) =>
        string.Join(' ', (text ?? "").ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Trim(' ', '.');
}
