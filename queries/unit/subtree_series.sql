-- name: unit/subtree_series
-- Returns, for every period in which a unit exists, the plan rates and weak-link counts of
-- its subtree (the unit included), summed over series_source: a temporary view made by
-- unit/series_of_all, unit/series_of_members or unit/series_of_unit, or a unit's own rows
-- registered under that name (console.history._series_of). The same
-- definitions as rollup/unit_rows, so the same figures as the unit's rollup row
-- (unit/series_from_rollups). The scan reads one period's file at a time and keeps
-- nothing of it but the sums.
-- Columns: period DATE, prefectures_plan_rate DOUBLE, counties_plan_rate DOUBLE,
--   presidents_vacant BIGINT, elections_overdue BIGINT, hollow BIGINT.
WITH members AS (
    SELECT period, level, reform_plan_issued, president_in_place, last_election,
           activities_12m, status = 'active' AS active
    FROM series_source
)
SELECT
    period,
    count(*) FILTER (active AND level = 'prefecture' AND reform_plan_issued)
        / nullif(count(*) FILTER (active AND level = 'prefecture'
                                  AND reform_plan_issued IS NOT NULL), 0)
        AS prefectures_plan_rate,
    count(*) FILTER (active AND level = 'county' AND reform_plan_issued)
        / nullif(count(*) FILTER (active AND level = 'county'
                                  AND reform_plan_issued IS NOT NULL), 0)
        AS counties_plan_rate,
    count(*) FILTER (active AND NOT president_in_place) AS presidents_vacant,
    count(*) FILTER (active AND last_election < CAST(last_day(period) - INTERVAL 5 YEAR AS DATE))
        AS elections_overdue,
    count(*) FILTER (active AND level IN ('prefecture', 'county', 'township', 'village')
                     AND activities_12m = 0) AS hollow
FROM members
GROUP BY period
ORDER BY period;
