using System.Reflection;
using System.Text.RegularExpressions;
using ExpertNetwork.Experts;
using ExpertNetwork.Storage;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ExpertNetwork.Tests.Storage;

/// <summary>
/// No SQL Server runs here, so every T-SQL script and every statement the store can send to SQL Server
/// is at least parsed by Microsoft's own T-SQL parser.
/// </summary>
public sealed partial class TSqlScriptTests
{
    public static TheoryData<string> Migrations()
    {
        var data = new TheoryData<string>();
        foreach (var migration in Migrator.Scripts(SqlDialect.SqlServer))
        {
            data.Add(migration.Name);
        }

        return data;
    }

    public static TheoryData<string, string> Statements()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, sql) in SharedAndSqlServerStatements())
        {
            data.Add(name, sql);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Migrations))]
    public void SqlServerMigrationParses(string name)
    {
        var script = Migrator.Scripts(SqlDialect.SqlServer).Single(m => m.Name == name);
        AssertParses(name, script.Sql);
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public void StatementParsesAsTSql(string name, string sql) => AssertParses(name, sql);

    [Fact]
    public void EveryDialectHasTheSameMigrations()
    {
        var sqlite = Migrator.Scripts(SqlDialect.Sqlite).Select(m => m.Name);
        var sqlServer = Migrator.Scripts(SqlDialect.SqlServer).Select(m => m.Name);

        Assert.Equal(sqlite, sqlServer);
        Assert.NotEmpty(sqlite);
    }

    [Fact]
    public void TheParserRejectsSqliteOnlySyntax()
    {
        var errors = Parse("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY AUTOINCREMENT)");

        Assert.NotEmpty(errors);
    }

    [Fact]
    public void StatementsAreFoundByReflection()
    {
        var names = SharedAndSqlServerStatements().Select(s => s.Name).ToList();

        Assert.Contains(names, n => n.Contains("InsertExpertSql", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("StatsSql", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("CreateVersionTableTSql", StringComparison.Ordinal));
        Assert.True(names.Count > 30, $"only {names.Count} statements found");
    }

    internal static IEnumerable<(string Name, string Sql)> SharedAndSqlServerStatements()
    {
        var assembly = typeof(ExpertStore).Assembly;
        foreach (var type in assembly.GetTypes().Where(t => t != typeof(SqliteDialect)))
        {
            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (!field.Name.EndsWith("Sql", StringComparison.Ordinal))
                {
                    continue;
                }

                if (field.IsLiteral && field.GetRawConstantValue() is string sql)
                {
                    yield return ($"{type.Name}.{field.Name}", sql);
                }
                else if (field.GetValue(null) is string[] statements)
                {
                    for (var i = 0; i < statements.Length; i++)
                    {
                        yield return ($"{type.Name}.{field.Name}[{i}]", statements[i]);
                    }
                }
            }
        }

        var variant = 0;
        foreach (var sql in ExpertStore.LoadSqlVariants())
        {
            yield return ($"ExpertStore.LoadSql[{variant++}]", sql);
        }

        yield return ("ExpertStore.LastIdOfPageSql+Page", ExpertStore.LastIdOfPageSql + SqlDialect.SqlServer.PageClause);
        yield return ("ExpertWriteSession.FindExistingSql(SqlServer)", ExpertWriteSession.FindExistingSql(SqlDialect.SqlServer));
    }

    private static void AssertParses(string name, string sql)
    {
        var errors = Parse(ExpandListParameters(sql));
        Assert.True(errors.Count == 0, $"{name}: " + string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}")));
    }

    private static IList<ParseError> Parse(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        return errors;
    }

    /// <summary>Dapper rewrites <c>IN @Ids</c> into <c>IN (@Ids1, @Ids2, …)</c> before SQL Server sees it.</summary>
    internal static string ExpandListParameters(string sql) => ListParameter().Replace(sql, m => $"IN (@{m.Groups[1].Value}1, @{m.Groups[1].Value}2)");

    [GeneratedRegex(@"\bIN @(\w+)")]
    private static partial Regex ListParameter();
}
