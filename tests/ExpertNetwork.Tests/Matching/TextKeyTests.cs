using System.Security.Cryptography;
using System.Text;
using ExpertNetwork.Demo;
using ExpertNetwork.Matching;
using ExpertNetwork.Text;

namespace ExpertNetwork.Tests.Matching;

/// <summary>
/// Text keys are stored in embeddings.bin beside their vectors, so a key must never change, and one text typed in
/// different ways must get one key (one vector, embedded once).
/// </summary>
public sealed class TextKeyTests
{
    [Fact]
    public void A_key_is_the_first_128_bits_of_the_sha256_of_the_words_joined_by_one_space()
    {
        // The first two 64-bit words, little-endian, of SHA-256("Low-power analog front-end"), computed with Python's hashlib.
        Assert.Equal(new TextKey(14454475146466956879UL, 13701668701563491861UL), TextKey.Of("  Low-power\nanalog\u00A0 front-end\t"));
    }

    [Theory]
    [InlineData("Thiết kế vi mạch", "  Thiết\tkế\r\nvi\u3000mạch ")]
    [InlineData("hòa bình, khỏe mạnh", "hoà bình, khoẻ mạnh")]
    public void The_same_words_typed_differently_get_one_key(string typed, string other)
    {
        Assert.Equal(TextKey.Of(typed), TextKey.Of(other));
        Assert.Equal(TextKey.Of(typed), TextKey.Of(typed.Normalize(NormalizationForm.FormD)));
    }

    [Fact]
    public void Different_words_get_different_keys()
    {
        Assert.NotEqual(TextKey.Of("Low-power analog front-end"), TextKey.Of("Low-power analogue front-end"));
        Assert.NotEqual(TextKey.Of("phở"), TextKey.Of("phổ"));
    }

    [Fact]
    public void Every_key_is_the_hash_of_the_normalised_words_joined_as_split_and_joined_strings_would_be()
    {
        var texts = DemoDirectory.Generate(60, seed: 7).SelectMany(e => e.Publications.Select(ExpertEvidence.PublicationText).Append(ExpertEvidence.ProfileText(e)))
            .Concat(["", " ", "\t\r\n", "x", " x ", "a\u2028b\u0085c", "tail \uD83D\uDE00 emoji", "lone \uD800 surrogate", "\uDC00", "Nguye\u0302\u0303n  Va\u0306n"])
            .ToList();

        Assert.All(texts, text => Assert.Equal(SplitAndJoined(text), TextKey.Of(text)));
    }

    private static TextKey SplitAndJoined(string text)
    {
        var words = string.Join(' ', VietnameseText.Normalize(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(words));
        return new TextKey(BitConverter.ToUInt64(hash, 0), BitConverter.ToUInt64(hash, 8));
    }
}
