using System.Data.Common;

namespace ExpertNetwork.Storage;

/// <summary>
/// One parameterised statement prepared once and executed per row. Bulk imports insert millions of
/// child rows; building a fresh command per row costs more than the insert itself.
/// </summary>
internal sealed class PreparedCommand : IAsyncDisposable
{
    private readonly DbCommand _command;
    private readonly DbParameter[] _parameters;

    public PreparedCommand(DbConnection connection, DbTransaction transaction, string sql, params string[] parameterNames)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = sql;
        _parameters = new DbParameter[parameterNames.Length];
        for (var i = 0; i < parameterNames.Length; i++)
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = "@" + parameterNames[i];
            _command.Parameters.Add(parameter);
            _parameters[i] = parameter;
        }
    }

    public Task<int> RunAsync(CancellationToken cancellationToken, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            _parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return _command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<DbDataReader> ReaderAsync(CancellationToken cancellationToken, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            _parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return _command.ExecuteReaderAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
