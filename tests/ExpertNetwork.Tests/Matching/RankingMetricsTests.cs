using ExpertNetwork.Matching;

namespace ExpertNetwork.Tests.Matching;

public class RankingMetricsTests
{
    private static ScoredJudgment J(string need, string expert, double grade, double score) => new(need, expert, grade, score);

    [Fact]
    public void A_perfect_order_loses_nothing_and_a_reversed_order_loses_everything()
    {
        ScoredJudgment[] perfect = [J("n", "a", 3, 0.9), J("n", "b", 2, 0.5), J("n", "c", 1, 0.1)];
        ScoredJudgment[] reversed = [J("n", "a", 3, 0.1), J("n", "b", 2, 0.5), J("n", "c", 1, 0.9)];

        Assert.Equal(0, RankingMetrics.PairwiseLoss(perfect));
        Assert.Equal(1, RankingMetrics.PairwiseLoss(reversed));
    }

    [Fact]
    public void Each_pair_weighs_its_grade_difference_and_a_tie_loses_half()
    {
        // Pairs: (a,b) t=2 wrong → 2; (a,c) t=3 tie → 1.5; (b,c) t=1 right → 0. Weight 2+3+1 = 6.
        ScoredJudgment[] group = [J("n", "a", 4, 0.2), J("n", "b", 2, 0.6), J("n", "c", 1, 0.2)];

        Assert.Equal(3.5 / 6, RankingMetrics.PairwiseLoss(group), 12);
    }

    [Fact]
    public void Equal_grades_form_no_pair_and_a_constant_scorer_gets_one_half()
    {
        ScoredJudgment[] group = [J("n", "a", 2, 0.5), J("n", "b", 2, 0.5), J("n", "c", 5, 0.5), J("n", "d", 1, 0.5)];

        Assert.Equal(0.5, RankingMetrics.PairwiseLoss(group), 12);
    }

    [Fact]
    public void Groups_are_pooled_by_weight_not_averaged()
    {
        // Need 1: one pair of weight 4, lost. Need 2: one pair of weight 1, won. Pooled 4/5, not the mean 1/2.
        ScoredJudgment[] judgments = [J("n1", "a", 5, 0.1), J("n1", "b", 1, 0.9), J("n2", "a", 2, 0.9), J("n2", "b", 1, 0.1)];

        Assert.Equal(0.8, RankingMetrics.PairwiseLoss(judgments), 12);
    }

    [Fact]
    public void Grouping_by_expert_compares_one_experts_scores_across_needs()
    {
        // By need each group has one expert only, so no pairs; by expert, a's two needs are ordered wrongly.
        ScoredJudgment[] judgments = [J("n1", "a", 3, 0.2), J("n2", "a", 1, 0.7), J("n1", "b", 2, 0.4)];

        Assert.Equal(1, RankingMetrics.PairwiseLoss(judgments, GroupBy.Expert));
        Assert.Equal(0.5, RankingMetrics.PairwiseLoss([J("n1", "a", 3, 0.2), J("n2", "a", 1, 0.2)], GroupBy.Expert));
    }

    [Fact]
    public void Ndcg_matches_a_hand_computed_value()
    {
        // Ranked grades 1, 2, 0 → DCG = 1/log2(2) + 3/log2(3) + 0; ideal 2, 1, 0 → 3 + 1/log2(3).
        ScoredJudgment[] group = [J("n", "a", 1, 0.9), J("n", "b", 2, 0.5), J("n", "c", 0, 0.1)];
        var expected = (1 + 3 / Math.Log2(3)) / (3 + 1 / Math.Log2(3));

        Assert.Equal(expected, RankingMetrics.Ndcg(group, 10), 12);
    }

    [Fact]
    public void Ndcg_cuts_at_k_and_shares_discounts_between_tied_scores()
    {
        ScoredJudgment[] ranked = [J("n", "a", 0, 0.9), J("n", "b", 1, 0.5)];
        Assert.Equal(0, RankingMetrics.Ndcg(ranked, 1), 12);

        ScoredJudgment[] tied = [J("n", "a", 0, 0.5), J("n", "b", 1, 0.5)];
        var shared = (1 + 1 / Math.Log2(3)) / 2;
        Assert.Equal(shared, RankingMetrics.Ndcg(tied, 10), 12);
    }

    [Fact]
    public void The_bootstrap_interval_surrounds_the_value_and_is_reproducible()
    {
        var random = new Random(5);
        var judgments = Enumerable.Range(0, 60)
            .SelectMany(n => Enumerable.Range(0, 4).Select(e => J($"n{n}", $"e{e}", e, e + random.NextDouble() * 3)))
            .ToList();

        var first = RankingMetrics.PairwiseLossInterval(judgments);
        var second = RankingMetrics.PairwiseLossInterval(judgments);

        Assert.Equal(first, second);
        Assert.InRange(first.Value, first.Low, first.High);
        Assert.True(first.High - first.Low > 0.01, "resampling 60 groups must leave some uncertainty");
        Assert.Equal(60, first.Groups);
    }

    [Fact]
    public void A_single_group_has_no_spread_in_its_interval()
    {
        var report = RankingMetrics.PairwiseLossInterval([J("n", "a", 2, 0.9), J("n", "b", 1, 0.1)]);

        Assert.Equal(0, report.Value);
        Assert.Equal(0, report.Low);
        Assert.Equal(0, report.High);
    }

    [Fact]
    public void Calibration_error_is_the_weighted_gap_between_fit_and_outcome_per_bin()
    {
        // Bin 0.2–0.3: fits 0.25 ×4, one positive (0.25 observed): no gap. Bin 0.9–1.0: fits 0.95 ×4, two positive: gap 0.45.
        var items = Enumerable.Repeat((0.25, false), 3).Append((0.25, true))
            .Concat(Enumerable.Repeat((0.95, true), 2)).Concat(Enumerable.Repeat((0.95, false), 2)).ToList();

        Assert.Equal(0.5 * 0.45, RankingMetrics.CalibrationError(items), 9);
        Assert.Equal(0, RankingMetrics.CalibrationError([(1.0, true), (0.0, false)]), 9);
    }

    [Fact]
    public void Calibration_error_interval_resamples_whole_groups_and_brackets_the_value()
    {
        var random = new Random(5);
        var items = Enumerable.Range(0, 400).Select(i =>
        {
            var fit = random.NextDouble();
            return (Group: $"n{i / 4}", Score: fit, Positive: random.NextDouble() < fit);
        }).ToList();

        var report = RankingMetrics.CalibrationErrorInterval(items);

        Assert.Equal(100, report.Groups);
        Assert.InRange(report.Value, report.Low, report.High);
        Assert.True(report.Value < 0.1, $"ECE of a calibrated scorer was {report.Value:F3}");
    }
}
