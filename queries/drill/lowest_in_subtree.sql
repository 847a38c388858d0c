-- name: drill/lowest_in_subtree
-- Returns the rows of a flattened view of the lowest level, $lowest (drill/view with
-- $level = $lowest): every unit of that level in the subtree of $node, read from the
-- period's file (rollup/unit_rows), their rollup being their own row (their own alerts
-- are counted apart: alerting/own_counts). A unit is in the subtree when its parent is
-- $node or has $node on its path (rollups, which must hold the period). Rows in no order.
-- Parameters: $node VARCHAR, $period DATE, $lowest VARCHAR, $period_files VARCHAR[] (the
--   period's file), $baseline_files VARCHAR[] (the file of the earliest period), $baseline
--   BOOLEAN (whether the lowest level has a staff quota: else the baseline is not read).
-- Columns: those of rollup/unit_rows.
SELECT *
FROM unit_rows($period_files, $baseline_files, $period, NULL, $baseline)
WHERE level = $lowest
  AND parent_code IN (
      SELECT unit_code FROM rollups
      WHERE period = $period AND (unit_code = $node OR list_contains(path, $node)));
