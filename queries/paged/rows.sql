-- name: paged/rows
-- Returns the rows of a long view's scratch table whose row ids are in $rids (a block of
-- the view's order), with their row id, in no order (console.paged_view restores it).
-- Parameters: $rids BIGINT[].
-- Columns: rid BIGINT, then those of the table.
SELECT rowid AS rid, *
FROM paged_rows
WHERE rowid IN (SELECT unnest($rids));
