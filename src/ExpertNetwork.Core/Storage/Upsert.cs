using System.Data.Common;

namespace ExpertNetwork.Storage;

/// <summary>
/// Update-then-insert: SQLite and T-SQL share no upsert syntax. Under SQL Server's READ COMMITTED two sessions
/// can both find nothing to update; the one whose insert then meets the other's key updates the row instead,
/// as it would have done had it come second on SQLite, whose writers take turns.
/// </summary>
public static class Upsert
{
    /// <summary>True when the row was inserted, false when an existing one was updated.</summary>
    public static async Task<bool> RunAsync(Func<Task<int>> update, Func<Task> insert)
    {
        if (await update() > 0)
        {
            return false;
        }

        try
        {
            await insert();
            return true;
        }
        catch (DbException e) when (StoreErrors.IsDuplicateKey(e))
        {
            await update();
            return false;
        }
    }
}
