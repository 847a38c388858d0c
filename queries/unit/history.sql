-- name: unit/history
-- Returns one unit's row in every period, oldest first.
-- Parameters: $code VARCHAR.
-- Columns: every column of console.schema.SNAPSHOT_COLUMNS.
SELECT * FROM snapshot WHERE unit_code = $code ORDER BY period;
