-- name: progress/plans_by_period
-- Returns, for every period from $since to $period in which $node exists, oldest first,
-- the prefecture- and county-level units of the node's subtree in that period (the node
-- and all its descendants, following parent_code): the active ones, and those of them
-- without a reform plan (reform_plan_issued not true), the definitions of drill/rollup.
-- The walk reads national, province, prefecture and county units only: the validated
-- level order puts no prefecture or county below a township, so nothing below a county
-- can count, and a node below county level returns no rows.
-- Parameters: $node VARCHAR, $period DATE (the first day of the last period counted),
--   $since DATE (the first day of the first period counted; NULL for every period up to
--   $period; fewer periods read fewer files).
-- Columns: period DATE, prefectures BIGINT, prefectures_without_plan BIGINT,
--   counties BIGINT, counties_without_plan BIGINT.
WITH RECURSIVE
upper_units AS MATERIALIZED (
    SELECT period, unit_code, parent_code, level, status, reform_plan_issued
    FROM snapshot
    WHERE period BETWEEN coalesce($since, period) AND $period
      AND level IN ('national', 'province', 'prefecture', 'county')
),
subtree(period, unit_code) AS (
    -- from the small set: a scan of every unit_code in the folder would be slow
    SELECT period, unit_code FROM upper_units WHERE unit_code = $node
    UNION ALL
    SELECT child.period, child.unit_code
    FROM subtree JOIN upper_units AS child
        ON child.period = subtree.period AND child.parent_code = subtree.unit_code
),
members AS (
    SELECT s.period, u.level, u.status = 'active' AS is_active,
           u.reform_plan_issued IS NOT TRUE AS without_plan
    FROM subtree AS s
    JOIN upper_units AS u USING (period, unit_code)
)
SELECT
    period,
    count(*) FILTER (is_active AND level = 'prefecture') AS prefectures,
    count(*) FILTER (is_active AND level = 'prefecture' AND without_plan)
        AS prefectures_without_plan,
    count(*) FILTER (is_active AND level = 'county') AS counties,
    count(*) FILTER (is_active AND level = 'county' AND without_plan) AS counties_without_plan
FROM members
GROUP BY period
ORDER BY period;
