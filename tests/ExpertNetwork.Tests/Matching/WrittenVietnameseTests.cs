using ExpertNetwork.Matching;
using ExpertNetwork.Needs;

namespace ExpertNetwork.Tests.Matching;

/// <summary>
/// A Vietnamese need typed without diacritics is read back into the spellings the directory writes before it is
/// embedded: by the pairs the directory writes first, then by how often each spelling is written.
/// </summary>
public sealed class WrittenVietnameseTests
{
    private static readonly TermStatistics Directory = TermStatistics.Build(
    [
        NeedCoverageTests.Profile("a", "Kỹ sư thiết kế vi mạch bán dẫn", "Thiết kế vi mạch tương tự công suất thấp", "Bạn bè và bạn học cùng nhóm đo kiểm chip."),
        NeedCoverageTests.Profile("b", "Nhà nghiên cứu an ninh mạng", "Phát hiện xâm nhập cho mạng của tỉnh", "Bạn đọc sẽ thấy bạn đồng hành của hệ thống."),
        NeedCoverageTests.Profile("c", "Network engineer", "Routing in rural networks", "Measurements of network delay."),
    ]);

    [Theory]
    [InlineData("thiet ke vi mach ban dan", "thiết kế vi mạch bán dẫn")]
    [InlineData("ban be", "bạn bè")]
    [InlineData("an ninh mang, Quy Nhon", "an ninh mạng, quy nhon")]
    [InlineData("phat hien xam nhap: mang cua tinh!", "phát hiện xâm nhập: mạng của tỉnh!")]
    public void A_text_typed_without_diacritics_is_read_back_into_the_directorys_spellings(string typed, string expected)
    {
        Assert.Equal(expected, Directory.Vietnamese.Restore(typed));
    }

    [Fact]
    public void The_pair_the_directory_writes_outweighs_the_more_frequent_spelling()
    {
        // "bạn" is written four times and "bán" once, but only "bán dẫn" is a phrase here.
        Assert.Equal("bạn", Directory.Vietnamese.Restore("ban"));
        Assert.Equal("bán dẫn", Directory.Vietnamese.Restore("ban dan"));
    }

    [Fact]
    public void A_text_with_diacritics_is_left_as_it_is()
    {
        Assert.Equal("Thiết kế vi mạch", Directory.Vietnamese.Restore("Thiết kế vi mạch"));
    }

    [Fact]
    public void Only_a_need_that_reads_as_vietnamese_is_embedded_restored()
    {
        var folded = new Need { Id = "f", Title = "thiet ke vi mach", Description = "ban dan cong suat thap" };
        var english = new Need { Id = "e", Title = "Routing in rural networks", Description = "network delay" };

        Assert.StartsWith("thiết kế vi mạch. bán dẫn công suất thấp", NeedContext.EmbeddingText(folded, Directory));
        Assert.Contains("integrated circuit design", NeedContext.EmbeddingText(folded, Directory));
        Assert.Equal(NeedContext.EmbeddingText(english), NeedContext.EmbeddingText(english, Directory));
        Assert.Equal(NeedContext.EmbeddingText(folded), NeedContext.EmbeddingText(folded, null));
    }

    [Fact]
    public void A_restored_need_embeds_closer_to_its_written_form_than_as_typed()
    {
        using var embedder = new MiniLmEmbedder();
        var written = new Need { Id = "w", Title = "Thiết kế vi mạch bán dẫn", Description = "Phát hiện xâm nhập cho mạng của tỉnh" };
        var typed = new Need { Id = "t", Title = "thiet ke vi mach ban dan", Description = "phat hien xam nhap cho mang cua tinh" };

        var target = embedder.Embed(NeedContext.EmbeddingText(written));
        var asTyped = VectorMath.Cosine(embedder.Embed(NeedContext.EmbeddingText(typed)), target);
        var restored = VectorMath.Cosine(embedder.Embed(NeedContext.EmbeddingText(typed, Directory)), target);

        Assert.True(restored > asTyped + 0.1, $"restored {restored:F3}, as typed {asTyped:F3}");
    }
}
