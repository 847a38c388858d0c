-- name: alerting/own_counts_at
-- Returns the severity of every alert at $period with the unit it fires on, narrow, for
-- Store to count per unit (what alerting/own_counts counts) beside the rows of a
-- flattened view of the lowest level (drill/lowest_in_subtree): DuckDB's grouping of
-- ~430,000 alerts by unit held ~50 MB after it, counting them in Arrow ~12 MB.
-- Parameters: $period DATE.
-- Columns: unit_code VARCHAR, severity VARCHAR.
SELECT unit_code, severity FROM alerts WHERE period = $period;
