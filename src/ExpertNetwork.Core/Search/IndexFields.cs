namespace ExpertNetwork.Search;

/// <summary>Analyzer names shared by <c>indexing/experts.index.json</c> and the Lucene.NET analyzers.</summary>
public static class AnalyzerNames
{
    public const string Exact = "vi_exact";
    public const string Folded = "vi_folded";
    public const string ExactSynonyms = "vi_exact_syn";
    public const string FoldedSynonyms = "vi_folded_syn";
    public const string Bio = "vi_bio";
    public const string BioFolded = "vi_bio_folded";
    public const string NamePrefixIndex = "name_prefix_index";
    public const string NamePrefixSearch = "name_prefix_search";
    public const string NameFirstPrefixIndex = "name_first_prefix_index";
}

/// <summary>
/// Field paths of <c>indexing/experts.index.json</c>. Lucene.NET uses the same strings as field
/// names (a sub-field <c>keywords.folded</c> is just a field called that), so queries read alike in both engines.
/// </summary>
public static class IndexFields
{
    public const string Id = "id";
    public const string FullName = "full_name";
    public const string Name = "name";
    public const string NameFolded = "name.folded";
    public const string NameSort = "name.kw";
    public const string NameFirstPrefix = "name.first_prefix";
    public const string OtherNames = "other_names";
    public const string Names = "names";
    public const string NamesPrefix = "names.prefix";
    public const string NameVariants = "name_variants";
    public const string NameVariantsExact = "name_variants.exact";
    public const string Keywords = "keywords";
    public const string KeywordsFolded = "keywords.folded";
    public const string Fields = "fields";
    public const string FieldsText = "fields.text";
    public const string Headline = "headline";
    public const string HeadlineFolded = "headline.folded";
    public const string Affiliation = "affiliation";
    public const string AffiliationFolded = "affiliation.folded";
    public const string Bio = "bio";
    public const string BioFolded = "bio.folded";
    public const string Publications = "publications";
    public const string Country = "country";
    public const string City = "city";
    public const string Location = "location";
    public const string Degree = "degree";
    public const string Engagement = "engagement";
    public const string Languages = "languages";
    public const string HIndex = "h_index";

    /// <summary>Index-time analyzer of every analysed field (the mapping's <c>analyzer</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string> IndexAnalyzers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Name] = AnalyzerNames.Exact,
        [NameFolded] = AnalyzerNames.Folded,
        [NameFirstPrefix] = AnalyzerNames.NameFirstPrefixIndex,
        [Names] = AnalyzerNames.Folded,
        [NamesPrefix] = AnalyzerNames.NamePrefixIndex,
        [NameVariants] = AnalyzerNames.Folded,
        [NameVariantsExact] = AnalyzerNames.Exact,
        [Keywords] = AnalyzerNames.Exact,
        [KeywordsFolded] = AnalyzerNames.Folded,
        [FieldsText] = AnalyzerNames.Exact,
        [Headline] = AnalyzerNames.Exact,
        [HeadlineFolded] = AnalyzerNames.Folded,
        [Affiliation] = AnalyzerNames.Exact,
        [AffiliationFolded] = AnalyzerNames.Folded,
        [Bio] = AnalyzerNames.Bio,
        [BioFolded] = AnalyzerNames.BioFolded,
        [Publications] = AnalyzerNames.BioFolded,
    };

    /// <summary>The keyword field behind each facet of <see cref="FacetNames"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Facets = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [FacetNames.Field] = Fields,
        [FacetNames.Country] = Country,
        [FacetNames.Location] = Location,
        [FacetNames.Degree] = Degree,
        [FacetNames.Engagement] = Engagement,
        [FacetNames.Language] = Languages,
    };
}

/// <summary>Keys of <see cref="SearchHit.Highlights"/>: the <see cref="Experts.Expert"/> property each snippet comes from.</summary>
public static class HighlightFields
{
    public const string FullName = "fullName";
    public const string OtherNames = "otherNames";
    public const string Headline = "headline";
    public const string Affiliation = "affiliation";
    public const string Keywords = "keywords";
    public const string Bio = "bio";
    public const string Publications = "publications";
}
