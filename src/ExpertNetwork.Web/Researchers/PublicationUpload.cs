using System.Text;

namespace ExpertNetwork.Web.Researchers;

/// <summary>The uploaded publication file as text, shared by the page form and the API.</summary>
internal static class PublicationUpload
{
    /// <summary>Some 250 entries with abstracts, a long career; it stays under the 1 MiB request limit with room for the form.</summary>
    public const long MaxBytes = 512 * 1024;

    /// <returns>null when there is no file, it is empty or too large, or it is not UTF-8 text.</returns>
    public static async Task<string?> ReadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length is 0 or > MaxBytes)
        {
            return null;
        }

        using var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true));
        try
        {
            return await reader.ReadToEndAsync(cancellationToken);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
