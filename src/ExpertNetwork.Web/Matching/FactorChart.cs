using System.Globalization;

namespace ExpertNetwork.Web.Matching;

/// <summary>
/// What moved one expert's score, as a diverging bar chart in inline SVG drawn on the server: bars to the
/// right pushed the score up, bars to the left pulled it down. No script, readable without CSS. Labels start at
/// the left edge and have a column of their own wide enough for every factor's name (a browser test measures them).
/// </summary>
public sealed record FactorChart(string Id, string Title, IReadOnlyList<(string Label, double Contribution)> Bars)
{
    public const int Width = 560;
    public const int LabelWidth = 250;
    public const int MaxLabelLength = 36;
    public const int RowHeight = 22;
    public const int BarHeight = 14;
    private const int ValueRoom = 44;

    public int Height => Math.Max(1, Bars.Count) * RowHeight;

    /// <summary>The zero line, centred in the plotting area so negative factors have room too.</summary>
    public double Zero => LabelWidth + (Width - LabelWidth - ValueRoom) / 2.0;

    private double HalfSpan => (Width - LabelWidth - ValueRoom) / 2.0;

    private double Max => Bars.Count == 0 ? 1 : Math.Max(1e-6, Bars.Max(b => Math.Abs(b.Contribution)));

    public double BarX(double contribution) => contribution >= 0 ? Zero : Zero - BarWidth(contribution);

    public double BarWidth(double contribution) => Math.Max(1, HalfSpan * Math.Abs(contribution) / Max);

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Shorten(string label) => label.Length <= MaxLabelLength ? label : label[..(MaxLabelLength - 1)] + "…";

    public static string Signed(double value) => value.ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture);
}
