using ExpertNetwork.Text;

namespace ExpertNetwork.Experts;

public enum LocationClass
{
    Unknown,
    Province,
    Vietnam,
    Abroad,
}

/// <summary>
/// Where an expert lives relative to the province. Since the 2025 merger the former Bình Định
/// province is part of Gia Lai; people still give the former districts and towns, so both the
/// new province name and the former names count as "in the province".
/// </summary>
public static class Geography
{
    public const string ProvinceCountry = "VN";

    public static readonly IReadOnlyList<string> FormerBinhDinhDistricts =
    [
        "Quy Nhơn", "An Nhơn", "Hoài Nhơn", "An Lão", "Hoài Ân", "Phù Mỹ", "Phù Cát", "Tây Sơn",
        "Tuy Phước", "Vân Canh", "Vĩnh Thạnh",
    ];

    private static readonly string[] ProvincePlaces =
    [
        .. FormerBinhDinhDistricts,
        "Bình Định", "Gia Lai", "Pleiku", "An Khê", "Ayun Pa", "Chư Sê", "Đắk Đoa", "Kbang", "Mang Yang",
        "Chư Păh", "Ia Grai", "Đức Cơ", "Chư Prông", "Krông Pa", "Phú Thiện", "Ia Pa", "Kông Chro", "Đak Pơ", "Chư Pưh",
    ];

    private static readonly string[] FoldedProvincePlaces =
        ProvincePlaces.Select(VietnameseText.Fold).ToArray();

    public static LocationClass Classify(string? country, string? city)
    {
        if (string.IsNullOrWhiteSpace(country))
        {
            return LocationClass.Unknown;
        }

        if (!string.Equals(country, ProvinceCountry, StringComparison.OrdinalIgnoreCase))
        {
            return LocationClass.Abroad;
        }

        return IsInProvince(city) ? LocationClass.Province : LocationClass.Vietnam;
    }

    public static LocationClass Classify(Expert expert) => Classify(expert.Country, expert.City);

    public static bool IsInProvince(string? place)
    {
        if (string.IsNullOrWhiteSpace(place))
        {
            return false;
        }

        var folded = VietnameseText.Fold(place);
        return FoldedProvincePlaces.Any(p => folded.Contains(p, StringComparison.Ordinal));
    }

    public static string Name(this LocationClass location) => location switch
    {
        LocationClass.Province => "province",
        LocationClass.Vietnam => "vietnam",
        LocationClass.Abroad => "abroad",
        _ => "unknown",
    };
}
