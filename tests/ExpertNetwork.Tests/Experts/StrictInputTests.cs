using System.Text;
using ExpertNetwork.Experts;
using ExpertNetwork.Needs;
using ExpertNetwork.Researchers;
using ExpertNetwork.Tests.Support;

namespace ExpertNetwork.Tests.Experts;

/// <summary>Issue 9, item 3: bytes that are not UTF-8, a name twice and an empty file are errors naming file, line and field.</summary>
public sealed class StrictInputTests
{
    private static readonly byte[] NotUtf8 = [0xFF, 0xFE, 0xC3, 0x28];

    [Fact]
    public async Task BytesThatAreNotUtf8InAFieldRejectTheFileNamingLineAndField()
    {
        using var test = await TestStore.CreateAsync();
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes(ExpertBuilder.ValidLine(1) + "\n" + """{"id":"bad-utf8","fullName":"An """));
        bytes.AddRange(NotUtf8);
        bytes.AddRange(Encoding.UTF8.GetBytes("\"}\n" + ExpertBuilder.ValidLine(3) + "\n"));
        await File.WriteAllBytesAsync(test.File("bytes.jsonl"), bytes.ToArray());

        var result = await new ExpertImporter(test.Store).ImportAsync(test.File("bytes.jsonl"), new ImportOptions());

        var error = Assert.Single(result.Errors);
        Assert.Equal("bytes.jsonl:2: fullName: is not valid UTF-8 text", error.ToString());
        Assert.Equal(0, await test.Store.CountAsync());
    }

    [Fact]
    public async Task ANameTwiceInARecordRejectsItNamingTheField()
    {
        using var test = await TestStore.CreateAsync();
        await File.WriteAllLinesAsync(test.File("twice.jsonl"),
        [
            """{"id":"twice-1","fullName":"A","fullName":"B"}""",
            """{"id":"twice-2","fullName":"C","consent":{"listed":true,"listed":false}}""",
        ]);

        var result = await new ExpertImporter(test.Store).ImportAsync(test.File("twice.jsonl"), new ImportOptions());

        Assert.Equal(
            ["twice.jsonl:1: fullName: appears more than once in the same object", "twice.jsonl:2: consent.listed: appears more than once in the same object"],
            result.Errors.Select(e => e.ToString()));
        Assert.Equal(0, await test.Store.CountAsync());
    }

    [Theory]
    [InlineData("empty.jsonl", "")]
    [InlineData("blank.jsonl", "\n  \n\n")]
    [InlineData("header-only.csv", "id,fullName\n")]
    public async Task AFileWithNoRecordsIsAnError(string name, string content)
    {
        using var test = await TestStore.CreateAsync();
        await File.WriteAllTextAsync(test.File(name), content);

        var result = await new ExpertImporter(test.Store).ImportAsync(test.File(name), new ImportOptions { SkipInvalid = true });

        var error = Assert.Single(result.Errors);
        Assert.Equal($"{name}:1: file: the file holds no records", error.ToString());
        Assert.False(result.Stored);
    }

    [Fact]
    public async Task CsvCellsThatAreNotUtf8AreNamedByTheirColumn()
    {
        using var test = await TestStore.CreateAsync();
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes("id,fullName,city\ncsv-1,Bình An,Quy Nhơn\ncsv-2,Lê Văn B,"));
        bytes.AddRange(NotUtf8);
        bytes.AddRange(Encoding.UTF8.GetBytes("\n"));
        await File.WriteAllBytesAsync(test.File("cells.csv"), bytes.ToArray());

        var result = await new ExpertImporter(test.Store).ImportAsync(test.File("cells.csv"), new ImportOptions());

        Assert.Equal(["cells.csv:3: city: is not valid UTF-8 text"], result.Errors.Select(e => e.ToString()));
        Assert.Equal(0, await test.Store.CountAsync());
    }

    [Fact]
    public async Task NeedsFilesAreJustAsStrict()
    {
        using var directory = new TempDirectory();
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes("""{"id":"n-1","description":"AI","description":"chip design"}""" + "\n" + """{"id":"n-2","title":" """));
        bytes.AddRange(NotUtf8);
        bytes.AddRange(Encoding.UTF8.GetBytes("\"}\n"));
        await File.WriteAllBytesAsync(directory.File("needs.jsonl"), bytes.ToArray());
        await File.WriteAllTextAsync(directory.File("empty.jsonl"), "\n");

        var read = NeedJson.ReadFile(directory.File("needs.jsonl")).ToList();
        var empty = NeedJson.ReadFile(directory.File("empty.jsonl")).ToList();

        Assert.Equal(
            ["1: description: appears more than once in the same object", "2: title: is not valid UTF-8 text"],
            read.SelectMany(r => r.Errors.Select(e => $"{r.Line}: {e.Field}: {e.Message}")));
        Assert.All(read, r => Assert.Null(r.Need));
        Assert.Equal(["1: file: the file holds no records"], empty.SelectMany(r => r.Errors.Select(e => $"{r.Line}: {e.Field}: {e.Message}")));
    }

    [Fact]
    public void AnOrcidFileWithANameTwiceIsRefusedNamingWhere()
    {
        var file = PublicationImport.Parse("""
            {"group":[{"work-summary":[{"put-code":1,"title":{"title":{"value":"A"},"title":{"value":"B"}}}]}]}
            """);

        var issue = Assert.Single(file.ErrorIssues);
        Assert.Equal("group[0].work-summary[0].title.title", issue.Field);
        Assert.Equal(Problems.DuplicateName, issue.What.Code);
        Assert.Empty(file.Entries);
    }

    [Theory]
    [InlineData("hello world")]
    [InlineData("Just some plain text,\nwith lines, no entries.")]
    [InlineData("{\"group\": []}")]
    [InlineData("\u0001\u0002\u0003\u0004 binary-looking junk \u0007\u0008")]
    public void AFileWithNoEntryOrWorkIsAnError(string content)
    {
        var file = PublicationImport.Parse(content);

        var issue = Assert.Single(file.ErrorIssues);
        Assert.Equal(Problems.NoEntries, issue.What.Code);
        Assert.Empty(file.Entries);
    }
}
