-- name: unit/row
-- Returns one unit's row at one period (no row when it is absent then).
-- Parameters: $code VARCHAR, $period DATE.
-- Columns: every column of console.schema.SNAPSHOT_COLUMNS.
SELECT * FROM snapshot WHERE unit_code = $code AND period = $period;
