using ExpertNetwork.Experts;

namespace ExpertNetwork.Tests.Support;

public static class ExpertBuilder
{
    public static Expert Full(string id = "bd-000123", string fullName = "Nguyễn Văn Đức") => new()
    {
        Id = id,
        FullName = fullName,
        OtherNames = ["Duc Nguyen", "Đức V. Nguyễn"],
        Headline = "Associate Professor, analog and mixed-signal IC design",
        Affiliation = "KAIST",
        Country = "KR",
        City = "Daejeon",
        Hometown = "Tuy Phước, Bình Định",
        Fields = ["semiconductor", "ai"],
        Keywords = ["analog IC design", "low-power SoC", "thiết kế vi mạch"],
        Languages = ["vi", "en", "ko"],
        Degree = "phd",
        HIndex = 14,
        Engagement = ["advisory", "speaking", "visiting"],
        Bio = "Sinh ra ở Tuy Phước, Bình Định; nghiên cứu vi mạch tương tự công suất thấp.",
        Email = "duc.nguyen@example.org",
        Orcid = "0000-0002-1825-0097",
        Consent = new Consent(Listed: true, Contact: false),
        Publications =
        [
            new Publication
            {
                Title = "A 0.5 V sub-threshold SAR ADC",
                Abstract = "We present a low-power ADC for IoT sensor nodes.",
                Year = 2021,
                Venue = "IEEE JSSC",
                Doi = "10.1109/JSSC.2021.000001",
                Authors = ["Duc V. Nguyen", "Min-Jun Kim"],
            },
            new Publication { Title = "Only a title" },
        ],
    };

    public static Expert Minimal(string id, string fullName = "Trần Thị Bình") => new() { Id = id, FullName = fullName };

    public static string ValidLine(int i) =>
        $$"""{"id": "t-{{i:D6}}", "fullName": "Lê Văn Tám {{i}}", "country": "VN", "city": "Quy Nhơn", "fields": ["ai"], "keywords": ["học máy"], "publications": [{"title": "Paper {{i}}", "year": 2020}]}""";
}
