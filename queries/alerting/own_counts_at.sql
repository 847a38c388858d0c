-- name: alerting/own_counts_at
-- Returns, for each unit with alerts at $period, how many critical and warning alerts
-- fire on it alone (alerting/own_counts): a narrow table that Store sets beside the rows
-- of a flattened view of the lowest level (drill/lowest_in_subtree) by unit code, where
-- a join in DuckDB would hash the wide rows.
-- Parameters: $period DATE.
-- Columns: unit_code VARCHAR, critical BIGINT, warning BIGINT.
SELECT unit_code, critical, warning FROM own_counts($period);
