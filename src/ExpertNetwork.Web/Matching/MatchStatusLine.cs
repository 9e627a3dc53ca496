using System.Globalization;
using ExpertNetwork.Matching;
using ExpertNetwork.Web.Localisation;

namespace ExpertNetwork.Web.Matching;

/// <summary>How much of the directory the matcher can compare by meaning yet, in plain words.</summary>
public static class MatchStatusLine
{
    public static string Readiness(Texts texts, MatchingStatus status)
    {
        if (!status.DirectoryAnalysed)
        {
            return texts["match.status.reading"];
        }

        var waiting = Math.Max(0, status.EmbeddingsTotal - status.EmbeddingsDone);
        if (waiting == 0)
        {
            return texts["match.status.ready"];
        }

        var percent = (int)Math.Floor(100.0 * status.StoredVectors / (status.StoredVectors + waiting));
        return texts.Format("match.status.partial", percent.ToString(CultureInfo.CurrentCulture));
    }
}
