-- name: drill/lowest_children
-- Returns the rows of a drill view (drill/view) for the children of $node of the lowest
-- level, $lowest, which rollups does not keep: read from the period's file
-- (rollup/unit_rows), their rollup being their own row, with their own alert counts
-- (alerting/own_counts) when $alerts, else NULL. Rows in no order.
-- Parameters: $node VARCHAR, $period DATE, $lowest VARCHAR, $period_files VARCHAR[] (the
--   period's file), $baseline_files VARCHAR[] (the file of the earliest period), $baseline
--   BOOLEAN (whether the lowest level has a staff quota: else the baseline is not read),
--   $alerts BOOLEAN.
-- Columns: those of rollup/unit_rows, then alerts_critical BIGINT, alerts_warning BIGINT.
SELECT u.*,
       CASE WHEN $alerts THEN coalesce(c.critical, 0) END AS alerts_critical,
       CASE WHEN $alerts THEN coalesce(c.warning, 0) END AS alerts_warning
FROM unit_rows($period_files, $baseline_files, $period, $node, $baseline) AS u
LEFT JOIN (SELECT * FROM own_counts($period) WHERE $alerts) AS c USING (unit_code)
WHERE u.level = $lowest;
