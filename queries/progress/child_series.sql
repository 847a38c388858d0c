-- name: progress/child_series
-- Returns, for every child of $node in every period of the folder (of every status, as in
-- drill/rollup), the reform-plan shares of its subtree in that period (the child and all
-- its descendants, following parent_code): active prefecture- (county-) level units with a
-- plan over all active prefecture- (county-) level units, fractions in [0, 1], NULL where
-- the subtree has no active unit of that level. The walk goes through province,
-- prefecture and county units only (nothing below a county can count). Ordered by
-- unit_code, then period.
-- Parameters: $node VARCHAR.
-- Columns: unit_code VARCHAR, period DATE, prefectures_plan_rate DOUBLE,
--   counties_plan_rate DOUBLE.
WITH RECURSIVE
upper_units AS MATERIALIZED (
    SELECT period, unit_code, parent_code, level, status, reform_plan_issued
    FROM snapshot
    WHERE level IN ('province', 'prefecture', 'county')
),
subtree(period, root_code, unit_code) AS (
    SELECT period, unit_code, unit_code FROM snapshot WHERE parent_code = $node
    UNION ALL
    SELECT child.period, subtree.root_code, child.unit_code
    FROM subtree JOIN upper_units AS child
        ON child.period = subtree.period AND child.parent_code = subtree.unit_code
),
members AS (
    -- a child below county level stays in (with no level to count), so it is listed
    SELECT s.period, s.root_code, u.level, u.status = 'active' AS is_active,
           u.reform_plan_issued IS TRUE AS has_plan
    FROM subtree AS s
    LEFT JOIN upper_units AS u USING (period, unit_code)
)
SELECT
    root_code AS unit_code,
    period,
    count(*) FILTER (is_active AND level = 'prefecture' AND has_plan)
        / nullif(count(*) FILTER (is_active AND level = 'prefecture'), 0)
        AS prefectures_plan_rate,
    count(*) FILTER (is_active AND level = 'county' AND has_plan)
        / nullif(count(*) FILTER (is_active AND level = 'county'), 0)
        AS counties_plan_rate
FROM members
GROUP BY root_code, period
ORDER BY root_code, period;
