-- SQLite already compares keys byte for byte (the BINARY collation), as SQL Server's key columns do from
-- this migration on, and its text columns have no width: the lengths SQL Server's columns allow (changed_by
-- and recorded_by 400, needs.title 1,000) are enforced by the stores themselves for both engines.
SELECT 1;
