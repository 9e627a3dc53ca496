namespace ExpertNetwork.Matching;

public enum GroupBy
{
    Need,
    Expert,
}

/// <summary>One judged (need, expert) pair with the score a matcher gave it.</summary>
public readonly record struct ScoredJudgment(string NeedId, string ExpertId, double Grade, double Score);

/// <summary>A metric over groups with its 95% bootstrap interval (groups resampled with replacement).</summary>
public sealed record MetricReport(double Value, double Low, double High, int Groups, double Weight)
{
    public override string ToString() => $"{Value:F3} [{Low:F3}, {High:F3}]";
}

/// <summary>
/// The weighted pairwise loss of the shared formats README, NDCG@k, and bootstrap intervals for
/// both. Groups are kept as (numerator, denominator) so a resample pools them exactly the way the
/// full set is pooled.
/// </summary>
public static class RankingMetrics
{
    public const int BootstrapSamples = 2000;
    public const int BootstrapSeed = 20260;

    public static double PairwiseLoss(IEnumerable<ScoredJudgment> judgments, GroupBy groupBy = GroupBy.Need)
    {
        var parts = LossParts(judgments, groupBy);
        var weight = parts.Sum(p => p.Weight);
        return weight == 0 ? double.NaN : parts.Sum(p => p.Sum) / weight;
    }

    public static MetricReport PairwiseLossInterval(
        IEnumerable<ScoredJudgment> judgments, GroupBy groupBy = GroupBy.Need, int samples = BootstrapSamples, int seed = BootstrapSeed)
    {
        var parts = LossParts(judgments, groupBy).Where(p => p.Weight > 0).ToArray();
        return Interval(parts, samples, seed);
    }

    /// <summary>Mean NDCG@k over groups whose ideal ranking has any gain; gain is 2^grade − 1.</summary>
    public static double Ndcg(IEnumerable<ScoredJudgment> judgments, int k = 10, GroupBy groupBy = GroupBy.Need)
    {
        var values = NdcgParts(judgments, k, groupBy);
        return values.Count == 0 ? double.NaN : values.Average(v => v.Sum);
    }

    public static MetricReport NdcgInterval(
        IEnumerable<ScoredJudgment> judgments, int k = 10, GroupBy groupBy = GroupBy.Need, int samples = BootstrapSamples, int seed = BootstrapSeed) =>
        Interval(NdcgParts(judgments, k, groupBy).ToArray(), samples, seed);

    /// <summary>
    /// Expected calibration error over equal-width score bins: Σ (n_b / N) · |mean fit − share of
    /// positives| in bin b. A constant at the base rate scores 0 here, so it is read beside the loss.
    /// </summary>
    public static double CalibrationError(IEnumerable<(double Score, bool Positive)> items, int bins = 10)
    {
        var count = new int[bins];
        var fit = new double[bins];
        var positive = new double[bins];
        var total = 0;
        foreach (var (score, isPositive) in items)
        {
            var b = Math.Clamp((int)Math.Floor(score * bins), 0, bins - 1);
            count[b]++;
            fit[b] += score;
            positive[b] += isPositive ? 1 : 0;
            total++;
        }

        return total == 0 ? double.NaN : Enumerable.Range(0, bins).Where(b => count[b] > 0).Sum(b => Math.Abs(fit[b] - positive[b]) / total);
    }

    /// <summary>ECE with its 95% bootstrap interval, resampling whole needs as the loss does.</summary>
    public static MetricReport CalibrationErrorInterval(
        IReadOnlyList<(string Group, double Score, bool Positive)> items, int bins = 10, int samples = BootstrapSamples, int seed = BootstrapSeed)
    {
        var groups = items.GroupBy(i => i.Group, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Select(i => (i.Score, i.Positive)).ToArray()).ToArray();
        if (groups.Length == 0)
        {
            return new MetricReport(double.NaN, double.NaN, double.NaN, 0, 0);
        }

        var value = CalibrationError(groups.SelectMany(g => g), bins);
        var random = new Random(seed);
        var estimates = new double[samples];
        for (var s = 0; s < samples; s++)
        {
            var resample = new List<(double, bool)>(items.Count);
            for (var i = 0; i < groups.Length; i++)
            {
                resample.AddRange(groups[random.Next(groups.Length)]);
            }

            estimates[s] = CalibrationError(resample, bins);
        }

        Array.Sort(estimates);
        return new MetricReport(value, Quantile(estimates, 0.025), Quantile(estimates, 0.975), groups.Length, items.Count);
    }

    /// <summary>The loss and the pair weight of one group.</summary>
    public static (double Lost, double Weight) GroupLoss(IReadOnlyList<ScoredJudgment> group)
    {
        double lost = 0, weight = 0;
        for (var i = 0; i < group.Count; i++)
        {
            for (var j = i + 1; j < group.Count; j++)
            {
                var t = group[i].Grade - group[j].Grade;
                if (t == 0)
                {
                    continue;
                }

                var d = group[i].Score - group[j].Score;
                weight += Math.Abs(t);
                if (d == 0)
                {
                    lost += Math.Abs(t) / 2;
                }
                else if (d * t < 0)
                {
                    lost += Math.Abs(t);
                }
            }
        }

        return (lost, weight);
    }

    /// <summary>
    /// NDCG@k of one group. Items with equal scores share the mean discount of the positions
    /// they occupy, so a tie is neither rewarded nor punished by the order it happened to come in.
    /// </summary>
    public static double GroupNdcg(IReadOnlyList<ScoredJudgment> group, int k)
    {
        static double Gain(double grade) => Math.Pow(2, grade) - 1;
        static double Discount(int position, int k) => position < k ? 1 / Math.Log2(position + 2) : 0;

        var ideal = group.Select(j => j.Grade).OrderDescending().Select((g, i) => Gain(g) * Discount(i, k)).Sum();
        if (ideal <= 0)
        {
            return double.NaN;
        }

        var ranked = group.OrderByDescending(j => j.Score).ToArray();
        double dcg = 0;
        for (var start = 0; start < ranked.Length;)
        {
            var end = start;
            while (end + 1 < ranked.Length && ranked[end + 1].Score == ranked[start].Score)
            {
                end++;
            }

            var discount = Enumerable.Range(start, end - start + 1).Average(p => Discount(p, k));
            for (var i = start; i <= end; i++)
            {
                dcg += Gain(ranked[i].Grade) * discount;
            }

            start = end + 1;
        }

        return dcg / ideal;
    }

    private static List<(double Sum, double Weight)> LossParts(IEnumerable<ScoredJudgment> judgments, GroupBy groupBy) =>
        Groups(judgments, groupBy).Select(GroupLoss).ToList();

    private static List<(double Sum, double Weight)> NdcgParts(IEnumerable<ScoredJudgment> judgments, int k, GroupBy groupBy) =>
        Groups(judgments, groupBy).Select(g => GroupNdcg(g, k)).Where(v => !double.IsNaN(v)).Select(v => (v, 1.0)).ToList();

    private static IEnumerable<IReadOnlyList<ScoredJudgment>> Groups(IEnumerable<ScoredJudgment> judgments, GroupBy groupBy) =>
        judgments.GroupBy(j => groupBy == GroupBy.Need ? j.NeedId : j.ExpertId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<ScoredJudgment>)g.ToArray());

    /// <summary>Each group is (sum, weight); a metric is pooled sums over pooled weights, for the full set and for every resample alike.</summary>
    private static MetricReport Interval((double Sum, double Weight)[] parts, int samples, int seed)
    {
        var totalWeight = parts.Sum(p => p.Weight);
        if (parts.Length == 0 || totalWeight == 0)
        {
            return new MetricReport(double.NaN, double.NaN, double.NaN, parts.Length, 0);
        }

        var value = parts.Sum(p => p.Sum) / totalWeight;
        var random = new Random(seed);
        var estimates = new double[samples];
        for (var s = 0; s < samples; s++)
        {
            double sum = 0, weight = 0;
            for (var i = 0; i < parts.Length; i++)
            {
                var pick = parts[random.Next(parts.Length)];
                sum += pick.Sum;
                weight += pick.Weight;
            }

            estimates[s] = weight == 0 ? value : sum / weight;
        }

        Array.Sort(estimates);
        return new MetricReport(value, Quantile(estimates, 0.025), Quantile(estimates, 0.975), parts.Length, totalWeight);
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }
}
