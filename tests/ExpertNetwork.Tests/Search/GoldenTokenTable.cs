using ExpertNetwork.Search;

namespace ExpertNetwork.Tests.Search;

/// <summary>
/// The golden token table: what each analyzer of <c>indexing/experts.index.json</c> must make of a text. The Lucene.NET
/// analyzers are held to it in <see cref="AnalyzerTokenTests"/>; the Java check runs the same texts through the JSON's
/// chains rebuilt with Lucene's own classes.
/// </summary>
public static class GoldenTokenTable
{
    public static TheoryData<string, string, string> Rows => new()
    {
        { AnalyzerNames.Exact, "Đặng Thị Thủy", "đặng thị thủy" },
        { AnalyzerNames.Folded, "Đặng Thị Thủy", "dang thi thuy" },
        { AnalyzerNames.Folded, "ĐẶNG THU HÀ", "dang thu ha" },
        { AnalyzerNames.Folded, "Nguyễn Văn Ân", "nguyen van an" },
        { AnalyzerNames.Exact, "C++ và C#", "cplusplus và csharp" },
        { AnalyzerNames.Folded, "C++, C# và .NET", "cplusplus csharp va dotnet" },
        { AnalyzerNames.Exact, "low-power SoC", "low power soc" },
        { AnalyzerNames.Exact, "Không ai trong nhóm", "không ai trong nhóm" },
        { AnalyzerNames.Bio, "Không ai trong nhóm làm việc một mình", "không nhóm làm việc một mình" },
        { AnalyzerNames.BioFolded, "Không ai trong nhóm làm việc một mình", "khong nhom lam viec mot minh" },
        { AnalyzerNames.BioFolded, "Ái Vân và C++", "ai van cplusplus" },
        { AnalyzerNames.Bio, "An ninh mạng cho Văn Thị", "an ninh mạng văn thị" },
        { AnalyzerNames.NamePrefixIndex, "Đặng Hà", "d da dan dang h ha" },
        { AnalyzerNames.NamePrefixSearch, "Đặng H", "dang h" },
        { AnalyzerNames.NameFirstPrefixIndex, "Đặng Thu Hà", "d da dan dang" },
        { AnalyzerNames.NamePrefixSearch, "Nguyễnnnnnnnnnnnnnnn", "nguyennnnnnnnnn" },
    };

    /// <summary>More texts the Java check runs through every analyzer: synonyms, tech terms, punctuation, digits, mixed scripts.</summary>
    public static IReadOnlyList<string> MoreTexts { get; } =
    [
        "trí tuệ nhân tạo",
        "tri tue nhan tao",
        "machine learning và học máy",
        "an ninh mạng cho hệ thống điện",
        "Dùng C++ và C# trên .NET",
        "ASP.NET, F# và c++",
        "3.5 + 2 # x",
        "Biển Đông, Hoàng Sa và Trường Sa",
        "Phạm Thị Ngọc Ánh (Hà Nội) — kỹ sư vi mạch RF CMOS",
        "h-index 12; ORCID 0000-0002-1825-0097",
        "Müller, Øster, Łukasz và Straße",
        "thiết kế vi mạch, low-power SoC, FPGA",
    ];
}
