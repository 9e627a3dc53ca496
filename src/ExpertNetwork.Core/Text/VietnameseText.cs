using System.Globalization;
using System.Text;

namespace ExpertNetwork.Text;

public static class VietnameseText
{
    public static string Normalize(string text) => text.Normalize(NormalizationForm.FormC);

    public static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            sb.Append(ch switch { 'đ' => 'd', 'Đ' => 'D', _ => ch });
        }

        return sb.ToString().ToLowerInvariant();
    }
}
