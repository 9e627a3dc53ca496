namespace ExpertNetwork.Web.Stats;

/// <summary>One bar; a null value is a count hidden from the reader, drawn without a bar and labelled "&lt; 3".</summary>
public sealed record Bar(string Label, long? Value);

/// <summary>A horizontal bar chart drawn as inline SVG on the server: no script, no chart library, readable without CSS.</summary>
public sealed record BarChart(string Id, string Title, IReadOnlyList<Bar> Bars)
{
    public const int Width = 640;
    public const int LabelWidth = 220;
    public const int RowHeight = 26;
    public const int BarHeight = 18;
    public const int MaxLabelLength = 30;

    public int Height => Math.Max(1, Bars.Count) * RowHeight;

    public long Max => Bars.Count == 0 ? 1 : Math.Max(1, Bars.Max(b => b.Value ?? 0));

    /// <summary>Leaves room on the right for the count printed after the longest bar.</summary>
    public double BarWidth(long? value) => (Width - LabelWidth - 70) * (double)(value ?? 0) / Max;

    public static string Shorten(string label) => label.Length <= MaxLabelLength ? label : label[..(MaxLabelLength - 1)] + "…";
}
