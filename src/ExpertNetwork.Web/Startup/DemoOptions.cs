using System.ComponentModel.DataAnnotations;

namespace ExpertNetwork.Web.Startup;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seeds the demo directory when the store is empty, so a fresh checkout shows something real.</summary>
    public bool SeedWhenEmpty { get; set; } = true;

    [Range(1, 1_000_000)]
    public int Count { get; set; } = 5000;
}
