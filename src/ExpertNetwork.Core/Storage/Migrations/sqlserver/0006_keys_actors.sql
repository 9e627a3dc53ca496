-- Who made a change is "user:" plus an email address of up to 320 characters, or "import:" plus a file name.
ALTER TABLE experts ALTER COLUMN changed_by NVARCHAR(400) NOT NULL;
ALTER TABLE audit ALTER COLUMN changed_by NVARCHAR(400) NOT NULL;
ALTER TABLE needs ALTER COLUMN changed_by NVARCHAR(400) NOT NULL;
ALTER TABLE shortlist_outcomes ALTER COLUMN recorded_by NVARCHAR(400) NOT NULL;

-- needs.jsonl allows titles of up to 1,000 characters.
ALTER TABLE needs ALTER COLUMN title NVARCHAR(1000) NULL;

-- Keys compare the way SQLite compares text: byte for byte. Under the database's (usually case-insensitive)
-- collation 'BD-1' and 'bd-1' were one row on SQL Server but two on SQLite and in the search index. Every
-- character column that is an id, or part of a primary, unique or foreign key, becomes
-- NVARCHAR(n) COLLATE Latin1_General_100_BIN2 (NVARCHAR so the client's NVARCHAR parameters compare without
-- a conversion). A column's collation cannot change under an index, a key or statistics, so those are
-- read from the catalog, dropped and created again as they were; the catalog is read rather than named
-- here so that tables added by earlier migrations are covered too.
-- READ_COMMITTED_SNAPSHOT cannot be set inside a transaction: the migrator sets it, or says how, after the scripts.
DECLARE @collation SYSNAME = N'Latin1_General_100_BIN2';
DECLARE @newline NCHAR(1) = NCHAR(10);

DECLARE @keys TABLE (object_id INT NOT NULL, column_id INT NOT NULL, PRIMARY KEY (object_id, column_id));
INSERT INTO @keys (object_id, column_id)
SELECT c.object_id, c.column_id
FROM sys.columns AS c
JOIN sys.tables AS t ON t.object_id = c.object_id
JOIN sys.types AS ty ON ty.user_type_id = c.user_type_id
WHERE t.is_ms_shipped = 0
  AND t.name <> N'schema_versions'
  AND ty.name IN (N'char', N'varchar', N'nchar', N'nvarchar')
  AND c.max_length > 0
  AND (c.name = N'id'
       OR c.name LIKE N'%[_]id'
       OR EXISTS (SELECT 1
                  FROM sys.index_columns AS ic
                  JOIN sys.indexes AS i ON i.object_id = ic.object_id AND i.index_id = ic.index_id
                  WHERE ic.object_id = c.object_id AND ic.column_id = c.column_id AND ic.is_included_column = 0
                    AND (i.is_primary_key = 1 OR i.is_unique_constraint = 1 OR i.is_unique = 1))
       OR EXISTS (SELECT 1
                  FROM sys.foreign_key_columns AS f
                  WHERE (f.parent_object_id = c.object_id AND f.parent_column_id = c.column_id)
                     OR (f.referenced_object_id = c.object_id AND f.referenced_column_id = c.column_id)));

DECLARE @dropKeys NVARCHAR(MAX), @addKeys NVARCHAR(MAX);
SELECT @dropKeys = STRING_AGG(CAST(N'ALTER TABLE ' + QUOTENAME(OBJECT_SCHEMA_NAME(fk.parent_object_id)) + N'.' + QUOTENAME(OBJECT_NAME(fk.parent_object_id))
                                   + N' DROP CONSTRAINT ' + QUOTENAME(fk.name) + N';' AS NVARCHAR(MAX)), @newline),
       @addKeys = STRING_AGG(CAST(N'ALTER TABLE ' + QUOTENAME(OBJECT_SCHEMA_NAME(fk.parent_object_id)) + N'.' + QUOTENAME(OBJECT_NAME(fk.parent_object_id))
                                  + N' ADD CONSTRAINT ' + QUOTENAME(fk.name) + N' FOREIGN KEY (' + cols.parent + N') REFERENCES '
                                  + QUOTENAME(OBJECT_SCHEMA_NAME(fk.referenced_object_id)) + N'.' + QUOTENAME(OBJECT_NAME(fk.referenced_object_id))
                                  + N' (' + cols.referenced + N') ON DELETE ' + REPLACE(fk.delete_referential_action_desc, N'_', N' ')
                                  + N' ON UPDATE ' + REPLACE(fk.update_referential_action_desc, N'_', N' ') + N';' AS NVARCHAR(MAX)), @newline)
FROM sys.foreign_keys AS fk
CROSS APPLY (SELECT STRING_AGG(QUOTENAME(pc.name), N', ') WITHIN GROUP (ORDER BY fkc.constraint_column_id) AS parent,
                    STRING_AGG(QUOTENAME(rc.name), N', ') WITHIN GROUP (ORDER BY fkc.constraint_column_id) AS referenced
             FROM sys.foreign_key_columns AS fkc
             JOIN sys.columns AS pc ON pc.object_id = fkc.parent_object_id AND pc.column_id = fkc.parent_column_id
             JOIN sys.columns AS rc ON rc.object_id = fkc.referenced_object_id AND rc.column_id = fkc.referenced_column_id
             WHERE fkc.constraint_object_id = fk.object_id) AS cols
WHERE EXISTS (SELECT 1
              FROM sys.foreign_key_columns AS fkc
              JOIN @keys AS k ON (k.object_id = fkc.parent_object_id AND k.column_id = fkc.parent_column_id)
                              OR (k.object_id = fkc.referenced_object_id AND k.column_id = fkc.referenced_column_id)
              WHERE fkc.constraint_object_id = fk.object_id);

DECLARE @dropIndexes NVARCHAR(MAX), @addIndexes NVARCHAR(MAX);
SELECT @dropIndexes = STRING_AGG(CAST(CASE WHEN i.is_primary_key = 1 OR i.is_unique_constraint = 1
                                           THEN N'ALTER TABLE ' + tbl.name + N' DROP CONSTRAINT ' + QUOTENAME(i.name) + N';'
                                           ELSE N'DROP INDEX ' + QUOTENAME(i.name) + N' ON ' + tbl.name + N';' END AS NVARCHAR(MAX)), @newline)
                     WITHIN GROUP (ORDER BY i.type DESC),
       @addIndexes = STRING_AGG(CAST(CASE WHEN i.is_primary_key = 1
                                          THEN N'ALTER TABLE ' + tbl.name + N' ADD CONSTRAINT ' + QUOTENAME(i.name) + N' PRIMARY KEY ' + i.type_desc + N' (' + cols.keyed + N');'
                                          WHEN i.is_unique_constraint = 1
                                          THEN N'ALTER TABLE ' + tbl.name + N' ADD CONSTRAINT ' + QUOTENAME(i.name) + N' UNIQUE ' + i.type_desc + N' (' + cols.keyed + N');'
                                          ELSE N'CREATE ' + CASE WHEN i.is_unique = 1 THEN N'UNIQUE ' ELSE N'' END + i.type_desc + N' INDEX ' + QUOTENAME(i.name)
                                               + N' ON ' + tbl.name + N' (' + cols.keyed + N')' + ISNULL(N' INCLUDE (' + cols.included + N')', N'')
                                               + ISNULL(N' WHERE ' + i.filter_definition, N'') + N';' END AS NVARCHAR(MAX)), @newline)
                    WITHIN GROUP (ORDER BY i.type, i.is_primary_key DESC)
FROM sys.indexes AS i
CROSS APPLY (SELECT QUOTENAME(OBJECT_SCHEMA_NAME(i.object_id)) + N'.' + QUOTENAME(OBJECT_NAME(i.object_id)) AS name) AS tbl
CROSS APPLY (SELECT STRING_AGG(CASE WHEN ic.is_included_column = 0 THEN QUOTENAME(c.name) + CASE WHEN ic.is_descending_key = 1 THEN N' DESC' ELSE N'' END END, N', ')
                        WITHIN GROUP (ORDER BY ic.key_ordinal) AS keyed,
                    STRING_AGG(CASE WHEN ic.is_included_column = 1 THEN QUOTENAME(c.name) END, N', ')
                        WITHIN GROUP (ORDER BY ic.index_column_id) AS included
             FROM sys.index_columns AS ic
             JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
             WHERE ic.object_id = i.object_id AND ic.index_id = i.index_id) AS cols
WHERE i.type IN (1, 2)
  AND EXISTS (SELECT 1 FROM sys.index_columns AS ic JOIN @keys AS k ON k.object_id = ic.object_id AND k.column_id = ic.column_id
              WHERE ic.object_id = i.object_id AND ic.index_id = i.index_id);

DECLARE @dropStatistics NVARCHAR(MAX);
SELECT @dropStatistics = STRING_AGG(CAST(N'DROP STATISTICS ' + QUOTENAME(OBJECT_SCHEMA_NAME(s.object_id)) + N'.' + QUOTENAME(OBJECT_NAME(s.object_id))
                                         + N'.' + QUOTENAME(s.name) + N';' AS NVARCHAR(MAX)), @newline)
FROM sys.stats AS s
WHERE (s.auto_created = 1 OR s.user_created = 1)
  AND EXISTS (SELECT 1 FROM sys.stats_columns AS sc JOIN @keys AS k ON k.object_id = sc.object_id AND k.column_id = sc.column_id
              WHERE sc.object_id = s.object_id AND sc.stats_id = s.stats_id);

DECLARE @alterColumns NVARCHAR(MAX);
SELECT @alterColumns = STRING_AGG(CAST(N'ALTER TABLE ' + QUOTENAME(OBJECT_SCHEMA_NAME(c.object_id)) + N'.' + QUOTENAME(OBJECT_NAME(c.object_id))
                                       + N' ALTER COLUMN ' + QUOTENAME(c.name) + CASE WHEN ty.name IN (N'char', N'nchar') THEN N' NCHAR(' ELSE N' NVARCHAR(' END
                                       + CAST(CASE WHEN ty.name IN (N'nchar', N'nvarchar') THEN c.max_length / 2 ELSE c.max_length END AS NVARCHAR(10))
                                       + N') COLLATE ' + @collation + CASE WHEN c.is_nullable = 1 THEN N' NULL;' ELSE N' NOT NULL;' END AS NVARCHAR(MAX)), @newline)
FROM @keys AS k
JOIN sys.columns AS c ON c.object_id = k.object_id AND c.column_id = k.column_id
JOIN sys.types AS ty ON ty.user_type_id = c.user_type_id;

DECLARE @script NVARCHAR(MAX) = CONCAT(@dropKeys, @newline, @dropStatistics, @newline, @dropIndexes, @newline, @alterColumns, @newline, @addIndexes, @newline, @addKeys);
EXEC sys.sp_executesql @script;
