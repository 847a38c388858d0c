-- name: paged/stretch
-- Returns the rows of a long view's scratch table whose row ids run from $first to
-- $first + $count - 1, with their row id: a stretch of the table as it is stored, which
-- is read quicker than rows picked by the view's order (for measuring every row).
-- Parameters: $first BIGINT, $count BIGINT.
-- Columns: rid BIGINT, then those of the table.
SELECT rowid AS rid, *
FROM paged_rows
WHERE rowid >= $first AND rowid < $first + $count;
