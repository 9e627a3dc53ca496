using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using ExpertNetwork.Storage;
using ExpertNetwork.Text;

namespace ExpertNetwork.Experts;

public sealed class ConcurrencyConflictException(string expertId, long expected, long actual)
    : Exception($"Expert '{expertId}' was changed by someone else (row version {actual}, expected {expected}); reload and try again.")
{
    public string ExpertId { get; } = expertId;
}

/// <summary>What a result list shows of a profile, and the consent that decides whether it may: no publications, no contact data.</summary>
public sealed record ExpertSummary(
    string Id, string FullName, string? Headline, string? Affiliation, string? Country, string? City, int? HIndex, bool Listed, IReadOnlyList<string> Fields);

public sealed record AuditEntry(long Id, string ExpertId, DateTimeOffset ChangedAt, string ChangedBy, string Action, string Changes);

/// <summary>The system of record for profiles. SQL is shared by SQLite and SQL Server unless <see cref="SqlDialect"/> says otherwise.</summary>
public sealed class ExpertStore(Database database, TimeProvider clock)
{
    public Database Database => database;

    public async Task<ExpertWriteSession> BeginWriteAsync(string changedBy, CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        return new ExpertWriteSession(connection, transaction, database.Dialect, changedBy, clock);
    }

    /// <summary>Saves one profile; with <paramref name="expectedRowVersion"/> it fails instead of overwriting someone else's change.</summary>
    public async Task<StoredExpert> SaveAsync(Expert expert, string changedBy, long? expectedRowVersion = null, CancellationToken cancellationToken = default)
    {
        await using var session = await BeginWriteAsync(changedBy, cancellationToken);
        await session.SaveAsync(expert, expectedRowVersion, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return (await GetAsync(expert.Id, cancellationToken))!;
    }

    public async Task<bool> DeleteAsync(string id, string changedBy, CancellationToken cancellationToken = default)
    {
        await using var session = await BeginWriteAsync(changedBy, cancellationToken);
        var deleted = await session.DeleteAsync(id, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return deleted;
    }

    public async Task<StoredExpert?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await GetAsync(connection, null, id, cancellationToken);
    }

    internal static async Task<StoredExpert?> GetAsync(DbConnection connection, DbTransaction? transaction, string id, CancellationToken cancellationToken)
    {
        var page = await LoadAsync(connection, transaction, ByIdFilter, ByIdChildFilter, new { Id = id }, cancellationToken);
        return page.Count == 0 ? null : page[0];
    }

    internal static Task<IReadOnlyList<StoredExpert>> LoadManyAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        LoadAsync(connection, transaction, InFilter, InChildFilter, new { Ids = ids }, cancellationToken);

    /// <summary>Streams every profile in id order, a page at a time, so exports and index rebuilds run in bounded memory.</summary>
    public async IAsyncEnumerable<StoredExpert> StreamAsync(int pageSize = 1000, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = "";
        while (true)
        {
            IReadOnlyList<StoredExpert> page;
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                var last = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                    LastIdOfPageSql + database.Dialect.PageClause,
                    new { After = after, Skip = pageSize - 1, Take = 1 },
                    cancellationToken: cancellationToken));
                last ??= await connection.ExecuteScalarAsync<string?>(new CommandDefinition(MaxIdSql, cancellationToken: cancellationToken));
                if (last is null)
                {
                    yield break;
                }

                page = await LoadAsync(connection, null, RangeFilter, RangeChildFilter, new { After = after, Last = last }, cancellationToken);
            }

            if (page.Count == 0)
            {
                yield break;
            }

            foreach (var expert in page)
            {
                yield return expert;
            }

            after = page[^1].Expert.Id;
        }
    }

    public async Task<IReadOnlyList<StoredExpert>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var result = new List<StoredExpert>(ids.Count);
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            result.AddRange(await LoadAsync(connection, null, InFilter, InChildFilter, new { Ids = chunk }, cancellationToken));
        }

        return result;
    }

    /// <summary>Summaries of the profiles with these ids (two small queries), for result lists that show a line or two each.</summary>
    public async Task<IReadOnlyList<ExpertSummary>> GetSummariesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var result = new List<ExpertSummary>(ids.Count);
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(SummariesSql, new { Ids = chunk }, cancellationToken: cancellationToken));
            var rows = (await grid.ReadAsync<SummaryRow>()).ToList();
            var fields = ToLookup(await grid.ReadAsync<ChildRow>());
            result.AddRange(rows.Select(r => new ExpertSummary(r.Id, r.FullName, r.Headline, r.Affiliation, r.Country, r.City, r.HIndex, r.Listed, fields[r.Id].ToList())));
        }

        return result;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountSql, cancellationToken: cancellationToken));
    }

    /// <summary>Changes whenever any profile is added, changed or deleted; an index built from an older stamp is stale.</summary>
    public async Task<string> StampAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var stamp = await connection.QuerySingleAsync<(long Count, string? LastUpdate, long? LastAudit)>(new CommandDefinition(StampSql, cancellationToken: cancellationToken));
        return $"{stamp.Count}:{stamp.LastUpdate ?? "-"}:{stamp.LastAudit ?? 0}";
    }

    /// <summary>
    /// The id of the newest audit entry. Every change to a profile writes one in the same transaction, and SQLite
    /// commits one writer at a time, so ids become visible in order: an index that has applied every change up to
    /// this id reflects the store.
    /// </summary>
    public async Task<long> LastChangeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(LastChangeSql, cancellationToken: cancellationToken)) ?? 0;
    }

    /// <summary>The audit id a stamp from <see cref="StampAsync"/> ends with (<see cref="LastChangeAsync"/> when it was taken); null for any other string.</summary>
    public static long? ChangeOf(string? stamp) =>
        stamp is not null && stamp.LastIndexOf(':') is var colon and > 0 && long.TryParse(stamp.AsSpan(colon + 1), out var id) ? id : null;

    /// <summary>
    /// Ids of the profiles changed or deleted by audit entries after <paramref name="after"/> up to <paramref name="upTo"/>,
    /// or null when there are more than <paramref name="limit"/> entries (a rebuild is then the cheaper way).
    /// </summary>
    public async Task<IReadOnlyList<string>?> ChangedBetweenAsync(long after, long upTo, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var range = new { After = after, UpTo = upTo };
        var entries = await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountChangesSql, range, cancellationToken: cancellationToken));
        if (entries > limit)
        {
            return null;
        }

        return (await connection.QueryAsync<string>(new CommandDefinition(ChangedIdsSql, range, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(string expertId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(AuditSql, new { ExpertId = expertId }, cancellationToken: cancellationToken));
        return rows.Select(r => new AuditEntry(r.Id, r.ExpertId, DateTimeOffset.Parse(r.ChangedAt), r.ChangedBy, r.Action, r.Changes)).ToList();
    }

    private static async Task<IReadOnlyList<StoredExpert>> LoadAsync(
        DbConnection connection, DbTransaction? transaction, string filter, string childFilter, object parameters, CancellationToken cancellationToken)
    {
        var command = new CommandDefinition(
            LoadSql(filter, childFilter),
            parameters,
            transaction,
            cancellationToken: cancellationToken);
        await using var grid = await connection.QueryMultipleAsync(command);
        var rows = (await grid.ReadAsync<ExpertRow>()).ToList();
        var otherNames = ToLookup(await grid.ReadAsync<ChildRow>());
        var fields = ToLookup(await grid.ReadAsync<ChildRow>());
        var keywords = ToLookup(await grid.ReadAsync<ChildRow>());
        var languages = ToLookup(await grid.ReadAsync<ChildRow>());
        var engagement = ToLookup(await grid.ReadAsync<ChildRow>());
        var publications = (await grid.ReadAsync<PublicationRow>()).ToLookup(p => p.ExpertId);
        var authors = (await grid.ReadAsync<AuthorRow>()).ToLookup(a => (a.ExpertId, a.PublicationPosition), a => a.Name);

        return rows.Select(r => new StoredExpert(
            new Expert
            {
                Id = r.Id,
                FullName = r.FullName,
                OtherNames = otherNames[r.Id].ToList(),
                Headline = r.Headline,
                Affiliation = r.Affiliation,
                Country = r.Country,
                City = r.City,
                Hometown = r.Hometown,
                Fields = fields[r.Id].ToList(),
                Keywords = keywords[r.Id].ToList(),
                Languages = languages[r.Id].ToList(),
                Degree = r.Degree,
                HIndex = r.HIndex,
                Engagement = engagement[r.Id].ToList(),
                Bio = r.Bio,
                Email = r.Email,
                Orcid = r.Orcid,
                Consent = new Consent(r.Listed, r.ContactVisible),
                Publications = publications[r.Id].Select(p => new Publication
                {
                    Title = p.Title,
                    Abstract = p.Abstract,
                    Year = p.Year,
                    Venue = p.Venue,
                    Doi = p.Doi,
                    Authors = authors[(r.Id, p.Position)].ToList(),
                }).ToList(),
            },
            DateTimeOffset.Parse(r.CreatedAt),
            DateTimeOffset.Parse(r.UpdatedAt),
            r.RowVersion,
            r.ChangedBy)).ToList();
    }

    internal static string LoadSql(string filter, string childFilter) =>
        string.Join(";\n", SelectExpertsSql + filter + " ORDER BY id",
            SelectOtherNamesSql + childFilter + ChildOrder,
            SelectFieldsSql + childFilter + ChildOrder,
            SelectKeywordsSql + childFilter + ChildOrder,
            SelectLanguagesSql + childFilter + ChildOrder,
            SelectEngagementSql + childFilter + ChildOrder,
            SelectPublicationsSql + childFilter + ChildOrder,
            SelectAuthorsSql + childFilter + " ORDER BY expert_id, publication_position, position");

    internal static IEnumerable<string> LoadSqlVariants() =>
    [
        LoadSql(ByIdFilter, ByIdChildFilter),
        LoadSql(RangeFilter, RangeChildFilter),
        LoadSql(InFilter, InChildFilter),
    ];

    private static ILookup<string, string> ToLookup(IEnumerable<ChildRow> rows) => rows.ToLookup(r => r.ExpertId, r => r.Value);

    // Classes with setters rather than positional records: Dapper then converts SQLite's INTEGER to bool and int.
    private sealed class ExpertRow
    {
        public string Id { get; set; } = "";
        public string FullName { get; set; } = "";
        public string? Headline { get; set; }
        public string? Affiliation { get; set; }
        public string? Country { get; set; }
        public string? City { get; set; }
        public string? Hometown { get; set; }
        public string? Degree { get; set; }
        public int? HIndex { get; set; }
        public string? Bio { get; set; }
        public string? Email { get; set; }
        public string? Orcid { get; set; }
        public bool Listed { get; set; }
        public bool ContactVisible { get; set; }
        public string CreatedAt { get; set; } = "";
        public string UpdatedAt { get; set; } = "";
        public long RowVersion { get; set; }
        public string ChangedBy { get; set; } = "";
    }

    private sealed class SummaryRow
    {
        public string Id { get; set; } = "";
        public string FullName { get; set; } = "";
        public string? Headline { get; set; }
        public string? Affiliation { get; set; }
        public string? Country { get; set; }
        public string? City { get; set; }
        public int? HIndex { get; set; }
        public bool Listed { get; set; }
    }

    private sealed class ChildRow
    {
        public string ExpertId { get; set; } = "";
        public string Value { get; set; } = "";
    }

    private sealed class PublicationRow
    {
        public string ExpertId { get; set; } = "";
        public int Position { get; set; }
        public string? Title { get; set; }
        public string? Abstract { get; set; }
        public int? Year { get; set; }
        public string? Venue { get; set; }
        public string? Doi { get; set; }
    }

    private sealed class AuthorRow
    {
        public string ExpertId { get; set; } = "";
        public int PublicationPosition { get; set; }
        public string Name { get; set; } = "";
    }

    private sealed class AuditRow
    {
        public long Id { get; set; }
        public string ExpertId { get; set; } = "";
        public string ChangedAt { get; set; } = "";
        public string ChangedBy { get; set; } = "";
        public string Action { get; set; } = "";
        public string Changes { get; set; } = "";
    }

    private const string SelectExpertsSql = """
        SELECT id AS Id, full_name AS FullName, headline AS Headline, affiliation AS Affiliation, country AS Country,
               city AS City, hometown AS Hometown, degree AS Degree, h_index AS HIndex, bio AS Bio, email AS Email,
               orcid AS Orcid, listed AS Listed, contact_visible AS ContactVisible, created_at AS CreatedAt,
               updated_at AS UpdatedAt, row_version AS RowVersion, changed_by AS ChangedBy
        FROM experts
        """;

    private const string SelectOtherNamesSql = "SELECT expert_id AS ExpertId, name AS Value FROM expert_other_names";
    private const string SelectFieldsSql = "SELECT expert_id AS ExpertId, field AS Value FROM expert_fields";
    private const string SelectKeywordsSql = "SELECT expert_id AS ExpertId, keyword AS Value FROM expert_keywords";
    private const string SelectLanguagesSql = "SELECT expert_id AS ExpertId, language AS Value FROM expert_languages";
    private const string SelectEngagementSql = "SELECT expert_id AS ExpertId, engagement AS Value FROM expert_engagement";
    private const string SelectPublicationsSql = "SELECT expert_id AS ExpertId, position AS Position, title AS Title, abstract AS Abstract, year AS Year, venue AS Venue, doi AS Doi FROM publications";
    private const string SelectAuthorsSql = "SELECT expert_id AS ExpertId, publication_position AS PublicationPosition, name AS Name FROM publication_authors";
    private const string ChildOrder = " ORDER BY expert_id, position";

    internal const string ByIdFilter = " WHERE id = @Id";
    private const string ByIdChildFilter = " WHERE expert_id = @Id";
    private const string RangeFilter = " WHERE id > @After AND id <= @Last";
    private const string RangeChildFilter = " WHERE expert_id > @After AND expert_id <= @Last";
    private const string InFilter = " WHERE id IN @Ids";
    private const string InChildFilter = " WHERE expert_id IN @Ids";

    internal const string LastIdOfPageSql = "SELECT id FROM experts WHERE id > @After ORDER BY id";
    private const string MaxIdSql = "SELECT MAX(id) FROM experts";
    private const string CountSql = "SELECT CAST(COUNT(*) AS BIGINT) FROM experts";
    private const string StampSql = "SELECT (SELECT CAST(COUNT(*) AS BIGINT) FROM experts) AS Count, (SELECT MAX(updated_at) FROM experts) AS LastUpdate, (SELECT CAST(MAX(id) AS BIGINT) FROM audit) AS LastAudit";
    private const string SummariesSql = """
        SELECT id AS Id, full_name AS FullName, headline AS Headline, affiliation AS Affiliation, country AS Country, city AS City,
               h_index AS HIndex, listed AS Listed
        FROM experts WHERE id IN @Ids;
        SELECT expert_id AS ExpertId, field AS Value FROM expert_fields WHERE expert_id IN @Ids ORDER BY expert_id, position
        """;

    private const string LastChangeSql = "SELECT CAST(MAX(id) AS BIGINT) FROM audit";
    private const string CountChangesSql = "SELECT CAST(COUNT(*) AS BIGINT) FROM audit WHERE id > @After AND id <= @UpTo";
    private const string ChangedIdsSql = "SELECT DISTINCT expert_id FROM audit WHERE id > @After AND id <= @UpTo";
    private const string AuditSql = """
        SELECT id AS Id, expert_id AS ExpertId, changed_at AS ChangedAt, changed_by AS ChangedBy, action AS Action, changes AS Changes
        FROM audit WHERE expert_id = @ExpertId ORDER BY id
        """;
}
