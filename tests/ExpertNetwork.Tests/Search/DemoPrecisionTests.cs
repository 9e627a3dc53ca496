using ExpertNetwork.Demo;
using ExpertNetwork.Experts;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Lucene;
using ExpertNetwork.Tests.Support;
using ExpertNetwork.Text;

namespace ExpertNetwork.Tests.Search;

/// <summary>
/// Issue 11's check on the README's first directory (<c>expertnet demo</c>: 5,000 generated, default seed): a
/// recruiter's "an ninh mạng" counts the cybersecurity experts, not everyone with "an" or "mạng" in a bio.
/// </summary>
public sealed class DemoPrecisionTests
{
    private static readonly string[] Wordings = ["an ninh mang", "cybersecurity", "cyber security", "network security"];

    [Fact]
    public async Task An_ninh_mang_counts_the_cybersecurity_experts_and_every_hit_of_five_pages_shows_the_concept()
    {
        var experts = DemoDirectory.Generate(5_000).ToList();
        var listed = experts.Where(e => e.Consent.Listed).ToDictionary(e => e.Id);
        // The 956 counts every generated cybersecurity expert; 902 of them are listed (searchable).
        var cybersecurity = experts.Count(e => e.Fields.Contains("cybersecurity"));
        Assert.Equal(4_739, listed.Count);
        Assert.Equal(956, cybersecurity);

        using var folder = new TempDirectory();
        await using var index = new LuceneSearchIndex(folder.Path, new LuceneIndexOptions { RamBufferSizeMB = 64 });
        await index.EnsureCreatedAsync();
        await index.RebuildAsync(experts.ToAsyncEnumerable());

        var result = await index.SearchAsync(new SearchQuery { Text = "an ninh mạng", Size = 100, WithHighlights = false });
        Assert.InRange(result.Total, (long)Math.Ceiling(0.9 * cybersecurity), 1_499);
        Assert.True(result.Facets[FacetNames.Field]["cybersecurity"] >= 0.9 * cybersecurity);
        Assert.Equal(100, result.Hits.Count);
        foreach (var hit in result.Hits)
        {
            Assert.True(ShowsConcept(listed[hit.Id]), $"{hit.Id} ({hit.FullName}) shows no wording of the concept");
        }

        var recall = await index.SearchAsync(new SearchQuery { Text = "an ninh mạng", Size = 1, WithFacets = false, Matching = SearchMatching.Recall });
        Assert.True(recall.Total > 2 * result.Total, "candidate retrieval still matches any clause");
    }

    private static bool ShowsConcept(Expert expert)
    {
        var texts = expert.Keywords.Concat(expert.Fields)
            .Append(expert.Headline).Append(expert.Affiliation).Append(expert.Bio)
            .Concat(expert.Publications.Select(p => $"{p.Title} {p.Venue} {p.Abstract}"))
            .OfType<string>()
            .Select(t => VietnameseText.Fold(VietnameseText.Normalize(t)));
        return texts.Any(t => Wordings.Any(w => t.Contains(w, StringComparison.Ordinal)));
    }
}
