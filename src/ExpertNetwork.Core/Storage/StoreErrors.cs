using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace ExpertNetwork.Storage;

/// <summary>
/// The same failure as each engine reports it, recognised in one place so every store maps it to the same
/// friendly result. Stores insert first and let the unique key decide: a check-then-insert passes twice
/// under SQL Server's READ COMMITTED when two requests race.
/// </summary>
public static class StoreErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintForeignKey = 787;
    private const int SqlServerPrimaryOrUniqueConstraint = 2627;
    private const int SqlServerUniqueIndex = 2601;
    private const int SqlServerReferenceConstraint = 547;

    public static bool IsDuplicateKey(Exception exception) => exception switch
    {
        SqlException sql => sql.Number is SqlServerPrimaryOrUniqueConstraint or SqlServerUniqueIndex,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint && sqlite.SqliteExtendedErrorCode is SqliteConstraintPrimaryKey or SqliteConstraintUnique,
        _ => false,
    };

    /// <summary>A row refers to one that does not exist (or no longer does).</summary>
    public static bool IsMissingReference(Exception exception) => exception switch
    {
        SqlException sql => sql.Number == SqlServerReferenceConstraint,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint && sqlite.SqliteExtendedErrorCode == SqliteConstraintForeignKey,
        _ => false,
    };
}
