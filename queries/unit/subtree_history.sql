-- name: unit/subtree_history
-- Returns, for every period in which a unit exists, the plan rates and weak-link counts of
-- its subtree (the same definitions as drill/rollup), oldest first.
-- Parameters: $code VARCHAR.
-- Columns: period DATE, prefectures_plan_rate DOUBLE, counties_plan_rate DOUBLE,
--   presidents_vacant BIGINT, elections_overdue BIGINT, hollow BIGINT.
WITH RECURSIVE
everything AS MATERIALIZED (
    SELECT period, unit_code, parent_code, level, status, reform_plan_issued,
           president_in_place, last_election, activities_12m
    FROM snapshot
),
subtree(period, unit_code) AS (
    SELECT period, unit_code FROM everything WHERE unit_code = $code
    UNION ALL
    SELECT child.period, child.unit_code
    FROM subtree JOIN everything AS child
        ON child.period = subtree.period AND child.parent_code = subtree.unit_code
),
members AS (
    SELECT u.*, u.status = 'active' AS is_active
    FROM subtree JOIN everything AS u USING (period, unit_code)
)
SELECT
    period,
    count(*) FILTER (is_active AND level = 'prefecture' AND reform_plan_issued)
        / nullif(count(*) FILTER (is_active AND level = 'prefecture'), 0)
        AS prefectures_plan_rate,
    count(*) FILTER (is_active AND level = 'county' AND reform_plan_issued)
        / nullif(count(*) FILTER (is_active AND level = 'county'), 0) AS counties_plan_rate,
    count(*) FILTER (is_active AND NOT president_in_place) AS presidents_vacant,
    count(*) FILTER (
        is_active AND last_election < CAST(last_day(period) - INTERVAL 5 YEAR AS DATE)
    ) AS elections_overdue,
    count(*) FILTER (
        is_active AND level IN ('prefecture', 'county', 'township', 'village')
        AND activities_12m = 0
    ) AS hollow
FROM members
GROUP BY period
ORDER BY period;
