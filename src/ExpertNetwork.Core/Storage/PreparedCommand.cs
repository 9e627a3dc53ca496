using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace ExpertNetwork.Storage;

/// <summary>
/// One parameterised statement prepared once and executed per row. Bulk imports insert millions of
/// child rows; building a fresh command per row costs more than the insert itself.
/// </summary>
internal sealed class PreparedCommand : IAsyncDisposable
{
    private readonly DbCommand _command;
    private readonly DbParameter[] _parameters;
    private readonly Param[] _specs;

    public PreparedCommand(DbConnection connection, DbTransaction transaction, string sql, params Param[] parameters)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = sql;
        _specs = parameters;
        _parameters = new DbParameter[parameters.Length];
        // Microsoft.Data.Sqlite truncates text to a parameter's Size; lengths are checked before binding instead.
        var sized = connection is SqlConnection;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = "@" + parameters[i].Name;
            parameter.DbType = parameters[i].Type;
            if (sized && parameters[i].Size != 0)
            {
                parameter.Size = parameters[i].Size;
            }

            _command.Parameters.Add(parameter);
            _parameters[i] = parameter;
        }
    }

    internal IReadOnlyList<DbParameter> Parameters => _parameters;

    public Task<int> RunAsync(CancellationToken cancellationToken, params object?[] values)
    {
        Bind(values);
        return _command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<DbDataReader> ReaderAsync(CancellationToken cancellationToken, params object?[] values)
    {
        Bind(values);
        return _command.ExecuteReaderAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();

    private void Bind(object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            _specs[i].Check(values[i]);
            _parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
