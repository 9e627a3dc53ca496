namespace ExpertNetwork.Web.Shared;

/// <summary>What <c>_ExpertLine</c> shows about an expert under their name.</summary>
public sealed record ExpertLine(string? Headline, string? Affiliation, string? Country, string Location);
