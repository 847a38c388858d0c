-- name: unit/row
-- Returns one unit's row at one period (no row when it is absent then).
-- Parameters: $code VARCHAR, $period_files VARCHAR[] (the period's file).
-- Columns: every column of console.schema.SNAPSHOT_COLUMNS.
SELECT * FROM snapshot_of($period_files) WHERE unit_code = $code;
