-- name: unit/children_count
-- Returns how many children a unit has at a period (whatever their status).
-- Parameters: $code VARCHAR, $period_files VARCHAR[] (the period's file).
-- Columns: children BIGINT.
SELECT count(*) AS children FROM snapshot_of($period_files) WHERE parent_code = $code;
