using System.Data;
using ExpertNetwork.Experts;
using ExpertNetwork.Storage;
using ExpertNetwork.Tests.Support;
using Microsoft.Data.SqlClient;
using Microsoft.SqlServer.Dac.Model;

namespace ExpertNetwork.Tests.Storage;

/// <summary>Prepared statements declare each parameter as its column is declared, whatever value is bound.</summary>
public sealed class PreparedCommandTests
{
    [Fact]
    public async Task OnSqlServerEveryParameterHasItsColumnsTypeAndSizeWhateverTheValue()
    {
        await using var command = new PreparedCommand(new SqlConnection(), null!, "SELECT 1",
            Param.Key("Id"), Param.Text("Name", 200), Param.LongText("Bio"), Param.Ascii("Status", 16), Param.FixedAscii("Country", 2), Param.Long("Version"), Param.Bool("Listed"));

        var parameters = command.Parameters.Cast<SqlParameter>().ToList();

        Assert.Equal(
            [(SqlDbType.NVarChar, 64), (SqlDbType.NVarChar, 200), (SqlDbType.NVarChar, -1), (SqlDbType.VarChar, 16), (SqlDbType.Char, 2), (SqlDbType.BigInt, 0), (SqlDbType.Bit, 0)],
            parameters.Select(p => (p.SqlDbType, p.Size)));
    }

    [Fact]
    public async Task OnSqliteAValueLongerThanTheColumnIsRefusedNotTruncated()
    {
        using var store = await TestStore.CreateAsync();
        await using var connection = await store.Database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new PreparedCommand(connection, transaction, "SELECT @Name", Param.Text("Name", 5));

        var error = await Assert.ThrowsAsync<StoredTextTooLongException>(() => command.RunAsync(CancellationToken.None, "abcdef"));

        Assert.Equal("Name", error.What);
        Assert.Equal(0, command.Parameters[0].Size);
    }

    /// <summary>The profile columns' declarations in code and in the migrations are one schema.</summary>
    [Fact]
    public void ProfileParametersMatchTheMigratedColumns()
    {
        using var model = SqlServerModelTests.MigratedModel();
        var columns = model.GetObject(Table.TypeClass, new ObjectIdentifier("dbo", "experts"), DacQueryScopes.UserDefined)!
            .GetReferenced(Table.Columns).ToDictionary(c => c.Name.Parts[^1]);

        var mismatches = ExpertWriteSession.ExpertColumns.Zip(ExpertWriteSession.ExpertColumnNames, (param, name) =>
        {
            var column = columns[name];
            var type = column.GetReferenced(Column.DataType).Single().Name.Parts[^1];
            var size = column.GetProperty<bool>(Column.IsMax) ? -1 : column.GetProperty<int>(Column.Length);
            var expected = param.Type switch
            {
                DbType.String => ("nvarchar", param.Size),
                DbType.AnsiString => ("varchar", param.Size),
                DbType.AnsiStringFixedLength => ("char", param.Size),
                DbType.Int32 => ("int", 0),
                DbType.Int64 => ("bigint", 0),
                DbType.Boolean => ("bit", 0),
                _ => (param.Type.ToString(), param.Size),
            };
            return expected == (type, size) ? null : $"{name}: code declares {expected}, the migrations ({type}, {size})";
        }).Where(m => m is not null).ToList();

        Assert.Equal(columns.Count, ExpertWriteSession.ExpertColumnNames.Length);
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }
}
