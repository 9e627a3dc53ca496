using ExpertNetwork.Cli;
using ExpertNetwork.Demo;
using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Needs;
using ExpertNetwork.Tests.Support;

namespace ExpertNetwork.Tests.Matching;

/// <summary>
/// MiniLM, an English model, puts Vietnamese texts near each other whatever their subject; the shift takes the
/// language's offset off a Vietnamese text's vector so that nearness means the subject again.
/// </summary>
public sealed class VietnameseShiftTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private static readonly string[] OffTopicVietnamese =
        ["bán đất nền Quy Nhơn giá rẻ", "quán cà phê view đẹp", "cho thuê xe máy", "cắt tóc nam đẹp", "kết quả xổ số hôm nay"];

    [Theory]
    [InlineData("Bảo mật hệ thống thông tin cho cơ quan nhà nước", 1.0)]
    [InlineData("Security operations centre for the province's e-government", 0.0)]
    [InlineData("A café-based survey of reading habits among students in three provinces of the country, carried out by Nguyễn's group", 0.0)]
    [InlineData("ban dat nen Quy Nhon gia re", 0.0)]
    [InlineData("Trí tuệ nhân tạo. artificial intelligence, machine learning, deep learning, computer vision", 0.467)]
    [InlineData("", 0.0)]
    public void How_Vietnamese_a_text_is_counts_its_words_written_with_Vietnamese_letters(string text, double expected)
    {
        Assert.Equal(expected, VietnameseShift.Weight(text), 3);
    }

    [Fact]
    public void The_shipped_offset_has_one_finite_number_per_dimension()
    {
        var offset = VietnameseShift.Offset;

        Assert.Equal(MiniLmEmbedder.Dimensions, offset.Length);
        Assert.All(offset, v => Assert.True(float.IsFinite(v)));
        Assert.InRange(Math.Sqrt(offset.Sum(v => (double)v * v)), 0.3, 1.5);
    }

    [Fact]
    public void English_texts_keep_the_models_own_vectors_and_Vietnamese_ones_lose_the_languages_offset()
    {
        using var shifted = new MiniLmEmbedder();
        using var own = new MiniLmEmbedder(shiftVietnamese: false);
        const string english = "Coastal erosion monitoring with satellite imagery";
        const string vietnamese = "Năng lượng tái tạo cho lưới điện của tỉnh";

        Assert.Equal(own.Embed(english), shifted.Embed(english));

        var expected = own.Embed(vietnamese);
        VietnameseShift.Apply(expected, 1);
        var actual = shifted.Embed(vietnamese);
        Assert.True(VectorMath.Cosine(expected, actual) > 0.9999);
        Assert.Equal(1.0, Math.Sqrt(actual.Sum(x => (double)x * x)), 4);
        Assert.True(VectorMath.Cosine(own.Embed(vietnamese), actual) < 0.9, "the shift moved the Vietnamese vector");
    }

    [Fact]
    public void Off_topic_Vietnamese_needs_stop_looking_close_to_Vietnamese_profiles_while_real_ones_stay_close()
    {
        // Profiles as they are embedded: their own words plus English glosses of the glossary's Vietnamese terms, which
        // is what a Vietnamese need meets an expert on by meaning; MiniLM reads little of the subject of a Vietnamese
        // text without them, shifted or not.
        var profiles = DemoDirectory.Generate(300).Select(ExpertEvidence.ProfileEmbeddingText)
            .Where(t => VietnameseShift.Weight(t) >= 0.5).Distinct().Take(80).ToArray();
        using var shifted = new MiniLmEmbedder();
        using var own = new MiniLmEmbedder(shiftVietnamese: false);
        var profilesShifted = shifted.Embed(profiles);
        var profilesOwn = own.Embed(profiles);

        static double Closest(MiniLmEmbedder embedder, float[][] profiles, string need)
        {
            var vector = embedder.Embed(NeedContext.EmbeddingText(new Need { Id = "need", Kind = "project", Title = need }));
            return profiles.Max(p => VectorMath.Cosine(vector, p));
        }

        var offTopicOwn = OffTopicVietnamese.Max(n => Closest(own, profilesOwn, n));
        var offTopicShifted = OffTopicVietnamese.Max(n => Closest(shifted, profilesShifted, n));
        var realShifted = new[] { "Năng lượng tái tạo", "Nuôi tôm công nghệ cao", "Trí tuệ nhân tạo" }.Min(n => Closest(shifted, profilesShifted, n));

        Assert.True(offTopicOwn > 0.5, $"unshifted, an off-topic need reaches {offTopicOwn:F2}: the shift would have nothing to fix");
        Assert.True(offTopicShifted < offTopicOwn - 0.15, $"off-topic closest {offTopicOwn:F2} unshifted, {offTopicShifted:F2} shifted");
        Assert.True(realShifted > offTopicShifted + 0.1, $"real needs' closest at least {realShifted:F2}, off-topic up to {offTopicShifted:F2}");
    }

    [Fact]
    public async Task The_shipped_offset_is_what_fitting_it_on_the_demo_directory_gives()
    {
        var path = _directory.File("shift.txt");
        var output = new StringWriter();
        var exit = await CliRunner.RunAsync(CliApp.Root(), ["fit-vietnamese-shift", "--experts", "300", "--out", path], output, new StringWriter());

        Assert.Equal(ExitCodes.Ok, exit);
        using var file = File.OpenRead(path);
        var fitted = VietnameseShift.Read(file);
        var agreement = VectorMath.Cosine(fitted, VietnameseShift.Offset);
        Assert.True(agreement > 0.95, $"cosine {agreement:F3} between the offset fitted on 300 demo experts and the shipped one; {output}");
    }

    [Fact]
    public void A_Vietnamese_publication_is_embedded_with_English_glosses_and_an_English_one_as_written()
    {
        var vietnamese = new Publication { Title = "Ứng dụng học sâu trong an ninh mạng", Abstract = "Bài báo đề xuất phát hiện xâm nhập." };
        var english = new Publication { Title = "Deep learning for intrusion detection", Abstract = "We detect intrusions." };

        var glossed = ExpertEvidence.PublicationEmbeddingText(vietnamese);

        Assert.StartsWith(ExpertEvidence.PublicationText(vietnamese), glossed);
        Assert.Contains("deep learning", glossed);
        Assert.Contains("cybersecurity", glossed);
        Assert.Contains("intrusion detection", glossed);
        Assert.Equal(ExpertEvidence.PublicationText(english), ExpertEvidence.PublicationEmbeddingText(english));
    }

    [Fact]
    public void Fitting_needs_texts_of_both_languages()
    {
        var error = Assert.Throws<ArgumentException>(() => VietnameseShift.Fit([([1f, 0f], 1), ([0f, 1f], 1)]));

        Assert.Contains("both English and Vietnamese", error.Message);
    }

    public void Dispose() => _directory.Dispose();
}
