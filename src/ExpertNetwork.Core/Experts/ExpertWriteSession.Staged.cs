using System.Data;
using System.Text.Json;
using Dapper;
using ExpertNetwork.Storage;
using ExpertNetwork.Text;
using Microsoft.Data.SqlClient;

namespace ExpertNetwork.Experts;

public sealed partial class ExpertWriteSession
{
    internal static readonly string[] ExpertColumnNames =
    [
        "id", "full_name", "name_folded", "headline", "affiliation", "country", "city", "hometown", "location_class", "degree",
        "h_index", "bio", "email", "orcid", "listed", "contact_visible", "created_at", "updated_at", "row_version", "changed_by",
    ];

    private bool _staging;

    /// <summary>
    /// Saves a batch of profiles, as an import does, with the same outcomes, audit and row versions as
    /// <see cref="SaveAsync"/> one by one. SQLite runs its prepared statements in-process, which is already
    /// the fastest way there; SQL Server gets the batch's rows by bulk copy into session temp tables and
    /// writes them with a few set-based statements, instead of a dozen round trips per profile.
    /// </summary>
    public async Task<IReadOnlyList<SaveOutcome>> SaveManyAsync(IReadOnlyList<Expert> experts, CancellationToken cancellationToken = default)
    {
        if (_connection is SqlConnection connection)
        {
            return await SaveStagedAsync(connection, (SqlTransaction)_transaction, experts, cancellationToken);
        }

        var outcomes = new List<SaveOutcome>(experts.Count);
        foreach (var expert in experts)
        {
            outcomes.Add(await SaveAsync(expert, cancellationToken: cancellationToken));
        }

        return outcomes;
    }

    private async Task<IReadOnlyList<SaveOutcome>> SaveStagedAsync(SqlConnection connection, SqlTransaction transaction, IReadOnlyList<Expert> experts, CancellationToken cancellationToken)
    {
        if (experts.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count() != experts.Count)
        {
            throw new ArgumentException("A batch of profiles names one id more than once.", nameof(experts));
        }

        var outcomes = new List<SaveOutcome>(experts.Count);
        if (experts.Count == 0)
        {
            return outcomes;
        }

        var existing = (await ExpertStore.LoadManyAsync(connection, transaction, experts.Select(e => e.Id).ToList(), cancellationToken))
            .ToDictionary(s => s.Expert.Id, StringComparer.Ordinal);
        var now = _clock.GetUtcNow().ToString("O");
        var rows = new StagedRows();
        var updates = 0;
        foreach (var expert in experts)
        {
            string action, changes;
            long rowVersion;
            if (existing.TryGetValue(expert.Id, out var stored))
            {
                var diff = ExpertDiff.Between(stored.Expert, expert);
                if (diff.Count == 0)
                {
                    outcomes.Add(SaveOutcome.Unchanged);
                    continue;
                }

                (action, changes, rowVersion) = ("update", JsonSerializer.Serialize(diff, ExpertDiff.JsonOptions), stored.RowVersion + 1);
                updates++;
                outcomes.Add(SaveOutcome.Updated);
            }
            else
            {
                (action, changes, rowVersion) = ("create", CreatedChanges(expert), 1);
                outcomes.Add(SaveOutcome.Created);
            }

            rows.Add(expert, ExpertValues(expert, now, now, rowVersion), [expert.Id, now, _changedBy, action, changes]);
        }

        if (rows.Experts.Rows.Count == 0)
        {
            return outcomes;
        }

        if (!_staging)
        {
            // No parameters: a plain batch, so the temp tables outlive it for the rest of the session.
            await connection.ExecuteAsync(new CommandDefinition(CreateStagingSql, transaction: transaction, cancellationToken: cancellationToken));
            _staging = true;
        }

        foreach (var table in rows.All)
        {
            using var bulk = new SqlBulkCopy(connection, SqlBulkCopyOptions.Default, transaction) { DestinationTableName = "#stage_" + table.TableName, BulkCopyTimeout = 0 };
            foreach (DataColumn column in table.Columns)
            {
                bulk.ColumnMappings.Add(column.ColumnName, column.ColumnName);
            }

            await bulk.WriteToServerAsync(table, cancellationToken);
        }

        // The row version is checked by the write itself, as in SaveAsync.
        var updated = await connection.ExecuteScalarAsync<int>(new CommandDefinition(UpdateStagedSql, transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));
        if (updated != updates)
        {
            throw await StagedConflictAsync(connection, transaction, cancellationToken);
        }

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertStagedExpertsSql, transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));
        }
        catch (SqlException e) when (StoreErrors.IsDuplicateKey(e))
        {
            throw await StagedConflictAsync(connection, transaction, cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition(WriteStagedChildrenSql, transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));
        _changedIds.AddRange(rows.Ids);
        return outcomes;
    }

    private static async Task<ConcurrencyConflictException> StagedConflictAsync(SqlConnection connection, SqlTransaction transaction, CancellationToken cancellationToken)
    {
        var conflict = await connection.QueryFirstAsync<(string Id, long Expected, long? Actual)>(new CommandDefinition(
            StagedConflictSql, transaction: transaction, cancellationToken: cancellationToken));
        return new ConcurrencyConflictException(conflict.Id, conflict.Expected, conflict.Actual ?? 0);
    }

    /// <summary>One batch's rows, in tables named after the store's, with the store's column names.</summary>
    private sealed class StagedRows
    {
        public DataTable Experts { get; } = Table("experts", ExpertColumns.Zip(ExpertColumnNames, (param, name) => (name, param.Type)).ToArray());

        private readonly DataTable _otherNames = Table("expert_other_names", ("expert_id", DbType.String), ("position", DbType.Int32), ("name", DbType.String));
        private readonly DataTable _fields = Table("expert_fields", ("expert_id", DbType.String), ("position", DbType.Int32), ("field", DbType.String));
        private readonly DataTable _keywords = Table("expert_keywords", ("expert_id", DbType.String), ("position", DbType.Int32), ("keyword", DbType.String), ("keyword_folded", DbType.String));
        private readonly DataTable _languages = Table("expert_languages", ("expert_id", DbType.String), ("position", DbType.Int32), ("language", DbType.String));
        private readonly DataTable _engagement = Table("expert_engagement", ("expert_id", DbType.String), ("position", DbType.Int32), ("engagement", DbType.String));
        private readonly DataTable _publications = Table("publications", ("expert_id", DbType.String), ("position", DbType.Int32), ("title", DbType.String),
            ("abstract", DbType.String), ("year", DbType.Int32), ("venue", DbType.String), ("doi", DbType.String));
        private readonly DataTable _authors = Table("publication_authors", ("expert_id", DbType.String), ("publication_position", DbType.Int32), ("position", DbType.Int32), ("name", DbType.String));
        private readonly DataTable _audit = Table("audit", ("expert_id", DbType.String), ("changed_at", DbType.String), ("changed_by", DbType.String), ("action", DbType.String), ("changes", DbType.String));

        public List<string> Ids { get; } = [];

        public IEnumerable<DataTable> All => [Experts, _otherNames, _fields, _keywords, _languages, _engagement, _publications, _authors, _audit];

        /// <summary>Lengths are checked here as the prepared statements check them: bulk copy would only say "invalid column length".</summary>
        public void Add(Expert expert, object?[] values, object?[] audit)
        {
            for (var i = 0; i < values.Length; i++)
            {
                ExpertColumns[i].Check(values[i]);
            }

            Experts.Rows.Add(values.Select(v => v ?? DBNull.Value).ToArray());
            Ids.Add(expert.Id);
            for (var i = 0; i < expert.OtherNames.Count; i++)
            {
                _otherNames.Rows.Add(expert.Id, i, StoredText.Check("otherNames", expert.OtherNames[i], 200));
            }

            for (var i = 0; i < expert.Fields.Count; i++)
            {
                _fields.Rows.Add(expert.Id, i, StoredText.Check("fields", expert.Fields[i], 32));
            }

            for (var i = 0; i < expert.Keywords.Count; i++)
            {
                _keywords.Rows.Add(expert.Id, i, StoredText.Check("keywords", expert.Keywords[i], 200), VietnameseText.Fold(expert.Keywords[i]));
            }

            for (var i = 0; i < expert.Languages.Count; i++)
            {
                _languages.Rows.Add(expert.Id, i, StoredText.Check("languages", expert.Languages[i], 2));
            }

            for (var i = 0; i < expert.Engagement.Count; i++)
            {
                _engagement.Rows.Add(expert.Id, i, StoredText.Check("engagement", expert.Engagement[i], 16));
            }

            for (var i = 0; i < expert.Publications.Count; i++)
            {
                var publication = expert.Publications[i];
                _publications.Rows.Add(expert.Id, i, (object?)StoredText.CheckOptional("title", publication.Title, 1000) ?? DBNull.Value,
                    (object?)publication.Abstract ?? DBNull.Value, (object?)publication.Year ?? DBNull.Value,
                    (object?)StoredText.CheckOptional("venue", publication.Venue, 500) ?? DBNull.Value, (object?)StoredText.CheckOptional("doi", publication.Doi, 300) ?? DBNull.Value);
                for (var j = 0; j < publication.Authors.Count; j++)
                {
                    _authors.Rows.Add(expert.Id, i, j, StoredText.Check("authors", publication.Authors[j], 300));
                }
            }

            _audit.Rows.Add(audit);
        }

        private static DataTable Table(string name, params (string Name, DbType Type)[] columns)
        {
            var table = new DataTable(name);
            foreach (var (column, type) in columns)
            {
                table.Columns.Add(column, type switch
                {
                    DbType.Int32 => typeof(int),
                    DbType.Int64 => typeof(long),
                    DbType.Boolean => typeof(bool),
                    _ => typeof(string),
                });
            }

            return table;
        }
    }

    internal const string CreateStagingSql = """
        SELECT TOP 0 * INTO #stage_experts FROM experts;
        SELECT TOP 0 * INTO #stage_expert_other_names FROM expert_other_names;
        SELECT TOP 0 * INTO #stage_expert_fields FROM expert_fields;
        SELECT TOP 0 * INTO #stage_expert_keywords FROM expert_keywords;
        SELECT TOP 0 * INTO #stage_expert_languages FROM expert_languages;
        SELECT TOP 0 * INTO #stage_expert_engagement FROM expert_engagement;
        SELECT TOP 0 * INTO #stage_publications FROM publications;
        SELECT TOP 0 * INTO #stage_publication_authors FROM publication_authors;
        SELECT TOP 0 expert_id, changed_at, changed_by, action, changes INTO #stage_audit FROM audit;
        """;

    /// <summary>Updates every staged profile whose stored row version is still the one read, and says how many.</summary>
    internal const string UpdateStagedSql = """
        UPDATE e SET full_name = s.full_name, name_folded = s.name_folded, headline = s.headline, affiliation = s.affiliation,
               country = s.country, city = s.city, hometown = s.hometown, location_class = s.location_class, degree = s.degree,
               h_index = s.h_index, bio = s.bio, email = s.email, orcid = s.orcid, listed = s.listed, contact_visible = s.contact_visible,
               updated_at = s.updated_at, row_version = s.row_version, changed_by = s.changed_by
        FROM experts AS e
        JOIN #stage_experts AS s ON s.id = e.id
        WHERE s.row_version > 1 AND e.row_version = s.row_version - 1;
        SELECT @@ROWCOUNT;
        """;

    internal const string InsertStagedExpertsSql = """
        INSERT INTO experts (id, full_name, name_folded, headline, affiliation, country, city, hometown, location_class, degree,
                             h_index, bio, email, orcid, listed, contact_visible, created_at, updated_at, row_version, changed_by)
        SELECT id, full_name, name_folded, headline, affiliation, country, city, hometown, location_class, degree,
               h_index, bio, email, orcid, listed, contact_visible, created_at, updated_at, row_version, changed_by
        FROM #stage_experts
        WHERE row_version = 1;
        """;

    /// <summary>Replaces the updated profiles' child rows, adds the new ones' and the audit, and empties the staging tables.</summary>
    internal const string WriteStagedChildrenSql = """
        DELETE c FROM publication_authors AS c JOIN #stage_experts AS s ON s.id = c.expert_id WHERE s.row_version > 1;
        DELETE c FROM publications AS c JOIN #stage_experts AS s ON s.id = c.expert_id WHERE s.row_version > 1;
        DELETE c FROM expert_other_names AS c JOIN #stage_experts AS s ON s.id = c.expert_id WHERE s.row_version > 1;
        DELETE c FROM expert_fields AS c JOIN #stage_experts AS s ON s.id = c.expert_id WHERE s.row_version > 1;
        DELETE c FROM expert_keywords AS c JOIN #stage_experts AS s ON s.id = c.expert_id WHERE s.row_version > 1;
        DELETE c FROM expert_languages AS c JOIN #stage_experts AS s ON s.id = c.expert_id WHERE s.row_version > 1;
        DELETE c FROM expert_engagement AS c JOIN #stage_experts AS s ON s.id = c.expert_id WHERE s.row_version > 1;
        INSERT INTO expert_other_names (expert_id, position, name) SELECT expert_id, position, name FROM #stage_expert_other_names;
        INSERT INTO expert_fields (expert_id, position, field) SELECT expert_id, position, field FROM #stage_expert_fields;
        INSERT INTO expert_keywords (expert_id, position, keyword, keyword_folded) SELECT expert_id, position, keyword, keyword_folded FROM #stage_expert_keywords;
        INSERT INTO expert_languages (expert_id, position, language) SELECT expert_id, position, language FROM #stage_expert_languages;
        INSERT INTO expert_engagement (expert_id, position, engagement) SELECT expert_id, position, engagement FROM #stage_expert_engagement;
        INSERT INTO publications (expert_id, position, title, abstract, year, venue, doi) SELECT expert_id, position, title, abstract, year, venue, doi FROM #stage_publications;
        INSERT INTO publication_authors (expert_id, publication_position, position, name) SELECT expert_id, publication_position, position, name FROM #stage_publication_authors;
        INSERT INTO audit (expert_id, changed_at, changed_by, action, changes) SELECT expert_id, changed_at, changed_by, action, changes FROM #stage_audit;
        TRUNCATE TABLE #stage_experts;
        TRUNCATE TABLE #stage_expert_other_names;
        TRUNCATE TABLE #stage_expert_fields;
        TRUNCATE TABLE #stage_expert_keywords;
        TRUNCATE TABLE #stage_expert_languages;
        TRUNCATE TABLE #stage_expert_engagement;
        TRUNCATE TABLE #stage_publications;
        TRUNCATE TABLE #stage_publication_authors;
        TRUNCATE TABLE #stage_audit;
        """;

    /// <summary>The first staged profile that someone else created or changed since it was read.</summary>
    internal const string StagedConflictSql = """
        SELECT TOP 1 s.id AS Id, s.row_version - 1 AS Expected, e.row_version AS Actual
        FROM #stage_experts AS s
        LEFT JOIN experts AS e ON e.id = s.id
        WHERE (s.row_version = 1 AND e.id IS NOT NULL)
           OR (s.row_version > 1 AND (e.id IS NULL OR e.row_version <> s.row_version))
        ORDER BY s.id
        """;
}
