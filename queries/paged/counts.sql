-- name: paged/counts
-- Fills in the alert counts of a long view's scratch table (made with them 0): each
-- unit's own critical and warning alerts at $period (alerting/own_counts). An update of
-- the table, not a join when it is made: DuckDB, which guesses ~5% of the rows there,
-- would hash the wide rows to join the narrow counts.
-- Parameters: $period DATE.
UPDATE paged_rows AS r SET alerts_critical = c.critical, alerts_warning = c.warning
FROM own_counts($period) AS c
WHERE r.unit_code = c.unit_code;
