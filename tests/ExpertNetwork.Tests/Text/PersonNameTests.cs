using System.Text;
using ExpertNetwork.Text;

namespace ExpertNetwork.Tests.Text;

public class PersonNameTests
{
    [Theory]
    [InlineData("Nguyễn Văn An", "Nguyễn", "Văn", "An")]
    [InlineData("Nguyễn Thị Minh Khai", "Nguyễn", "Thị Minh", "Khai")]
    [InlineData("Nguyễn An", "Nguyễn", "", "An")]
    [InlineData("Lê Thị Hoà", "Lê", "Thị", "Hoà")]
    [InlineData("Hoàng Văn Thái", "Hoàng", "Văn", "Thái")]
    [InlineData("Nguyễn Huy Hoàng", "Nguyễn", "Huy", "Hoàng")]
    [InlineData("Nguyễn Mai", "Nguyễn", "", "Mai")]
    [InlineData("Lâm Mai", "Lâm", "", "Mai")]
    [InlineData("Trần Nguyễn Hoàng Anh", "Trần", "Nguyễn Hoàng", "Anh")]
    [InlineData("Thích Nhất Hạnh", "Thích", "Nhất", "Hạnh")]
    [InlineData("Nguyen Van An", "Nguyen", "Van", "An")]
    [InlineData("Nguyễn  Văn\tAn ", "Nguyễn", "Văn", "An")]
    public void Parse_reads_vietnamese_order_as_family_middle_given(string input, string family, string middle, string given)
    {
        Assert.Equal(new PersonName(family, middle, given), PersonName.Parse(input));
    }

    [Theory]
    [InlineData("Hoàng Phủ Ngọc Tường", "Hoàng Phủ", "Ngọc", "Tường")]
    [InlineData("Tôn Nữ Thị Ninh", "Tôn Nữ", "Thị", "Ninh")]
    [InlineData("Tôn Thất Thuyết", "Tôn Thất", "", "Thuyết")]
    [InlineData("Công Tằng Tôn Nữ Thị Hoa", "Công Tằng Tôn Nữ", "Thị", "Hoa")]
    [InlineData("Âu Dương Lân", "Âu Dương", "", "Lân")]
    [InlineData("Tư Mã Văn Đức", "Tư Mã", "Văn", "Đức")]
    [InlineData("Gia Cát Lượng", "Gia Cát", "", "Lượng")]
    [InlineData("Nguyễn Phúc Bửu Lộc", "Nguyễn Phúc", "Bửu", "Lộc")]
    [InlineData("Ton Nu Thi Ninh", "Ton Nu", "Thi", "Ninh")]
    [InlineData("TÔN NỮ THỊ NINH", "TÔN NỮ", "THỊ", "NINH")]
    [InlineData("Tôn Nữ", "Tôn", "", "Nữ")]
    public void Parse_keeps_two_syllable_family_names_together(string input, string family, string middle, string given)
    {
        Assert.Equal(new PersonName(family, middle, given), PersonName.Parse(input));
    }

    [Theory]
    [InlineData("An Nguyen", "Nguyen", "", "An")]
    [InlineData("Duc V. Nguyen", "Nguyen", "V.", "Duc")]
    [InlineData("An Van Nguyen", "Nguyen", "Van", "An")]
    [InlineData("Van An Nguyen", "Nguyen", "An", "Van")]
    [InlineData("D. V. Nguyen", "Nguyen", "V.", "D.")]
    [InlineData("Mai Nguyen", "Nguyen", "", "Mai")]
    [InlineData("Hoàng Nguyễn", "Nguyễn", "", "Hoàng")]
    [InlineData("Trân Nguyễn", "Nguyễn", "", "Trân")]
    [InlineData("Jean-Pierre Nguyen", "Nguyen", "", "Jean-Pierre")]
    [InlineData("Anh Tran-Nguyen", "Tran-Nguyen", "", "Anh")]
    [InlineData("Tường Hoàng Phủ", "Hoàng Phủ", "", "Tường")]
    [InlineData("Hoang Phu Nguyen", "Nguyen", "Phu", "Hoang")]
    [InlineData("Mai LAM", "LAM", "", "Mai")]
    [InlineData("Jean DUPONT", "DUPONT", "", "Jean")]
    [InlineData("AN NGUYEN", "NGUYEN", "", "AN")]
    public void Parse_recognises_western_order_by_a_family_name_at_the_end(string input, string family, string middle, string given)
    {
        Assert.Equal(new PersonName(family, middle, given), PersonName.Parse(input));
    }

    [Theory]
    [InlineData("Nguyen, Duc V.", "Nguyen", "V.", "Duc")]
    [InlineData("Nguyen, V. Duc", "Nguyen", "V.", "Duc")]
    [InlineData("Nguyễn, Văn An", "Nguyễn", "Văn", "An")]
    [InlineData("Hoàng Phủ, Ngọc Tường", "Hoàng Phủ", "Ngọc", "Tường")]
    [InlineData("Nguyen, An, PhD", "Nguyen", "", "An")]
    [InlineData("An Nguyen, Quy Nhon", "Nguyen", "", "An")]
    public void Parse_reads_citation_order_with_the_family_name_before_a_comma(string input, string family, string middle, string given)
    {
        Assert.Equal(new PersonName(family, middle, given), PersonName.Parse(input));
    }

    [Theory]
    [InlineData("PGS.TS. Nguyễn Văn An", "Nguyễn", "Văn", "An")]
    [InlineData("GS. TSKH. Trần Văn Bình", "Trần", "Văn", "Bình")]
    [InlineData("ThS Lê Thị Cúc", "Lê", "Thị", "Cúc")]
    [InlineData("Dr. An Nguyen, PhD", "Nguyen", "", "An")]
    [InlineData("Assoc. Prof. Dr. Lan Tran", "Tran", "", "Lan")]
    [InlineData("An Nguyen PhD", "Nguyen", "", "An")]
    [InlineData("Nguyen M.D.", "Nguyen", "", "M.D.")]
    [InlineData("Nguyễn Văn An (Andy)", "Nguyễn", "Văn", "An")]
    [InlineData("An \"Andy\" Nguyen", "Nguyen", "", "An")]
    [InlineData("\"Nguyễn Văn An\"", "Nguyễn", "Văn", "An")]
    [InlineData("Nguyễn-Văn-An", "Nguyễn", "Văn", "An")]
    public void Parse_drops_titles_degrees_and_nicknames(string input, string family, string middle, string given)
    {
        Assert.Equal(new PersonName(family, middle, given), PersonName.Parse(input));
    }

    [Fact]
    public void Parse_splits_at_a_zero_width_space_and_ignores_a_soft_hyphen()
    {
        Assert.Equal(new PersonName("Nguyễn", "", "VănAn"), PersonName.Parse("Nguyễn\u200BVăn\u00ADAn"));
    }

    [Fact]
    public void Parse_composes_decomposed_input_without_moving_its_tone_marks()
    {
        var name = PersonName.Parse("Nguye\u0302\u0303n Thi\u0323 Hoa\u0300");

        Assert.Equal(new PersonName("Nguyễn", "Thị", "Hoà"), name);
        Assert.True(name.Family.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void Parse_recognises_a_decomposed_two_syllable_family_name()
    {
        Assert.Equal(
            new PersonName("Hoàng Phủ", "Ngọc", "Tường"),
            PersonName.Parse("Hoa\u0300ng Phu\u0309 Ngo\u0323c Tu\u031Bo\u031B\u0300ng"));
    }

    [Theory]
    [InlineData("An", "An")]
    [InlineData("Nguyễn", "Nguyễn")]
    [InlineData("V.", "V.")]
    [InlineData("Jean-Pierre", "Jean-Pierre")]
    [InlineData("  An  ", "An")]
    public void Parse_takes_a_single_token_as_the_given_name(string input, string given)
    {
        Assert.Equal(new PersonName("", "", given), PersonName.Parse(input));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("...")]
    [InlineData(", ,")]
    [InlineData("- -")]
    [InlineData("PGS.TS.")]
    [InlineData("()")]
    [InlineData("123 456")]
    public void Parse_gives_the_empty_name_when_there_is_no_name(string input)
    {
        Assert.Equal(PersonName.Empty, PersonName.Parse(input));
    }

    [Fact]
    public void Parse_gives_the_empty_name_for_null()
    {
        Assert.Equal(PersonName.Empty, PersonName.Parse(null!));
    }

    [Fact]
    public void Parse_never_throws_on_arbitrary_text()
    {
        string[] pieces =
        [
            "Nguyễn", "Văn", "An", "Tôn", "Nữ", "Hoàng", "Phủ", "Công", "Tằng", "V.", "D.V.", "Dr.", "PhD",
            "PGS.TS.", ",", ".", "-", "(", ")", "[", "\"", "“", " ", "  ", "\t", "\u200B", "\u0301", "\u0323",
            "\uD800", "\uDC00", "\uFFFE", "\uD83D\uDE00", "Ð", "đ", "Zoé", "김", "'", "—", "0",
        ];
        var random = new Random(20250701);
        for (var round = 0; round < 5000; round++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => pieces[random.Next(pieces.Length)]));

            var name = PersonName.Parse(text);
            var variants = name.OrderVariants();
            var withWritten = VietnameseText.NameVariants(text);

            Assert.NotNull(name.Family);
            Assert.NotNull(name.Middle);
            Assert.NotNull(name.Given);
            Assert.All(variants, v => Assert.NotEqual("", v));
            Assert.Equal(withWritten.Count, withWritten.Distinct().Count());
        }
    }

    [Theory]
    [InlineData("Nguyễn Văn An")]
    [InlineData("Hoàng Phủ Ngọc Tường")]
    [InlineData("Tường Hoàng Phủ")]
    [InlineData("Duc V. Nguyen")]
    [InlineData("Van An Nguyen")]
    [InlineData("Hoang Phu Nguyen")]
    [InlineData("Mai LAM")]
    [InlineData("Anh Tran-Nguyen")]
    [InlineData("Nguyen, Duc V.")]
    public void Parse_reads_the_vietnamese_order_variant_back_to_the_same_name(string input)
    {
        var name = PersonName.Parse(input);

        Assert.Equal(name, PersonName.Parse(name.OrderVariants()[0]));
    }

    [Fact]
    public void OrderVariants_lists_diacritic_spellings_first_then_folded_title_case_ones()
    {
        Assert.Equal(
            [
                "Nguyễn Văn An", "An Nguyễn", "An Văn Nguyễn", "Văn An", "Nguyễn An", "An V. Nguyễn",
                "Nguyen Van An", "An Nguyen", "An Van Nguyen", "Van An", "Nguyen An", "An V. Nguyen",
            ],
            PersonName.Parse("Nguyễn Văn An").OrderVariants());
    }

    [Fact]
    public void OrderVariants_keep_a_two_syllable_family_name_together()
    {
        Assert.Equal(
            [
                "Hoàng Phủ Ngọc Tường", "Tường Hoàng Phủ", "Tường Ngọc Hoàng Phủ", "Ngọc Tường", "Hoàng Phủ Tường",
                "Tường N. Hoàng Phủ",
                "Hoang Phu Ngoc Tuong", "Tuong Hoang Phu", "Tuong Ngoc Hoang Phu", "Ngoc Tuong", "Hoang Phu Tuong",
                "Tuong N. Hoang Phu",
            ],
            PersonName.Parse("Hoàng Phủ Ngọc Tường").OrderVariants());
    }

    [Fact]
    public void OrderVariants_abbreviate_every_middle_name_and_fold_đ_in_the_initial()
    {
        var variants = PersonName.Parse("Tôn Nữ Thị Đức Ninh").OrderVariants();

        Assert.Contains("Ninh T. Đ. Tôn Nữ", variants);
        Assert.Contains("Ninh T. D. Ton Nu", variants);
        Assert.Contains("Thị Đức Ninh", variants);
        Assert.Contains("Ton Nu Thi Duc Ninh", variants);
    }

    [Fact]
    public void OrderVariants_keep_all_caps_in_the_spelled_variants_and_title_case_the_folded_ones()
    {
        Assert.Equal(
            [
                "NGUYỄN VĂN AN", "AN NGUYỄN", "AN VĂN NGUYỄN", "VĂN AN", "NGUYỄN AN", "AN V. NGUYỄN",
                "Nguyen Van An", "An Nguyen", "An Van Nguyen", "Van An", "Nguyen An", "An V. Nguyen",
            ],
            PersonName.Parse("NGUYỄN VĂN AN").OrderVariants());
    }

    [Fact]
    public void OrderVariants_skip_orders_that_would_start_or_end_with_a_bare_initial()
    {
        Assert.Equal(
            ["Nguyen V. Duc", "Duc Nguyen", "Duc V. Nguyen", "Nguyen Duc"],
            PersonName.Parse("Duc V. Nguyen").OrderVariants());
    }

    [Theory]
    [InlineData("An Nguyen", new[] { "Nguyen An", "An Nguyen" })]
    [InlineData("Nguyễn An", new[] { "Nguyễn An", "An Nguyễn", "Nguyen An", "An Nguyen" })]
    [InlineData("An", new[] { "An" })]
    [InlineData("jean-pierre o'brien", new[] { "jean-pierre o'brien", "o'brien jean-pierre", "Jean-Pierre O'Brien", "O'Brien Jean-Pierre" })]
    public void OrderVariants_are_distinct_and_drop_nothing_but_duplicates(string input, string[] expected)
    {
        Assert.Equal(expected, PersonName.Parse(input).OrderVariants());
    }

    [Fact]
    public void OrderVariants_of_the_empty_name_are_empty()
    {
        Assert.Empty(PersonName.Empty.OrderVariants());
    }

    [Fact]
    public void OrderVariants_of_decomposed_input_are_composed()
    {
        var variants = PersonName.Parse("Nguye\u0302\u0303n Va\u0306n An").OrderVariants();

        Assert.Equal("Nguyễn Văn An", variants[0]);
        Assert.All(variants, v => Assert.True(v.IsNormalized(NormalizationForm.FormC)));
    }

    [Theory]
    [InlineData("Duc V. Nguyen", new[] { "Duc V. Nguyen", "Nguyen V. Duc", "Duc Nguyen", "Nguyen Duc" })]
    [InlineData("An Nguyen", new[] { "An Nguyen", "Nguyen An" })]
    [InlineData("Nguyen, Duc V.", new[] { "Nguyen, Duc V.", "Nguyen V. Duc", "Duc Nguyen", "Duc V. Nguyen", "Nguyen Duc" })]
    [InlineData("PGS.TS.  Nguyễn Văn  An (Andy)", new[]
    {
        "Nguyễn Văn An", "An Nguyễn", "An Văn Nguyễn", "Văn An", "Nguyễn An", "An V. Nguyễn",
        "Nguyen Van An", "An Nguyen", "An Van Nguyen", "Van An", "Nguyen An", "An V. Nguyen",
    })]
    [InlineData("", new string[0])]
    public void NameVariants_start_with_the_name_as_written_without_titles_or_nicknames(string input, string[] expected)
    {
        Assert.Equal(expected, VietnameseText.NameVariants(input));
    }
}
