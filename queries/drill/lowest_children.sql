-- name: drill/lowest_children
-- Returns the rows of a drill view (drill/view) for the children of $node of the lowest
-- level, $lowest, which rollups does not keep: read from the period's file
-- (rollup/unit_rows), their rollup being their own row (their own alerts are counted
-- apart: alerting/own_counts). Rows in no order.
-- Parameters: $node VARCHAR, $period DATE, $lowest VARCHAR, $period_files VARCHAR[] (the
--   period's file), $baseline_files VARCHAR[] (the file of the earliest period), $baseline
--   BOOLEAN (whether the lowest level has a staff quota: else the baseline is not read).
-- Columns: those of rollup/unit_rows.
SELECT * FROM unit_rows($period_files, $baseline_files, $period, $node, $baseline)
WHERE level = $lowest;
