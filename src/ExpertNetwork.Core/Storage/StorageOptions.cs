using System.ComponentModel.DataAnnotations;

namespace ExpertNetwork.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Holds the SQLite file, the Lucene index, the embedding cache and the mail outbox.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>When set, SQL Server is the store instead of the embedded SQLite file.</summary>
    public string? SqlServerConnectionString { get; set; }

    /// <summary>Overrides the SQLite file location; tests use it for shared in-memory databases.</summary>
    public string? SqliteConnectionString { get; set; }
}
