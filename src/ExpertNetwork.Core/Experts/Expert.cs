namespace ExpertNetwork.Experts;

/// <summary>
/// One profile in the shared interchange format. Text is kept exactly as it arrived so the
/// original spelling is what people see; search engines get the normalised forms from <see cref="Text.VietnameseText"/>.
/// </summary>
public sealed record Expert
{
    public required string Id { get; init; }
    public required string FullName { get; init; }
    public IReadOnlyList<string> OtherNames { get; init; } = [];
    public string? Headline { get; init; }
    public string? Affiliation { get; init; }
    public string? Country { get; init; }
    public string? City { get; init; }
    public string? Hometown { get; init; }
    public IReadOnlyList<string> Fields { get; init; } = [];
    public IReadOnlyList<string> Keywords { get; init; } = [];
    public IReadOnlyList<string> Languages { get; init; } = [];
    public string? Degree { get; init; }
    public int? HIndex { get; init; }
    public IReadOnlyList<string> Engagement { get; init; } = [];
    public string? Bio { get; init; }
    public string? Email { get; init; }
    public string? Orcid { get; init; }
    public Consent Consent { get; init; } = new();
    public IReadOnlyList<Publication> Publications { get; init; } = [];

    public bool Equivalent(Expert other) =>
        Id == other.Id && FullName == other.FullName && Headline == other.Headline
        && Affiliation == other.Affiliation && Country == other.Country && City == other.City
        && Hometown == other.Hometown && Degree == other.Degree && HIndex == other.HIndex
        && Bio == other.Bio && Email == other.Email && Orcid == other.Orcid && Consent == other.Consent
        && OtherNames.SequenceEqual(other.OtherNames) && Fields.SequenceEqual(other.Fields)
        && Keywords.SequenceEqual(other.Keywords) && Languages.SequenceEqual(other.Languages)
        && Engagement.SequenceEqual(other.Engagement)
        && Publications.Count == other.Publications.Count
        && Publications.Zip(other.Publications).All(p => p.First.Equivalent(p.Second));
}

public sealed record Consent(bool Listed = true, bool Contact = false);

public sealed record Publication
{
    public string? Title { get; init; }
    public string? Abstract { get; init; }
    public int? Year { get; init; }
    public string? Venue { get; init; }
    public string? Doi { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];

    public bool Equivalent(Publication other) =>
        Title == other.Title && Abstract == other.Abstract && Year == other.Year && Venue == other.Venue
        && Doi == other.Doi && Authors.SequenceEqual(other.Authors);
}

/// <summary>An expert as stored: the profile plus the bookkeeping the store keeps around it.</summary>
public sealed record StoredExpert(
    Expert Expert,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long RowVersion,
    string ChangedBy);
