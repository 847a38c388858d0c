-- name: paged/find
-- Returns the row id of the unit $code in a long view's scratch table (none if absent).
-- Parameters: $code VARCHAR.
-- Columns: rid BIGINT.
SELECT rowid AS rid FROM paged_rows WHERE unit_code = $code;
