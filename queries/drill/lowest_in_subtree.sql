-- name: drill/lowest_in_subtree
-- Returns the rows of a flattened view of the lowest level, $lowest (drill/view with
-- $level = $lowest): every unit of that level in the subtree of $node, read from the
-- period's file (rollup/unit_rows), their rollup being their own row, and alert counts
-- 0 when $alerts (each unit's own are added after: Store with alerting/own_counts_at,
-- console.paged_view with paged/counts), else NULL. A unit is in the subtree
-- when its parent is $node or has $node on its path (rollups, which must hold the
-- period). Rows in no order: sorting ~460,000 wide rows here would outgrow DuckDB's
-- memory limit, sorting their codes in Arrow does not. Nor are the counts joined here:
-- DuckDB, which guesses ~5% of the rows, would hash the wide rows to join the narrow
-- counts (measured: 230 MB beside a 72 MB result, against 100 MB without the join).
-- Parameters: $node VARCHAR, $period DATE, $lowest VARCHAR, $period_files VARCHAR[] (the
--   period's file), $baseline_files VARCHAR[] (the file of the earliest period), $baseline
--   BOOLEAN (whether the lowest level has a staff quota: else the baseline is not read),
--   $alerts BOOLEAN.
-- Columns: those of rollup/unit_rows, then alerts_critical BIGINT, alerts_warning BIGINT.
SELECT u.*, CAST(CASE WHEN $alerts THEN 0 END AS BIGINT) AS alerts_critical,
       CAST(CASE WHEN $alerts THEN 0 END AS BIGINT) AS alerts_warning
FROM unit_rows($period_files, $baseline_files, $period, NULL, $baseline) AS u
WHERE u.level = $lowest
  AND u.parent_code IN (
      SELECT unit_code FROM rollups
      WHERE period = $period AND (unit_code = $node OR list_contains(path, $node)));
