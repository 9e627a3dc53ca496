using System.Text.Json.Nodes;
using ExpertNetwork.Experts;
using ExpertNetwork.Tests.Support;

namespace ExpertNetwork.Tests.Experts;

public sealed class ImportExportTests
{
    [Fact]
    public async Task ImportThenExportGivesBackEveryFieldOfEveryRecord()
    {
        using var test = await TestStore.CreateAsync();
        var full = ExpertJson.Serialize(ExpertBuilder.Full());
        var nfd = ExpertJson.Serialize(ExpertBuilder.Full("bd-nfd", "Nguyễn Thị Hoà".Normalize(System.Text.NormalizationForm.FormD)));
        var minimal = """{"id":"m-1","fullName":"An"}""";
        var lines = new[] { full, nfd, minimal, ExpertBuilder.ValidLine(7) };
        await File.WriteAllLinesAsync(test.File("in.jsonl"), lines);

        var result = await new ExpertImporter(test.Store).ImportAsync(test.File("in.jsonl"), new ImportOptions());
        await new ExpertExporter(test.Store).ExportAsync(test.File("out.jsonl"));

        Assert.Empty(result.Errors);
        Assert.Equal(4, result.Created);
        var exported = (await File.ReadAllLinesAsync(test.File("out.jsonl"))).ToDictionary(l => JsonNode.Parse(l)!["id"]!.GetValue<string>());
        foreach (var line in lines)
        {
            var original = JsonNode.Parse(line)!.AsObject();
            var back = JsonNode.Parse(exported[original["id"]!.GetValue<string>()])!.AsObject();
            original.TryAdd("consent", new JsonObject { ["listed"] = true, ["contact"] = false });
            Assert.True(JsonNode.DeepEquals(original, back), $"expected {original.ToJsonString()}\nactual   {back.ToJsonString()}");
        }

        Assert.Contains("Nguyễn Thị Hoà".Normalize(System.Text.NormalizationForm.FormD), exported["bd-nfd"]);
    }

    [Fact]
    public async Task OneInvalidCountryRejectsTheWholeFileNamingLineAndField()
    {
        using var test = await TestStore.CreateAsync();
        var lines = Enumerable.Range(1, 1000).Select(ExpertBuilder.ValidLine).ToList();
        lines.Insert(500, """{"id": "bad-1", "fullName": "Phạm Văn Sai", "country": "Vietnam"}""");
        await File.WriteAllLinesAsync(test.File("mixed.jsonl"), lines);

        var result = await new ExpertImporter(test.Store).ImportAsync(test.File("mixed.jsonl"), new ImportOptions());

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("mixed.jsonl:501: country: ", error.ToString());
        Assert.Contains("Vietnam", error.Message);
        Assert.Equal(0, await test.Store.CountAsync());
    }

    [Fact]
    public async Task SkipInvalidStoresTheValidRecordsAndListsTheRest()
    {
        using var test = await TestStore.CreateAsync();
        var lines = Enumerable.Range(1, 1000).Select(ExpertBuilder.ValidLine).ToList();
        lines.Insert(500, """{"id": "bad-1", "fullName": "Phạm Văn Sai", "country": "Vietnam"}""");
        await File.WriteAllLinesAsync(test.File("mixed.jsonl"), lines);

        var result = await new ExpertImporter(test.Store).ImportAsync(test.File("mixed.jsonl"), new ImportOptions { SkipInvalid = true });

        Assert.Single(result.Errors);
        Assert.Equal(1000, result.Created);
        Assert.Equal(1000, await test.Store.CountAsync());
        Assert.Null(await test.Store.GetAsync("bad-1"));
    }

    [Fact]
    public async Task FailedImportKeepsWhatWasStoredBefore()
    {
        using var test = await TestStore.CreateAsync();
        await test.Store.SaveAsync(ExpertBuilder.Full("t-000001"), "before");
        await File.WriteAllLinesAsync(test.File("update.jsonl"), [ExpertBuilder.ValidLine(1), """{"id": "x", "fullName": ""}"""]);

        var result = await new ExpertImporter(test.Store).ImportAsync(test.File("update.jsonl"), new ImportOptions());

        Assert.Single(result.Errors);
        Assert.Equal(ExpertBuilder.Full().FullName, (await test.Store.GetAsync("t-000001"))!.Expert.FullName);
    }

    [Fact]
    public async Task ReimportingAnIdUpdatesThatExpert()
    {
        using var test = await TestStore.CreateAsync();
        await File.WriteAllLinesAsync(test.File("a.jsonl"), [ExpertBuilder.ValidLine(1)]);
        await File.WriteAllLinesAsync(test.File("b.jsonl"), [ExpertBuilder.ValidLine(1).Replace("Quy Nhơn", "Pleiku")]);
        var importer = new ExpertImporter(test.Store);

        await importer.ImportAsync(test.File("a.jsonl"), new ImportOptions());
        var again = await importer.ImportAsync(test.File("a.jsonl"), new ImportOptions());
        var changed = await importer.ImportAsync(test.File("b.jsonl"), new ImportOptions());

        Assert.Equal(1, again.Unchanged);
        Assert.Equal(1, changed.Updated);
        var stored = (await test.Store.GetAsync("t-000001"))!;
        Assert.Equal("Pleiku", stored.Expert.City);
        Assert.Equal(2, stored.RowVersion);
        Assert.Equal("import:b.jsonl", stored.ChangedBy);
    }

    [Fact]
    public async Task EveryInvalidRecordIsListedAndDuplicatesAreCaught()
    {
        using var test = await TestStore.CreateAsync();
        await File.WriteAllLinesAsync(test.File("bad.jsonl"),
        [
            ExpertBuilder.ValidLine(1),
            "{not json",
            """{"id": "a b", "fullName": "X", "hIndex": -1, "orcid": "0000-0002-1825-0098", "nickname": "y"}""",
            ExpertBuilder.ValidLine(1),
        ]);

        var result = await new ExpertImporter(test.Store).ImportAsync(test.File("bad.jsonl"), new ImportOptions());
        var messages = result.Errors.Select(e => e.ToString()).ToList();

        Assert.Contains(messages, m => m.StartsWith("bad.jsonl:2: json: ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("bad.jsonl:3: id: ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("bad.jsonl:3: hIndex: ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("bad.jsonl:3: orcid: ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("bad.jsonl:3: nickname: unknown field", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("bad.jsonl:4: id: 't-000001' already appears on line 1", StringComparison.Ordinal));
        Assert.Equal(0, await test.Store.CountAsync());
    }

    [Fact]
    public async Task UnlistedProfilesAreStoredButMarked()
    {
        using var test = await TestStore.CreateAsync();
        await File.WriteAllLinesAsync(test.File("u.jsonl"), ["""{"id": "u-1", "fullName": "Võ Thị Ẩn", "consent": {"listed": false}}"""]);

        await new ExpertImporter(test.Store).ImportAsync(test.File("u.jsonl"), new ImportOptions());

        var stored = (await test.Store.GetAsync("u-1"))!;
        Assert.False(stored.Expert.Consent.Listed);
        Assert.False(stored.Expert.Consent.Contact);
    }

    [Fact]
    public async Task CsvWithPublicationsImportsLikeJsonl()
    {
        using var test = await TestStore.CreateAsync();
        await File.WriteAllTextAsync(test.File("experts.csv"),
            "id,fullName,otherNames,country,city,fields,keywords,languages,hIndex,listed,contact,bio\r\n" +
            "c-1,Nguyễn Văn An,An Nguyen; An Van Nguyen,VN,Quy Nhơn,ai;cybersecurity,học máy; an ninh mạng,vi;en,12,yes,no,\"Sống ở Quy Nhơn, Bình Định.\nDòng hai.\"\r\n" +
            "c-2,Trần Thị Bình,,US,San Jose,semiconductor,FinFET,en,,true,true,\r\n");
        await File.WriteAllTextAsync(test.File("pubs.csv"),
            "expertId,title,year,venue,authors\r\n" +
            "c-1,\"Deep learning, for intrusion detection\",2022,IEEE S&P,An Nguyen; B. Tran\r\n" +
            "c-1,Second paper,2019,,\r\n");

        var result = await new ExpertImporter(test.Store).ImportAsync(test.File("experts.csv"), new ImportOptions { PublicationsPath = test.File("pubs.csv") });

        Assert.Empty(result.Errors);
        var an = (await test.Store.GetAsync("c-1"))!.Expert;
        Assert.Equal(["An Nguyen", "An Van Nguyen"], an.OtherNames);
        Assert.Equal(["ai", "cybersecurity"], an.Fields);
        Assert.Equal(12, an.HIndex);
        Assert.Equal("Sống ở Quy Nhơn, Bình Định.\nDòng hai.", an.Bio);
        Assert.Equal(2, an.Publications.Count);
        Assert.Equal("Deep learning, for intrusion detection", an.Publications[0].Title);
        Assert.Equal(["An Nguyen", "B. Tran"], an.Publications[0].Authors);
        Assert.True((await test.Store.GetAsync("c-2"))!.Expert.Consent.Contact);
    }

    [Fact]
    public async Task CsvErrorsNameTheFileLineAndColumn()
    {
        using var test = await TestStore.CreateAsync();
        await File.WriteAllTextAsync(test.File("experts.csv"),
            "id,fullName,country,hIndex\n" +
            "c-1,\"Multi\nline\",VN,3\n" +
            "c-2,Lê Bình,Viet Nam,many\n");
        await File.WriteAllTextAsync(test.File("pubs.csv"), "expertId,title,year\nc-1,Old,1850\nzz,Orphan,2000\n");

        var result = await new ExpertImporter(test.Store).ImportAsync(test.File("experts.csv"), new ImportOptions { PublicationsPath = test.File("pubs.csv") });
        var messages = result.Errors.Select(e => e.ToString()).ToList();

        Assert.Contains(messages, m => m.StartsWith("experts.csv:4: country: ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("experts.csv:4: hIndex: ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("pubs.csv:2: year: ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("experts.csv:2: publications: ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("pubs.csv:3: expertId: no expert 'zz'", StringComparison.Ordinal));
        Assert.Equal(0, await test.Store.CountAsync());
    }

    [Fact]
    public async Task CsvExportDefusesFormulasAndRoundTripsThroughItsReader()
    {
        using var test = await TestStore.CreateAsync();
        await test.Store.SaveAsync(ExpertBuilder.Full("f-1") with
        {
            Headline = "=HYPERLINK(\"http://evil\",\"x\")",
            Affiliation = "+1 lab",
            City = "-2",
            Bio = "@SUM(A1) and, \"quotes\"",
        }, "t");

        await new ExpertExporter(test.Store).ExportAsync(test.File("out.csv"));
        using var reader = new StreamReader(test.File("out.csv"));
        var rows = Csv.Read(reader).ToList();
        var header = rows[0].Cells.Select(c => c.TrimStart('\uFEFF')).ToList();
        var row = rows[1].Cells;

        Assert.Equal("'=HYPERLINK(\"http://evil\",\"x\")", row[header.IndexOf("headline")]);
        Assert.Equal("'+1 lab", row[header.IndexOf("affiliation")]);
        Assert.Equal("'-2", row[header.IndexOf("city")]);
        Assert.Equal("'@SUM(A1) and, \"quotes\"", row[header.IndexOf("bio")]);
        Assert.True(File.Exists(test.File("out.publications.csv")));
        Assert.All(rows.Skip(1).SelectMany(r => r.Cells), cell => Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@'));
    }
}
