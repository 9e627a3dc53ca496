using System.Text;
using ExpertNetwork.Text;

namespace ExpertNetwork.Tests.Text;

// Inputs that must be decomposed are written with \u escapes so that an editor which recomposes
// on save cannot quietly turn an NFD test into an NFC one.
public class VietnameseTextTests
{
    [Theory]
    [InlineData("hoà", "hòa")]
    [InlineData("hoá", "hóa")]
    [InlineData("hoả", "hỏa")]
    [InlineData("hoã", "hõa")]
    [InlineData("hoạ", "họa")]
    [InlineData("thuỷ", "thủy")]
    [InlineData("khoẻ", "khỏe")]
    [InlineData("loè", "lòe")]
    [InlineData("xoẹ", "xọe")]
    [InlineData("tuỳ", "tùy")]
    [InlineData("nguỵ", "ngụy")]
    [InlineData("huỹ", "hũy")]
    [InlineData("Hoà", "Hòa")]
    [InlineData("HOÀ", "HÒA")]
    [InlineData("THUỶ", "THỦY")]
    [InlineData("hOà", "hÒa")]
    [InlineData("HoÀ", "HòA")]
    [InlineData("Khánh Hoà", "Khánh Hòa")]
    [InlineData("Thanh Hoá", "Thanh Hóa")]
    [InlineData("Đoá", "Đóa")]
    [InlineData("oà khóc", "òa khóc")]
    [InlineData("uỷ ban", "ủy ban")]
    [InlineData("Hoà-Bình", "Hòa-Bình")]
    [InlineData("Thuỷ, Hoà.", "Thủy, Hòa.")]
    [InlineData("Hoà2", "Hòa2")]
    public void Normalize_puts_the_tone_of_an_open_oa_oe_uy_rhyme_on_the_first_vowel(string input, string expected)
    {
        Assert.Equal(expected, VietnameseText.Normalize(input));
    }

    [Theory]
    [InlineData("hòa")]
    [InlineData("thủy")]
    [InlineData("khỏe")]
    [InlineData("HÒA")]
    [InlineData("Nguyễn Thị Thủy Hòa")]
    public void Normalize_leaves_old_style_placement_as_it_is(string input)
    {
        Assert.Equal(input, VietnameseText.Normalize(input));
    }

    [Theory]
    [InlineData("hoàng")]
    [InlineData("toán")]
    [InlineData("ngoài")]
    [InlineData("xoáy")]
    [InlineData("ngoáo")]
    [InlineData("thuyền")]
    [InlineData("khuya")]
    [InlineData("khuỷu")]
    [InlineData("huỳnh")]
    [InlineData("hoạch")]
    [InlineData("hoặc")]
    [InlineData("ngoặt")]
    [InlineData("loằng")]
    [InlineData("ngoẻo")]
    [InlineData("HOÀNG")]
    public void Normalize_leaves_closed_and_longer_rhymes_alone(string input)
    {
        Assert.Equal(input, VietnameseText.Normalize(input));
    }

    [Theory]
    [InlineData("quý")]
    [InlineData("quỳ")]
    [InlineData("quỷ")]
    [InlineData("quỹ")]
    [InlineData("quỵ")]
    [InlineData("Quỳnh")]
    [InlineData("QUÝ")]
    public void Normalize_leaves_qu_followed_by_y_alone_because_the_u_belongs_to_the_onset(string input)
    {
        Assert.Equal(input, VietnameseText.Normalize(input));
    }

    [Theory]
    [InlineData("Zoé")]
    [InlineData("Chloé")]
    [InlineData("Sloà")]
    public void Normalize_leaves_words_whose_onset_is_not_vietnamese_alone(string input)
    {
        Assert.Equal(input, VietnameseText.Normalize(input));
    }

    [Theory]
    [InlineData("hoa\u0300", "hòa")]
    [InlineData("Thuy\u0309", "Thủy")]
    [InlineData("HOA\u0300", "HÒA")]
    [InlineData("kho\u0309e", "khỏe")]
    [InlineData("hoa\u0300ng", "hoàng")]
    [InlineData("Nguye\u0302\u0303n Va\u0306n Hoa\u0300", "Nguyễn Văn Hòa")]
    [InlineData("Vie\u0323\u0302t", "Việt")]
    [InlineData("Vie\u0302\u0323t", "Việt")]
    [InlineData("hoa\u0323\u0306c", "hoặc")]
    [InlineData("hoa\u0306\u0323c", "hoặc")]
    [InlineData("no\u0323\u0302i", "nội")]
    [InlineData("tho\u031B\u0323", "thợ")]
    [InlineData("quy\u0301", "quý")]
    [InlineData("\u0110a\u0300 Na\u0306\u0303ng", "Đà Nẵng")]
    public void Normalize_composes_decomposed_input_with_any_mark_order(string input, string expected)
    {
        var normalized = VietnameseText.Normalize(input);

        Assert.Equal(expected, normalized);
        Assert.True(normalized.IsNormalized(NormalizationForm.FormC));
    }

    [Theory]
    [InlineData("hoa\u0300", "ho\u0300a")]
    [InlineData("hoa\u0301", "ho\u0301a")]
    [InlineData("hoa\u0309", "ho\u0309a")]
    [InlineData("hoa\u0303", "ho\u0303a")]
    [InlineData("hoa\u0323", "ho\u0323a")]
    [InlineData("HOA\u0301", "HO\u0301A")]
    [InlineData("khoe\u0300", "kho\u0300e")]
    [InlineData("khoe\u0301", "kho\u0301e")]
    [InlineData("khoe\u0309", "kho\u0309e")]
    [InlineData("khoe\u0303", "kho\u0303e")]
    [InlineData("khoe\u0323", "kho\u0323e")]
    [InlineData("KHOE\u0309", "KHO\u0309E")]
    [InlineData("thuy\u0300", "thu\u0300y")]
    [InlineData("thuy\u0301", "thu\u0301y")]
    [InlineData("thuy\u0309", "thu\u0309y")]
    [InlineData("thuy\u0303", "thu\u0303y")]
    [InlineData("thuy\u0323", "thu\u0323y")]
    [InlineData("THUY\u0303", "THU\u0303Y")]
    public void Normalize_moves_each_of_the_five_tones_whatever_the_case(string decomposed, string expectedDecomposed)
    {
        Assert.Equal(expectedDecomposed.Normalize(NormalizationForm.FormC), VietnameseText.Normalize(decomposed));
    }

    [Theory]
    [InlineData("O'Brien, café (2024) — 50% off!")]
    [InlineData("Hòa @ Quy Nhơn: 0256-3822-xxx")]
    [InlineData("東京 서울 Москва")]
    [InlineData("")]
    public void Normalize_keeps_punctuation_digits_and_other_scripts(string input)
    {
        Assert.Equal(input, VietnameseText.Normalize(input));
    }

    [Fact]
    public void Normalize_changes_only_the_syllables_it_corrects_in_mixed_text()
    {
        Assert.Equal(
            "Dr. Lê Thị Hòa (Hoa Kỳ), khỏe — email: hoa@example.com",
            VietnameseText.Normalize("Dr. Lê Thị Hoà (Hoa Kỳ), khoẻ — email: hoa@example.com"));
    }

    [Theory]
    [InlineData("Nguyen Van An")]
    [InlineData("Nguyễn Văn Hòa")]
    [InlineData("Trường Đại học Quy Nhơn")]
    public void Normalize_returns_the_same_instance_when_nothing_changes(string input)
    {
        Assert.Same(input, VietnameseText.Normalize(input));
    }

    [Theory]
    [InlineData("hoà")]
    [InlineData("Nguye\u0302\u0303n Thi\u0323 Thuy\u0309")]
    [InlineData("HOÀ hoàng quý Zoé")]
    public void Normalize_is_idempotent(string input)
    {
        var once = VietnameseText.Normalize(input);

        Assert.Equal(once, VietnameseText.Normalize(once));
    }

    [Fact]
    public void Normalize_keeps_a_lone_surrogate_and_still_normalizes_around_it()
    {
        Assert.Equal("hòa\uD800thủy\uDC00", VietnameseText.Normalize("hoa\u0300\uD800thuỷ\uDC00"));
    }

    [Theory]
    [InlineData("Nguyễn Văn An", "nguyen van an")]
    [InlineData("NGUYỄN VĂN AN", "nguyen van an")]
    [InlineData("Đặng Thị Đào", "dang thi dao")]
    [InlineData("đ", "d")]
    [InlineData("Đ", "d")]
    [InlineData("ĐỖ", "do")]
    [InlineData("Bình Định", "binh dinh")]
    [InlineData("Quy Nhơn", "quy nhon")]
    [InlineData("Ưu Ơn Ấn Ắc", "uu on an ac")]
    [InlineData("hoà", "hoa")]
    [InlineData("hòa", "hoa")]
    [InlineData("Nguye\u0302\u0303n", "nguyen")]
    [InlineData("\u0110a\u0300 Na\u0306\u0303ng", "da nang")]
    [InlineData("\u00D0\u1EB7ng", "dang")]
    [InlineData("Łódź, Øresund", "lodz, oresund")]
    [InlineData("İstanbul", "istanbul")]
    [InlineData("O'Brien-Smith 42", "o'brien-smith 42")]
    [InlineData("", "")]
    public void Fold_strips_every_diacritic_turns_d_with_stroke_into_d_and_lower_cases(string input, string expected)
    {
        Assert.Equal(expected, VietnameseText.Fold(input));
    }

    [Theory]
    [InlineData("김민준")]
    [InlineData("東京")]
    [InlineData("москва")]
    public void Fold_keeps_scripts_without_diacritics_intact(string input)
    {
        Assert.Equal(input, VietnameseText.Fold(input));
    }

    [Theory]
    [InlineData("Thuỷ")]
    [InlineData("Nguye\u0302\u0303n Va\u0306n Hoa\u0300")]
    [InlineData("Đoàn Thị Điểm")]
    public void Fold_agrees_with_folding_the_normalized_text(string input)
    {
        Assert.Equal(VietnameseText.Fold(VietnameseText.Normalize(input)), VietnameseText.Fold(input));
    }

    [Fact]
    public void Fold_keeps_a_lone_surrogate_and_still_folds_around_it()
    {
        Assert.Equal("d\uD800an", VietnameseText.Fold("Đ\uD800Ân"));
    }
}
