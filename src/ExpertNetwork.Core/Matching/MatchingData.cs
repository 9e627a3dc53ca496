using ExpertNetwork.Experts;
using ExpertNetwork.Needs;

namespace ExpertNetwork.Matching;

/// <summary>Needs with graded judgments from one source; grades keep that source's own scale.</summary>
public sealed record LabelledSet(string Name, IReadOnlyList<Need> Needs, IReadOnlyList<Judgment> Judgments)
{
    /// <summary>Some of the needs, keeping the whole set's grade scale.</summary>
    public LabelledSet Subset(IReadOnlySet<string> needIds)
    {
        _range ??= (Judgments.Min(j => j.Grade), Judgments.Max(j => j.Grade));
        return this with { Needs = Needs.Where(n => needIds.Contains(n.Id)).ToList(), Judgments = Judgments.Where(j => needIds.Contains(j.NeedId)).ToList() };
    }

    /// <summary>
    /// Grades mapped onto 0–4, the range the ranking trainers' gain table expects; scales differ
    /// between sources (1–5, 0–3), and only the order within a need carries meaning.
    /// </summary>
    public double Relevance(Judgment judgment)
    {
        _range ??= (Judgments.Min(j => j.Grade), Judgments.Max(j => j.Grade));
        var (min, max) = _range.Value;
        return max == min ? 0 : Math.Round(4 * (judgment.Grade - min) / (max - min));
    }

    private (double Min, double Max)? _range;
}

/// <summary>Reads the shared-format files matching trains and evaluates on, failing on the first bad line with FILE:LINE.</summary>
public static class MatchingData
{
    public static List<Expert> ReadExperts(string path)
    {
        var experts = new List<Expert>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var errors = new List<FieldError>();
            var expert = ExpertJson.Parse(text, errors);
            if (expert is null)
            {
                throw new InvalidDataException($"{Path.GetFileName(path)}:{line}: {errors[0].Field}: {errors[0].Message}");
            }

            experts.Add(expert);
        }

        return experts;
    }

    public static List<Need> ReadNeeds(string path)
    {
        var needs = new List<Need>();
        foreach (var (line, need, errors) in NeedJson.ReadFile(path))
        {
            if (need is null)
            {
                throw new InvalidDataException($"{Path.GetFileName(path)}:{line}: {errors[0].Field}: {errors[0].Message}");
            }

            needs.Add(need);
        }

        return needs;
    }

    public static LabelledSet Read(string needsPath, string qrelsPath) =>
        new(Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(needsPath))) ?? needsPath, ReadNeeds(needsPath), NeedJson.ReadJudgments(qrelsPath));
}
