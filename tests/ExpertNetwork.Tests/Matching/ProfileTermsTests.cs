using ExpertNetwork.Experts;
using ExpertNetwork.Matching;
using ExpertNetwork.Needs;

namespace ExpertNetwork.Tests.Matching;

/// <summary>A profile's terms as matching reads them: counts per field, and one shared copy of each directory term.</summary>
public sealed class ProfileTermsTests
{
    private static readonly Expert Expert = new()
    {
        Id = "a",
        FullName = "Lê Văn An",
        Headline = "Kỹ sư an ninh mạng",
        Keywords = ["network security", "phát hiện xâm nhập"],
        Publications =
        [
            new Publication { Title = "Network intrusion detection", Abstract = "Intrusion detection with deep learning. Detection rates on network traffic." },
            new Publication { Title = "Malware traffic", Abstract = "Traffic of malware families." },
        ],
    };

    [Fact]
    public void Each_field_counts_its_own_occurrences_and_its_length()
    {
        var statistics = TermStatistics.Build([Expert]);
        var terms = ExpertEvidence.Build(Expert, statistics, classifier: null).Terms;

        Assert.Equal(Count("intrusion", LexicalField.Title), Occurrences(terms, "intrusion", LexicalField.Title));
        Assert.Equal(1, Occurrences(terms, "intrusion", LexicalField.Title));
        Assert.Equal(1, Occurrences(terms, "intrusion", LexicalField.Abstract));
        Assert.Equal(2, Occurrences(terms, "traffic", LexicalField.Abstract));
        Assert.Equal(1, Occurrences(terms, "traffic", LexicalField.Title));
        Assert.Equal(0, Occurrences(terms, "traffic", LexicalField.Keywords));
        Assert.True(Occurrences(terms, "security", LexicalField.Keywords) >= 1);
        foreach (var field in Enum.GetValues<LexicalField>())
        {
            Assert.Equal(Length(field), terms.Length(field));
        }

        Assert.True(terms.Contains("malware"));
        Assert.False(terms.Contains("blockchain"));
        Assert.True(terms.Find("blockchain") < 0);
    }

    [Fact]
    public void A_count_past_what_two_bytes_hold_stays_at_their_maximum_while_the_length_is_exact()
    {
        var repeated = Expert with { Publications = [new Publication { Title = "Malware", Abstract = string.Join(' ', Enumerable.Repeat("malware", 70_000)) }] };
        var terms = ExpertEvidence.Build(repeated, TermStatistics.Build([repeated]), classifier: null).Terms;

        Assert.Equal(ushort.MaxValue, Occurrences(terms, "malware", LexicalField.Abstract));
        Assert.Equal(1, Occurrences(terms, "malware", LexicalField.Title));
        Assert.Equal(70_000, terms.Length(LexicalField.Abstract));
    }

    [Fact]
    public void Profiles_share_the_directory_copy_of_a_term()
    {
        var twin = Expert with { Id = "b" };
        var statistics = TermStatistics.Build([Expert, twin]);
        var first = ExpertEvidence.Build(Expert, statistics, classifier: null);
        var second = ExpertEvidence.Build(twin, statistics, classifier: null);

        var term = first.Publications[0].Vector.Ranks.Select(first.Terms.Term).First(t => t.Length > 5);
        var other = second.Publications[0].Vector.Ranks.Select(second.Terms.Term).First(t => t == term);
        Assert.Same(term, other);
        Assert.Same(term, statistics.Known(new string(term.AsSpan())));
        Assert.Null(statistics.Known("zyzzogeton"));
    }

    [Fact]
    public void A_profiles_vectors_are_the_tf_idf_vectors_of_its_texts_and_its_centroid_their_mean()
    {
        var other = new Expert
        {
            Id = "b", FullName = "Trần Thị Bình", Keywords = ["học máy"],
            Publications = [new Publication { Title = "Deep learning", Abstract = "Learning of networks." }, new Publication { Title = "", Abstract = "" }],
        };
        var statistics = TermStatistics.Build([Expert, other]);
        var need = TermVector.From(MatchText.Terms("deep learning networks for malware detection"), statistics).ToDictionary();
        var needContext = NeedContext.Build(new Need { Id = "n", Kind = "project", Title = "deep learning networks for malware detection" }, statistics, embedding: null, classifier: null);
        Assert.Equal(need, needContext.Vector);
        foreach (var expert in new[] { Expert, other })
        {
            var evidence = ExpertEvidence.Build(expert, statistics, classifier: null);

            var expected = expert.Publications.Select(p => TermVector.From(MatchText.Terms(p.Title).Concat(MatchText.Terms(p.Abstract)), statistics)).ToList();
            for (var i = 0; i < expected.Count; i++)
            {
                AssertSame(expected[i], evidence.Publications[i].Vector, evidence.Terms);
            }

            AssertSame(TermVector.From(MatchText.Terms(string.Join(" ; ", expert.Keywords)).Concat(MatchText.Terms(ExpertEvidence.ProfileText(expert))), statistics), evidence.Profile, evidence.Terms);

            var sum = new Dictionary<string, double>();
            foreach (var vector in expected)
            {
                for (var i = 0; i < vector.Terms.Length; i++)
                {
                    sum[vector.Terms[i]] = sum.GetValueOrDefault(vector.Terms[i]) + vector.Weights[i];
                }
            }

            var length = Math.Sqrt(sum.Values.Sum(w => w * w));
            Assert.Equal(length, evidence.CentroidLength, 1e-9);
            var centroidDot = sum.Sum(t => need.GetValueOrDefault(t.Key) * t.Value / length);
            Assert.True(centroidDot > 0);
            Assert.Equal(centroidDot, evidence.CentroidDot(evidence.Publications.Select(p => p.Vector.Dot(needContext, evidence.Terms)).ToArray()), 1e-6);
        }

        static void AssertSame(TermVector expected, ProfileVector actual, ProfileTerms terms)
        {
            Assert.Equal(expected.Terms, actual.Ranks.Select(terms.Term));
            Assert.Equal(expected.Weights, actual.Weights);
        }
    }

    [Theory]
    [InlineData("Studies of networks, classes and bases: the analysis of viruses")]
    [InlineData("Nghiên cứu mạng nơ-ron cho các hệ thống an ninh mạng; Đánh giá")]
    [InlineData("")]
    public void Terms_given_from_the_directory_are_the_terms_a_plain_reading_gives(string text)
    {
        var statistics = TermStatistics.Build([Expert with { Bio = text }]);

        var plain = MatchText.Terms(text);
        var shared = MatchText.Terms(text, statistics);

        Assert.Equal(plain, shared);
        Assert.All(shared, term => Assert.Same(statistics.Known(term), term));
    }

    private static int Occurrences(ProfileTerms terms, string term, LexicalField field)
    {
        var index = terms.Find(term);
        return index < 0 ? 0 : terms.Count(index, field);
    }

    private static int Count(string term, LexicalField field) => FieldTerms(field).Count(t => t == term);

    private static int Length(LexicalField field) => FieldTerms(field).Count;

    private static List<string> FieldTerms(LexicalField field) => field switch
    {
        LexicalField.Title => Expert.Publications.SelectMany(p => MatchText.Terms(p.Title)).ToList(),
        LexicalField.Abstract => Expert.Publications.SelectMany(p => MatchText.Terms(p.Abstract)).ToList(),
        LexicalField.Keywords => MatchText.Terms(string.Join(" ; ", Expert.Keywords)),
        _ => MatchText.Terms(ExpertEvidence.ProfileText(Expert)),
    };
}
