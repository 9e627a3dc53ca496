using System.Text.RegularExpressions;
using ExpertNetwork.Storage;
using Microsoft.SqlServer.Dac;
using Microsoft.SqlServer.Dac.Model;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ExpertNetwork.Tests.Storage;

/// <summary>
/// Parsing proves the T-SQL is well formed; this proves it names real tables and columns. DacFx builds a
/// SQL Server 2022 schema model from the migrations (replayed: tables created, then altered), every statement
/// the store can send to SQL Server becomes a stored procedure in that model, and the model's validation
/// resolves each name as SQL Server would when the procedure is created.
/// </summary>
public sealed partial class SqlServerModelTests
{
    [Fact]
    public void EveryStatementNamesTablesAndColumnsTheMigrationsCreate()
    {
        using var model = MigratedModel();
        var statements = TSqlScriptTests.SharedAndSqlServerStatements().ToList();
        for (var i = 0; i < statements.Count; i++)
        {
            AddAsProcedure(model, $"statement_{i:D3}", statements[i].Sql);
        }

        var problems = Problems(model).Select(p => $"{statements[ProcedureIndex(p)].Name}: {p.Message}").ToList();

        Assert.True(statements.Count > 30, $"only {statements.Count} statements found");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("SELECT full_nmae FROM experts WHERE id = @Id", "full_nmae")]
    [InlineData("UPDATE experts SET changed_by = @ChangedBy WHERE row_versoin = @Expected", "row_versoin")]
    [InlineData("INSERT INTO shortlist_item (shortlist_id, expert_id) VALUES (@Id, @ExpertId)", "shortlist_item")]
    [InlineData("SELECT s.nmae FROM #stage_experts AS s", "nmae")]
    public void AMisspeltNameFailsTheCheck(string sql, string misspelt)
    {
        using var model = MigratedModel();
        AddAsProcedure(model, "statement_000", sql);

        var problems = Problems(model);

        Assert.Contains(problems, p => p.Message.Contains(misspelt, StringComparison.Ordinal));
    }

    [Fact]
    public void TheModelHasTheMigratedColumnWidths()
    {
        using var model = MigratedModel();

        Assert.Equal(StoredText.ActorLength, ColumnLength(model, "experts", "changed_by"));
        Assert.Equal(StoredText.ActorLength, ColumnLength(model, "audit", "changed_by"));
        Assert.Equal(StoredText.ActorLength, ColumnLength(model, "shortlist_outcomes", "recorded_by"));
        Assert.Equal(ExpertNetwork.Needs.NeedStore.MaxTitle, ColumnLength(model, "needs", "title"));
    }

    /// <summary>
    /// Errors, and the unresolved references DacFx reports as warnings. The model holds no master database,
    /// so references to SQL Server's own objects (sys.databases, sys.sp_getapplock) cannot resolve and are not problems.
    /// </summary>
    private static List<DacModelMessage> Problems(TSqlModel model) =>
        model.Validate()
            .Where(m => m.MessageType == DacMessageType.Error || m.Number is 71501 or 71502)
            .Where(m => !m.Message.Contains("unresolved reference to object [sys].", StringComparison.Ordinal))
            .ToList();

    private static int ProcedureIndex(DacModelMessage message) =>
        ProcedureName().Match(message.Message) is { Success: true } match ? int.Parse(match.Groups[1].Value) : throw new InvalidOperationException(message.Message);

    private static int ColumnLength(TSqlModel model, string table, string column)
    {
        var found = model.GetObject(Table.TypeClass, new ObjectIdentifier("dbo", table), DacQueryScopes.UserDefined)
            ?? throw new InvalidOperationException($"no table {table} in the model");
        return found.GetReferenced(Table.Columns).Single(c => c.Name.Parts[^1] == column).GetProperty<int>(Column.Length);
    }

    /// <summary>
    /// The migrations replayed into a model: CREATE TABLE and CREATE INDEX as written, ALTER TABLE … ALTER COLUMN
    /// and ADD applied to the table's definition. Procedural statements (0006's catalog-driven collation change)
    /// add or remove no table or column, and are left out; so the model keeps the key columns' earlier types and
    /// collations, which name resolution does not look at.
    /// </summary>
    internal static TSqlModel MigratedModel()
    {
        var tables = new Dictionary<string, CreateTableStatement>(StringComparer.OrdinalIgnoreCase);
        var indexes = new List<TSqlStatement>();
        foreach (var migration in Migrator.Scripts(SqlDialect.SqlServer))
        {
            foreach (var statement in Parse(migration.Sql).Batches.SelectMany(b => b.Statements))
            {
                switch (statement)
                {
                    case CreateTableStatement create:
                        tables[create.SchemaObjectName.BaseIdentifier.Value] = create;
                        break;
                    case CreateIndexStatement:
                        indexes.Add(statement);
                        break;
                    case AlterTableAlterColumnStatement alter:
                        var definition = tables[alter.SchemaObjectName.BaseIdentifier.Value].Definition.ColumnDefinitions
                            .Single(c => c.ColumnIdentifier.Value.Equals(alter.ColumnIdentifier.Value, StringComparison.OrdinalIgnoreCase));
                        definition.DataType = alter.DataType;
                        definition.Collation = alter.Collation;
                        break;
                    case AlterTableAddTableElementStatement add:
                        foreach (var column in add.Definition.ColumnDefinitions)
                        {
                            tables[add.SchemaObjectName.BaseIdentifier.Value].Definition.ColumnDefinitions.Add(column);
                        }

                        break;
                    case DropTableStatement drop:
                        foreach (var name in drop.Objects)
                        {
                            tables.Remove(name.BaseIdentifier.Value);
                        }

                        break;
                }
            }
        }

        var model = new TSqlModel(SqlServerVersion.Sql160, new TSqlModelOptions());
        var generator = new Sql160ScriptGenerator();
        foreach (var fragment in tables.Values.Cast<TSqlStatement>().Concat(indexes))
        {
            generator.GenerateScript(fragment, out var script);
            model.AddObjects(script);
        }

        // The import's session temp tables are copies of the tables they stage (SELECT TOP 0 … INTO); DacFx
        // checks no temp table's columns, so the model holds them as ordinary tables under the same names less '#'.
        foreach (var (table, columns) in StagedTables)
        {
            var definitions = tables[table].Definition.ColumnDefinitions
                .Where(c => columns.Length == 0 || columns.Contains(c.ColumnIdentifier.Value))
                .Select(c =>
                {
                    generator.GenerateScript(c.DataType, out var type);
                    return $"[{c.ColumnIdentifier.Value}] {type} NULL";
                });
            model.AddObjects($"CREATE TABLE [dbo].[stage_{table}] ({string.Join(", ", definitions)})");
        }

        model.AddObjects(SqlServerDialect.CreateVersionTableTSql[SqlServerDialect.CreateVersionTableTSql.IndexOf("CREATE TABLE", StringComparison.Ordinal)..]);
        return model;
    }

    private static readonly (string Table, string[] Columns)[] StagedTables =
    [
        ("experts", []), ("expert_other_names", []), ("expert_fields", []), ("expert_keywords", []), ("expert_languages", []),
        ("expert_engagement", []), ("publications", []), ("publication_authors", []),
        ("audit", ["expert_id", "changed_at", "changed_by", "action", "changes"]),
    ];

    /// <summary>Wraps one statement as a procedure whose parameters are the statement's.</summary>
    private static void AddAsProcedure(TSqlModel model, string name, string sql)
    {
        var body = TSqlScriptTests.ExpandListParameters(sql);
        if (body != ExpertNetwork.Experts.ExpertWriteSession.CreateStagingSql)
        {
            body = body.Replace("#stage_", "stage_", StringComparison.Ordinal);
        }

        var declared = DeclaredVariable().Matches(body).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var parameters = Variable().Matches(body).Select(m => m.Groups[1].Value)
            .Where(v => !declared.Contains(v)).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(v => $"@{v} SQL_VARIANT");
        model.AddObjects($"CREATE PROCEDURE [dbo].[{name}] {string.Join(", ", parameters)}\nAS\nBEGIN\n{body}\nEND");
    }

    private static TSqlScript Parse(string sql)
    {
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        Assert.Empty(errors);
        return (TSqlScript)fragment;
    }

    [GeneratedRegex(@"(?<![@\w])@(\w+)")]
    private static partial Regex Variable();

    [GeneratedRegex(@"DECLARE\s+@(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex DeclaredVariable();

    [GeneratedRegex(@"statement_(\d{3})")]
    private static partial Regex ProcedureName();
}
