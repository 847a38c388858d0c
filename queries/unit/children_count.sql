-- name: unit/children_count
-- Returns how many children a unit has at a period (whatever their status).
-- Parameters: $code VARCHAR, $period DATE.
-- Columns: children BIGINT.
SELECT count(*) AS children FROM snapshot WHERE period = $period AND parent_code = $code;
