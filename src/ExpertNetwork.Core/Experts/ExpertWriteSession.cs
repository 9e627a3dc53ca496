using System.Data.Common;
using System.Text.Json;
using Dapper;
using ExpertNetwork.Storage;
using ExpertNetwork.Text;

namespace ExpertNetwork.Experts;

public enum SaveOutcome
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>
/// One transaction of profile writes. Nothing is visible to readers until <see cref="CommitAsync"/>;
/// disposing without committing rolls every write back, which is how an import that finds an invalid
/// record leaves the store untouched.
/// </summary>
public sealed partial class ExpertWriteSession : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string _changedBy;
    private readonly TimeProvider _clock;
    private readonly PreparedCommand _findExisting;
    private readonly PreparedCommand _insertExpert;
    private readonly PreparedCommand _updateExpert;
    private readonly PreparedCommand[] _deleteChildren;
    private readonly PreparedCommand _insertOtherName;
    private readonly PreparedCommand _insertField;
    private readonly PreparedCommand _insertKeyword;
    private readonly PreparedCommand _insertLanguage;
    private readonly PreparedCommand _insertEngagement;
    private readonly PreparedCommand _insertPublication;
    private readonly PreparedCommand _insertAuthor;
    private readonly PreparedCommand _insertAudit;
    private readonly List<string> _changedIds = [];
    private readonly List<string> _deletedIds = [];
    private bool _committed;

    internal ExpertWriteSession(DbConnection connection, DbTransaction transaction, SqlDialect dialect, string changedBy, TimeProvider clock)
    {
        _connection = connection;
        _transaction = transaction;
        _changedBy = StoredText.Actor(changedBy);
        _clock = clock;
        _findExisting = Prepare(FindExistingSql(dialect), Param.Key("Id"));
        _insertExpert = Prepare(InsertExpertSql, ExpertColumns);
        _updateExpert = Prepare(UpdateExpertSql, [.. ExpertColumns, Param.Long("ExpectedRowVersion")]);
        _deleteChildren = DeleteChildrenSql.Select(sql => Prepare(sql, Param.Key("Id"))).ToArray();
        _insertOtherName = Prepare(InsertOtherNameSql, Param.Key("ExpertId"), Param.Int("Position"), Param.Text("Name", 200));
        _insertField = Prepare(InsertFieldSql, Param.Key("ExpertId"), Param.Int("Position"), Param.Ascii("Field", 32));
        _insertKeyword = Prepare(InsertKeywordSql, Param.Key("ExpertId"), Param.Int("Position"), Param.Text("Keyword", 200), Param.Text("KeywordFolded", 200));
        _insertLanguage = Prepare(InsertLanguageSql, Param.Key("ExpertId"), Param.Int("Position"), Param.FixedAscii("Language", 2));
        _insertEngagement = Prepare(InsertEngagementSql, Param.Key("ExpertId"), Param.Int("Position"), Param.Ascii("Engagement", 16));
        _insertPublication = Prepare(InsertPublicationSql, Param.Key("ExpertId"), Param.Int("Position"), Param.Text("Title", 1000), Param.LongText("Abstract"),
            Param.Int("Year"), Param.Text("Venue", 500), Param.Text("Doi", 300));
        _insertAuthor = Prepare(InsertAuthorSql, Param.Key("ExpertId"), Param.Int("PublicationPosition"), Param.Int("Position"), Param.Text("Name", 300));
        _insertAudit = Prepare(InsertAuditSql, Param.Key("ExpertId"), Param.Ascii("ChangedAt", 40), Param.Text("ChangedBy", StoredText.ActorLength),
            Param.Ascii("Action", 16), Param.LongText("Changes"));
    }

    /// <summary>Ids written in this session, for keeping the search index in step after the commit.</summary>
    public IReadOnlyList<string> ChangedIds => _changedIds;

    public IReadOnlyList<string> DeletedIds => _deletedIds;

    public async Task<SaveOutcome> SaveAsync(Expert expert, long? expectedRowVersion = null, CancellationToken cancellationToken = default)
    {
        var now = _clock.GetUtcNow().ToString("O");
        var existing = await FindAsync(expert.Id, cancellationToken);
        if (expectedRowVersion is { } expected && (existing?.RowVersion ?? 0) != expected)
        {
            throw new ConcurrencyConflictException(expert.Id, expected, existing?.RowVersion ?? 0);
        }

        string changes;
        if (existing is null)
        {
            try
            {
                await _insertExpert.RunAsync(cancellationToken, ExpertValues(expert, now, now, 1));
            }
            catch (DbException e) when (StoreErrors.IsDuplicateKey(e))
            {
                throw new ConcurrencyConflictException(expert.Id, expectedRowVersion ?? 0, await CurrentRowVersionAsync(expert.Id, cancellationToken));
            }

            changes = CreatedChanges(expert);
        }
        else
        {
            var old = (await ExpertStore.GetAsync(_connection, _transaction, expert.Id, cancellationToken))!.Expert;
            var diff = ExpertDiff.Between(old, expert);
            if (diff.Count == 0)
            {
                return SaveOutcome.Unchanged;
            }

            // The row version is checked by the write itself: a check before it could pass for two sessions at once.
            var read = existing.Value.RowVersion;
            if (await _updateExpert.RunAsync(cancellationToken, [.. ExpertValues(expert, existing.Value.CreatedAt, now, read + 1), read]) != 1)
            {
                throw new ConcurrencyConflictException(expert.Id, expectedRowVersion ?? read, await CurrentRowVersionAsync(expert.Id, cancellationToken));
            }

            foreach (var delete in _deleteChildren)
            {
                await delete.RunAsync(cancellationToken, expert.Id);
            }

            changes = JsonSerializer.Serialize(diff, ExpertDiff.JsonOptions);
        }

        await InsertChildrenAsync(expert, cancellationToken);
        await _insertAudit.RunAsync(cancellationToken, expert.Id, now, _changedBy, existing is null ? "create" : "update", changes);
        _changedIds.Add(expert.Id);
        return existing is null ? SaveOutcome.Created : SaveOutcome.Updated;
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var existing = await ExpertStore.GetAsync(_connection, _transaction, id, cancellationToken);
        if (existing is null)
        {
            return false;
        }

        foreach (var delete in _deleteChildren)
        {
            await delete.RunAsync(cancellationToken, id);
        }

        await _connection.ExecuteAsync(new CommandDefinition(DeleteExpertSql, new { Id = id }, _transaction, cancellationToken: cancellationToken));
        var changes = JsonSerializer.Serialize(new { fullName = existing.Expert.FullName, rowVersion = existing.RowVersion }, ExpertDiff.JsonOptions);
        await _insertAudit.RunAsync(cancellationToken, id, _clock.GetUtcNow().ToString("O"), _changedBy, "delete", changes);
        _deletedIds.Add(id);
        return true;
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await _transaction.CommitAsync(cancellationToken);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in new[] { _findExisting, _insertExpert, _updateExpert, _insertOtherName, _insertField, _insertKeyword,
                     _insertLanguage, _insertEngagement, _insertPublication, _insertAuthor, _insertAudit }.Concat(_deleteChildren))
        {
            await command.DisposeAsync();
        }

        if (!_committed)
        {
            await _transaction.RollbackAsync();
        }

        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private async Task<long> CurrentRowVersionAsync(string id, CancellationToken cancellationToken) =>
        await _connection.ExecuteScalarAsync<long?>(new CommandDefinition(RowVersionSql, new { Id = id }, _transaction, cancellationToken: cancellationToken)) ?? 0;

    private async Task<(long RowVersion, string CreatedAt)?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var reader = await _findExisting.ReaderAsync(cancellationToken, id);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return (Convert.ToInt64(reader.GetValue(0)), reader.GetString(1));
    }

    private async Task InsertChildrenAsync(Expert expert, CancellationToken cancellationToken)
    {
        for (var i = 0; i < expert.OtherNames.Count; i++)
        {
            await _insertOtherName.RunAsync(cancellationToken, expert.Id, i, expert.OtherNames[i]);
        }

        for (var i = 0; i < expert.Fields.Count; i++)
        {
            await _insertField.RunAsync(cancellationToken, expert.Id, i, expert.Fields[i]);
        }

        for (var i = 0; i < expert.Keywords.Count; i++)
        {
            await _insertKeyword.RunAsync(cancellationToken, expert.Id, i, expert.Keywords[i], VietnameseText.Fold(expert.Keywords[i]));
        }

        for (var i = 0; i < expert.Languages.Count; i++)
        {
            await _insertLanguage.RunAsync(cancellationToken, expert.Id, i, expert.Languages[i]);
        }

        for (var i = 0; i < expert.Engagement.Count; i++)
        {
            await _insertEngagement.RunAsync(cancellationToken, expert.Id, i, expert.Engagement[i]);
        }

        for (var i = 0; i < expert.Publications.Count; i++)
        {
            var publication = expert.Publications[i];
            await _insertPublication.RunAsync(cancellationToken, expert.Id, i, publication.Title, publication.Abstract, publication.Year, publication.Venue, publication.Doi);
            for (var j = 0; j < publication.Authors.Count; j++)
            {
                await _insertAuthor.RunAsync(cancellationToken, expert.Id, i, j, publication.Authors[j]);
            }
        }
    }

    private static string CreatedChanges(Expert expert) => JsonSerializer.Serialize(new { created = FieldsPresent(expert) });

    private static List<string> FieldsPresent(Expert e)
    {
        var fields = new List<string> { "id", "fullName" };
        void Add(string name, bool present)
        {
            if (present)
            {
                fields.Add(name);
            }
        }

        Add("otherNames", e.OtherNames.Count > 0);
        Add("headline", e.Headline is not null);
        Add("affiliation", e.Affiliation is not null);
        Add("country", e.Country is not null);
        Add("city", e.City is not null);
        Add("hometown", e.Hometown is not null);
        Add("fields", e.Fields.Count > 0);
        Add("keywords", e.Keywords.Count > 0);
        Add("languages", e.Languages.Count > 0);
        Add("degree", e.Degree is not null);
        Add("hIndex", e.HIndex is not null);
        Add("engagement", e.Engagement.Count > 0);
        Add("bio", e.Bio is not null);
        Add("email", e.Email is not null);
        Add("orcid", e.Orcid is not null);
        fields.Add("consent");
        Add("publications", e.Publications.Count > 0);
        return fields;
    }

    private object?[] ExpertValues(Expert expert, string createdAt, string updatedAt, long rowVersion) =>
    [
        expert.Id, expert.FullName, VietnameseText.Fold(expert.FullName), expert.Headline, expert.Affiliation, expert.Country,
        expert.City, expert.Hometown, Geography.Classify(expert).Name(), expert.Degree, expert.HIndex, expert.Bio, expert.Email,
        expert.Orcid, expert.Consent.Listed, expert.Consent.Contact, createdAt, updatedAt, rowVersion, _changedBy,
    ];

    private PreparedCommand Prepare(string sql, params Param[] parameters) => new(_connection, _transaction, sql, parameters);

    internal static readonly Param[] ExpertColumns =
    [
        Param.Key("Id"), Param.Text("FullName", 200), Param.Text("NameFolded", 200), Param.Text("Headline", 1000), Param.Text("Affiliation", 500),
        Param.FixedAscii("Country", 2), Param.Text("City", 200), Param.Text("Hometown", 200), Param.Ascii("LocationClass", 16), Param.Ascii("Degree", 16),
        Param.Int("HIndex"), Param.LongText("Bio"), Param.Text("Email", StoredText.EmailLength), Param.FixedAscii("Orcid", 19), Param.Bool("Listed"),
        Param.Bool("ContactVisible"), Param.Ascii("CreatedAt", 40), Param.Ascii("UpdatedAt", 40), Param.Long("RowVersion"),
        Param.Text("ChangedBy", StoredText.ActorLength),
    ];

    internal static string FindExistingSql(SqlDialect dialect) => FindExistingSelect + dialect.UpdateLockHint + FindExistingFilter;

    private const string FindExistingSelect = "SELECT row_version, created_at FROM experts";
    private const string FindExistingFilter = " WHERE id = @Id";
    private const string RowVersionSql = "SELECT row_version FROM experts WHERE id = @Id";

    private const string InsertExpertSql = """
        INSERT INTO experts (id, full_name, name_folded, headline, affiliation, country, city, hometown, location_class, degree,
                             h_index, bio, email, orcid, listed, contact_visible, created_at, updated_at, row_version, changed_by)
        VALUES (@Id, @FullName, @NameFolded, @Headline, @Affiliation, @Country, @City, @Hometown, @LocationClass, @Degree,
                @HIndex, @Bio, @Email, @Orcid, @Listed, @ContactVisible, @CreatedAt, @UpdatedAt, @RowVersion, @ChangedBy)
        """;

    private const string UpdateExpertSql = """
        UPDATE experts SET full_name = @FullName, name_folded = @NameFolded, headline = @Headline, affiliation = @Affiliation,
               country = @Country, city = @City, hometown = @Hometown, location_class = @LocationClass, degree = @Degree,
               h_index = @HIndex, bio = @Bio, email = @Email, orcid = @Orcid, listed = @Listed, contact_visible = @ContactVisible,
               created_at = @CreatedAt, updated_at = @UpdatedAt, row_version = @RowVersion, changed_by = @ChangedBy
        WHERE id = @Id AND row_version = @ExpectedRowVersion
        """;

    private static readonly string[] DeleteChildrenSql =
    [
        "DELETE FROM publication_authors WHERE expert_id = @Id",
        "DELETE FROM publications WHERE expert_id = @Id",
        "DELETE FROM expert_other_names WHERE expert_id = @Id",
        "DELETE FROM expert_fields WHERE expert_id = @Id",
        "DELETE FROM expert_keywords WHERE expert_id = @Id",
        "DELETE FROM expert_languages WHERE expert_id = @Id",
        "DELETE FROM expert_engagement WHERE expert_id = @Id",
    ];

    private const string DeleteExpertSql = "DELETE FROM experts WHERE id = @Id";
    private const string InsertOtherNameSql = "INSERT INTO expert_other_names (expert_id, position, name) VALUES (@ExpertId, @Position, @Name)";
    private const string InsertFieldSql = "INSERT INTO expert_fields (expert_id, position, field) VALUES (@ExpertId, @Position, @Field)";
    private const string InsertKeywordSql = "INSERT INTO expert_keywords (expert_id, position, keyword, keyword_folded) VALUES (@ExpertId, @Position, @Keyword, @KeywordFolded)";
    private const string InsertLanguageSql = "INSERT INTO expert_languages (expert_id, position, language) VALUES (@ExpertId, @Position, @Language)";
    private const string InsertEngagementSql = "INSERT INTO expert_engagement (expert_id, position, engagement) VALUES (@ExpertId, @Position, @Engagement)";
    private const string InsertPublicationSql = "INSERT INTO publications (expert_id, position, title, abstract, year, venue, doi) VALUES (@ExpertId, @Position, @Title, @Abstract, @Year, @Venue, @Doi)";
    private const string InsertAuthorSql = "INSERT INTO publication_authors (expert_id, publication_position, position, name) VALUES (@ExpertId, @PublicationPosition, @Position, @Name)";
    private const string InsertAuditSql = "INSERT INTO audit (expert_id, changed_at, changed_by, action, changes) VALUES (@ExpertId, @ChangedAt, @ChangedBy, @Action, @Changes)";
}
