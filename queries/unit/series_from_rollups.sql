-- name: unit/series_from_rollups
-- Returns a unit's subtree series (unit/subtree_series) from its rollup rows, for the
-- periods in $periods whose rollups hold (rollup/build); a unit of the lowest level has
-- none (rollups do not keep that level).
-- Parameters: $code VARCHAR, $periods DATE[].
-- Columns: period DATE, prefectures_plan_rate DOUBLE, counties_plan_rate DOUBLE,
--   presidents_vacant BIGINT, elections_overdue BIGINT, hollow BIGINT.
SELECT period, prefectures_plan_rate, counties_plan_rate, presidents_vacant,
       elections_overdue, hollow
FROM rollups
WHERE unit_code = $code AND list_contains($periods, period)
ORDER BY period;
