using Elastic.Transport.Products.Elasticsearch;

namespace ExpertNetwork.Search.Elasticsearch;

/// <summary>A request the cluster refused or never answered; the message says which step, the status and Elasticsearch's reason.</summary>
public sealed class ElasticsearchSearchException : Exception
{
    public ElasticsearchSearchException(string message, int? statusCode = null, string? errorType = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorType = errorType;
    }

    /// <summary>The HTTP status, or null when no answer came.</summary>
    public int? StatusCode { get; }

    /// <summary>Elasticsearch's error type (<c>resource_already_exists_exception</c>…), when it gave one.</summary>
    public string? ErrorType { get; }

    internal static ElasticsearchSearchException From(string step, ElasticsearchResponse response)
    {
        var details = response.ApiCallDetails;
        var error = response.ElasticsearchServerError?.Error;
        response.TryGetOriginalException(out var original);
        var reason = error is null
            ? original?.Message ?? "no error body"
            : $"{error.Type}: {error.Reason}";
        return new ElasticsearchSearchException(
            $"Elasticsearch {step} failed ({details?.HttpStatusCode?.ToString() ?? "no response"}): {reason}",
            details?.HttpStatusCode, error?.Type, original);
    }
}
