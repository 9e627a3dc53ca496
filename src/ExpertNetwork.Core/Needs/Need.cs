namespace ExpertNetwork.Needs;

/// <summary>A project, talent-attraction call or speaker topic, in the shared needs.jsonl format.</summary>
public sealed record Need
{
    public required string Id { get; init; }
    public string? Kind { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Fields { get; init; } = [];
    public IReadOnlyList<string> Keywords { get; init; } = [];
    public string? Location { get; init; }
    public IReadOnlyList<string> Languages { get; init; } = [];
    public IReadOnlyList<string> Engagement { get; init; } = [];

    /// <summary>Experts a speaker need must not return (conflicts of interest).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    public string Text => string.Join(". ", new[] { Title, Description }.Where(s => !string.IsNullOrWhiteSpace(s)));

    /// <summary>The <see cref="Text"/> followed by the keywords: everything the need says in words.</summary>
    public string TextWithKeywords => Keywords.Count > 0 ? Text + ". " + string.Join(", ", Keywords) : Text;
}

/// <summary>One relevance judgment of qrels.tsv.</summary>
public sealed record Judgment(string NeedId, string ExpertId, double Grade);
