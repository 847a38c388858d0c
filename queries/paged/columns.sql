-- name: paged/columns
-- Returns every row of a long view's scratch table with its row id and only the columns
-- $columns, in no order: what console.view.arranged reads to filter and sort the view.
-- Parameters: $columns VARCHAR[] (column names of the table).
-- Columns: rid BIGINT, then those of $columns that the table has.
SELECT rowid AS rid, COLUMNS(lambda c: list_contains($columns, c))
FROM paged_rows;
