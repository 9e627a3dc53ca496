using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Web.Localisation;

namespace ExpertNetwork.Web.Matching;

/// <summary>A need as typed into the page or posted to the API; only <see cref="Text"/> is required.</summary>
public sealed record MatchRequest(
    string? Text,
    string? Kind = null,
    IReadOnlyList<string>? Fields = null,
    string? Location = null,
    IReadOnlyList<string>? Languages = null,
    IReadOnlyList<string>? Engagement = null,
    int? Top = null);

/// <summary>A factor that moved the score, with its signed contribution; <see cref="Description"/> is the engine's English wording.</summary>
public sealed record FactorView(string Feature, string Description, double Contribution);

/// <summary>A matched skill, named in Vietnamese and English when the glossary knows it.</summary>
public sealed record SkillView(string Vietnamese, string English);

/// <summary>On the logit scale, Baseline + the factors + Others = logit(score); the page says so.</summary>
public sealed record MatchExplanationView(
    IReadOnlyList<FactorView> Factors,
    double Baseline,
    double Others,
    IReadOnlyList<SkillView> MatchedSkills,
    IReadOnlyList<ClosePublication> Publications,
    IReadOnlyList<string> Fields,
    bool FieldsInferred);

public sealed record MatchHitView(
    string ExpertId,
    int Rank,
    double Score,
    string FullName,
    string? Headline,
    string? Affiliation,
    string? Country,
    string Location,
    MatchExplanationView Explanation);

/// <summary>
/// A match as shown. <see cref="StrongMatch"/> is false when no expert's fit reaches <see cref="MatchOutcome.StrongFit"/>;
/// <see cref="Provisional"/> while some candidates have no stored vectors yet (the ranking may still change);
/// <see cref="ReadAs"/> names the need's mistyped words and the directory's words they were matched as.
/// </summary>
public sealed record MatchPage(
    string Kind, string Model, IReadOnlyList<MatchHitView> Results, bool StrongMatch, bool Provisional, int Candidates, int CandidatesWithoutVectors)
{
    public IReadOnlyList<SpellingCorrection> ReadAs { get; init; } = [];
}

internal static class MatchLimits
{
    public const int MaxText = 4000;
    public const int DefaultTop = 10;
    public const int MaxTop = 50;

    /// <summary>Every error by field, empty when the request is acceptable; closed vocabularies are those of the shared format.</summary>
    public static Dictionary<string, string[]> Check(MatchRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            errors["text"] = ["required"];
        }
        else if (request.Text.Length > MaxText)
        {
            errors["text"] = [$"at most {MaxText} characters"];
        }

        if (request.Kind is not null && !Vocabulary.NeedKinds.Contains(request.Kind))
        {
            errors["kind"] = [string.Join(", ", Vocabulary.NeedKinds)];
        }

        if (request.Location is not null && !Vocabulary.NeedLocations.Contains(request.Location))
        {
            errors["location"] = [string.Join(", ", Vocabulary.NeedLocations)];
        }

        if (request.Fields?.Any(f => !Vocabulary.Fields.Contains(f)) == true)
        {
            errors["fields"] = [string.Join(", ", Vocabulary.Fields)];
        }

        if (request.Engagement?.Any(e => !Vocabulary.Engagements.Contains(e)) == true)
        {
            errors["engagement"] = [string.Join(", ", Vocabulary.Engagements)];
        }

        if (request.Languages is { } languages && (languages.Count > 20 || languages.Any(l => !Vocabulary.Languages.Contains(l))))
        {
            errors["languages"] = ["ISO 639-1 codes"];
        }

        if (request.Top is < 1 or > MaxTop)
        {
            errors["top"] = [$"between 1 and {MaxTop}"];
        }

        return errors;
    }
}

/// <summary>The line a match or speaker list shows for the need's mistyped words, in the reader's language.</summary>
internal static class ReadAsText
{
    public static string ReadAs(this Texts texts, IReadOnlyList<SpellingCorrection> corrections) =>
        texts.Format("match.readAs", string.Join(", ", corrections.Select(c => texts.Format("match.readAs.word", c.Typed, c.Meant))));
}
