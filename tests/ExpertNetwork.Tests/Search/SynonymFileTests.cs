using ExpertNetwork.Experts;
using ExpertNetwork.Search;
using ExpertNetwork.Search.Analysis;
using ExpertNetwork.Search.Lucene;
using ExpertNetwork.Text;

namespace ExpertNetwork.Tests.Search;

public sealed class SynonymFileTests
{
    [Fact]
    public void The_file_has_at_least_150_concept_lines()
    {
        Assert.True(SearchAnalysis.Synonyms.Rules.Count >= 150, $"{SearchAnalysis.Synonyms.Rules.Count} rules");
    }

    [Fact]
    public void Every_rule_pairs_vietnamese_with_english_or_codes()
    {
        var ascii = SearchAnalysis.Synonyms.Rules.Where(r => r.From.All(e => e == VietnameseText.Fold(e))).Select(r => r.LineNumber).ToList();
        Assert.True(ascii.Count < 10, $"rules with no Vietnamese entry at lines {string.Join(", ", ascii)}");
    }

    [Fact]
    public void Entries_are_normalised_and_not_repeated_as_folded_copies()
    {
        foreach (var rule in SearchAnalysis.Synonyms.Rules)
        {
            Assert.Equal(VietnameseText.Normalize(rule.Line), rule.Line);
            Assert.DoesNotContain(rule.From, e => e != VietnameseText.Fold(e) && rule.From.Contains(VietnameseText.Fold(e)));
        }
    }

    [Fact]
    public void Every_field_of_the_vocabulary_has_a_vietnamese_synonym()
    {
        var entries = SearchAnalysis.Synonyms.Rules.SelectMany(r => r.From).ToHashSet();
        Assert.All(Vocabulary.Fields.Where(f => f != "other"), f => Assert.Contains(f, entries));
    }

    [Fact]
    public void The_file_parses_with_the_solr_parser_for_both_chains()
    {
        using var analyzers = new ExpertAnalyzers();
        Assert.NotEmpty(ExpertAnalyzers.Terms(analyzers.FoldedSynonyms, "hoc may"));
    }

    [Theory]
    [InlineData("an ninh, bảo mật,", "empty entry")]
    [InlineData("học máy", "at least two entries")]
    public void A_malformed_line_is_reported_with_its_number(string line, string message)
    {
        var error = Assert.Throws<FormatException>(() => SynonymSet.Parse("# comment\n" + line));
        Assert.Contains("synonyms.txt:2", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Explicit_mappings_only_rewrite_the_left_side()
    {
        var set = SynonymSet.Parse("ml => machine learning");
        Assert.Equal(["ml"], set.Rules[0].From);
        Assert.Equal(["machine learning"], set.Rules[0].To);
    }

    [Theory]
    [InlineData("trí tuệ nhân tạo", "[trí tuệ nhân tạo: trí tuệ nhân tạo | artificial intelligence | ai]")]
    [InlineData("chuyên gia học máy", "chuyên gia [học máy: học máy | machine learning | ml]")]
    [InlineData("adversarial machine learning", "[adversarial machine learning: học máy đối kháng | adversarial machine learning]")]
    [InlineData("trí tuệ", "trí tuệ")]
    public void The_expander_finds_whole_entries_longest_first(string query, string expected)
    {
        using var analyzers = new ExpertAnalyzers();
        var tokens = ExpertAnalyzers.Terms(analyzers.Exact, query);
        var segments = analyzers.ExactExpander.Segment(tokens).Select(s => s.Alternatives is null
            ? tokens[s.Start]
            : $"[{string.Join(' ', tokens.Skip(s.Start).Take(s.Length))}: {string.Join(" | ", s.Alternatives.Select(a => string.Join(' ', a)))}]");
        Assert.Equal(expected, string.Join(' ', segments));
    }
}
