using ExpertNetwork.Experts;
using ExpertNetwork.Researchers;

namespace ExpertNetwork.Tests.Researchers;

public sealed class PublicationImportTests
{
    // As Google Scholar and JabRef write them: LaTeX accents for Vietnamese names, nested braces, quotes, @string, #.
    public const string ScholarBib = """
        % Exported from Google Scholar
        @string{jmc = "Journal of Materials Chemistry"}

        @article{nguyen2021perovskite,
          title = {Stable {CH$_3$NH$_3$PbI$_3$} perovskite films for {V}ietnamese rooftops},
          author = {Nguy{\~\^e}n, V{\u a}n {\DJ}ức and Tr{\`\^a}n, Th{\d i} Hoa and Smith, John},
          journal = jmc # " A",
          year = {2021},
          volume = {9},
          doi = {10.1039/D1TA01234B},
          abstract = "We study {\em stable} films -- outdoors."
        }

        @inproceedings{le2019aquaculture,
          title = "Shrimp farming in Quy Nhơn",
          author = "L{\^e} Th{\d i} Mai and {Barnes and Noble}",
          booktitle = {Proceedings of ICISE 2019},
          year = 2019
        }

        @book{pham2015,
          title = {Kinh t{\'\^e} bi{\h\^e}n},
          author = {Ph{\d a}m, Minh},
          publisher = {NXB Khoa h{\d o}c},
          year = {2015}
        }

        @misc{notitle2020, author = {Somebody}, year = {2020}}
        """;

    public const string OrcidWorks = """
        {
          "last-modified-date": {"value": 1700000000000},
          "group": [
            {
              "external-ids": {"external-id": []},
              "work-summary": [
                {
                  "put-code": 101,
                  "title": {"title": {"value": "Deep learning for rice yield in Bình Định"}, "subtitle": null},
                  "external-ids": {"external-id": [
                    {"external-id-type": "issn", "external-id-value": "1234-5678", "external-id-relationship": "part-of"},
                    {"external-id-type": "doi", "external-id-value": "10.1016/J.COMPAG.2022.107000", "external-id-relationship": "self"}
                  ]},
                  "type": "journal-article",
                  "publication-date": {"year": {"value": "2022"}, "month": {"value": "03"}, "day": null},
                  "journal-title": {"value": "Computers and Electronics in Agriculture"}
                },
                {
                  "put-code": 102,
                  "title": {"title": {"value": "Deep learning for rice yield in Binh Dinh (preprint)"}},
                  "publication-date": null,
                  "journal-title": null
                }
              ]
            },
            {
              "work-summary": [
                {"put-code": 103, "title": {"title": {"value": "Coastal erosion models"}}, "publication-date": {"year": {"value": "2018"}}, "journal-title": null, "external-ids": null}
              ]
            }
          ]
        }
        """;

    [Fact]
    public void BibTexEntriesBecomePublicationsWithAccentsVenuesAndAuthors()
    {
        var file = PublicationImport.ParseBibTex(ScholarBib);

        Assert.Empty(file.Errors);
        Assert.Equal(3, file.Entries.Count);
        var article = file.Entries[0].Publication;
        Assert.Equal("Stable CH3NH3PbI3 perovskite films for Vietnamese rooftops", article.Title);
        Assert.Equal(["Nguyễn, Văn Đức", "Trần, Thị Hoa", "Smith, John"], article.Authors);
        Assert.Equal("Journal of Materials Chemistry A", article.Venue);
        Assert.Equal(2021, article.Year);
        Assert.Equal("10.1039/D1TA01234B", article.Doi);
        Assert.Equal("We study stable films – outdoors.", article.Abstract);
        var paper = file.Entries[1].Publication;
        Assert.Equal("Proceedings of ICISE 2019", paper.Venue);
        Assert.Equal(["Lê Thị Mai", "Barnes and Noble"], paper.Authors);
        Assert.Equal(2019, paper.Year);
        Assert.Equal(("Kinh tế biển", "NXB Khoa học"), (file.Entries[2].Publication.Title, file.Entries[2].Publication.Venue));
        Assert.Equal(["entry 4 (key notitle2020): no title"], file.Skipped);
    }

    [Fact]
    public void TheLatexAccentsVietnameseNamesUseComposeToSingleCharacters()
    {
        var file = PublicationImport.ParseBibTex("@article{k, title = {x}, author = {Nguy{\\~\\^e}n {\\DJ}{\\u{a}}ng Kh{\\'o}a and Hu{\\`y}nh {\\~N}}}");

        Assert.Equal(["Nguyễn Đăng Khóa", "Huỳnh Ñ"], file.Entries[0].Publication.Authors);
        Assert.All(file.Entries[0].Publication.Authors, a => Assert.True(a.IsNormalized()));
    }

    [Fact]
    public void AnUnreadableYearIsAnErrorNamingTheEntryKeyAndField()
    {
        var file = PublicationImport.ParseBibTex("""
            @article{a2020, title = {One}, year = {2020}}
            @article{b2021, title = {Two}, year = {2021}}
            @article{smith2020, title = {Three}, year = {abc}}
            @article{old1850, title = {Four}, year = {1850}}
            """);

        Assert.Equal(["entry 3 (key smith2020): year: 'abc' is not a year", "entry 4 (key old1850): year: 1850 is outside 1900–2100"], file.Errors);
    }

    [Fact]
    public void AnUnclosedEntryIsAnErrorNamingItAndTheLine()
    {
        var file = PublicationImport.ParseBibTex("@article{ok, title = {Fine}}\n\n@article{broken,\n  title = {Never closed\n");

        var error = Assert.Single(file.Errors);
        Assert.StartsWith("entry 2 (key broken): title: the '{' at line 4 is never closed", error);
    }

    [Fact]
    public void OrcidWorksTakeThePreferredSummaryOfEachGroupAndItsSelfDoi()
    {
        var file = PublicationImport.Parse(OrcidWorks);

        Assert.Empty(file.Errors);
        Assert.Equal(2, file.Entries.Count);
        var first = file.Entries[0].Publication;
        Assert.Equal(("Deep learning for rice yield in Bình Định", 2022, "Computers and Electronics in Agriculture", "10.1016/J.COMPAG.2022.107000"), (first.Title, first.Year, first.Venue, first.Doi));
        Assert.Equal("work 2 (put-code 103)", file.Entries[1].Label);
        Assert.Null(file.Entries[1].Publication.Venue);
    }

    [Fact]
    public void AFullOrcidRecordIsReadThroughItsActivitiesSummary()
    {
        var full = "{\"orcid-identifier\": {\"path\": \"0000-0002-1825-0097\"}, \"activities-summary\": {\"works\": " + OrcidWorks + "}}";

        Assert.Equal(2, PublicationImport.Parse(full).Entries.Count);
    }

    [Fact]
    public void JsonThatIsNotAnOrcidExportIsRefusedWithTheReason()
    {
        Assert.Contains("expected the works list", Assert.Single(PublicationImport.Parse("{\"works\": []}").Errors));
        Assert.Contains("not valid JSON", Assert.Single(PublicationImport.Parse("{\"group\": [").Errors));
        Assert.Equal(["work 1 (put-code 7): year: 'soon' is not a year"],
            PublicationImport.Parse("{\"group\":[{\"work-summary\":[{\"put-code\":7,\"title\":{\"title\":{\"value\":\"T\"}},\"publication-date\":{\"year\":{\"value\":\"soon\"}}}]}]}").Errors);
    }

    [Fact]
    public void MergingSkipsPublicationsAlreadyThereByDoiOrTitleAndRepeatsWithinTheFile()
    {
        Publication[] existing =
        [
            new() { Title = "Something else", Doi = "10.1039/d1ta01234b" },
            new() { Title = "Shrimp Farming in QUY NHON!" },
        ];
        var file = PublicationImport.ParseBibTex(ScholarBib + "\n@book{again, title = {KINH TE BIEN}, year = 2016}");

        var merge = PublicationImport.Merge(existing, file.Entries);

        Assert.Equal(["Kinh tế biển"], merge.Added.Select(p => p.Title));
        Assert.Equal(["entry 1 (key nguyen2021perovskite)", "entry 2 (key le2019aquaculture)", "entry 5 (key again)"], merge.AlreadyThere);
    }

    [Fact]
    public void FieldsLongerThanTheSharedFormatAllowsAreErrors()
    {
        var file = PublicationImport.ParseBibTex("@article{long, title = {" + new string('x', 1001) + "}}");

        Assert.Equal(["entry 1 (key long): title: longer than 1000 characters"], file.Errors);
    }
}
