using System.Text;
using ExpertNetwork.Text;

namespace ExpertNetwork.Tests.Text;

// Normalize and Fold answer most text from per-character tables and fall back to ICU for the
// rest. These tests hold the tables to the general path, which the golden tables pin down.
public class VietnameseTextFastPathTests
{
    private const string Alphabet =
        "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"
        + "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
        + "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
        + "\u0300\u0301\u0302\u0303\u0306\u0309\u031B\u0323\u0340\u0341"
        + "  .,-'’“”–—()0123456789ÐðłøßİıçñüöéÆ\u00A0\u2000\u2002\u200B\u00AD"
        + "йЁ김東ά\u0B3E";

    [Fact]
    public void Fold_gives_what_decomposition_gives_for_every_character_the_tables_cover()
    {
        var mismatches = Enumerable.Range(0, 0x2070)
            .Select(c => ((char)c).ToString())
            .Where(s => VietnameseText.Fold(s) != VietnameseText.FoldByDecomposition(s))
            .Select(s => $"U+{(int)s[0]:X4}")
            .ToList();

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Normalize_gives_what_composition_gives_for_every_character_the_tables_cover()
    {
        var mismatches = Enumerable.Range(0, 0x2070)
            .Select(c => ((char)c).ToString())
            .Where(s => VietnameseText.Normalize(s) != VietnameseText.NormalizeByComposition(s))
            .Select(s => $"U+{(int)s[0]:X4}")
            .ToList();

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Fold_and_Normalize_give_what_the_general_path_gives_for_mixed_text()
    {
        var random = new Random(20250701);
        var mismatches = new List<string>();
        for (var round = 0; round < 20_000; round++)
        {
            var text = new string(Enumerable.Range(0, random.Next(1, 16)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
            if (VietnameseText.Fold(text) != VietnameseText.FoldByDecomposition(text)
                || VietnameseText.Normalize(text) != VietnameseText.NormalizeByComposition(text))
            {
                mismatches.Add(string.Join(' ', text.Select(c => $"U+{(int)c:X4}")));
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Normalize_output_is_always_nfc()
    {
        var random = new Random(7);
        for (var round = 0; round < 5_000; round++)
        {
            var text = new string(Enumerable.Range(0, random.Next(1, 16)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());

            Assert.True(VietnameseText.Normalize(text).IsNormalized(NormalizationForm.FormC), text);
        }
    }
}
