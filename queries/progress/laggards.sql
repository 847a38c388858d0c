-- name: progress/laggards
-- Returns the children of $node at one period (of every status, as in drill/rollup) whose
-- subtree (the child and all its descendants, following parent_code) holds active
-- prefecture- or county-level units without a reform plan (reform_plan_issued not true):
-- the $top children with the most of them, ties by unit_code. The walk reads province,
-- prefecture and county units only (nothing below a county can count).
-- Parameters: $node VARCHAR, $period_files VARCHAR[] (the period's file), $top INTEGER.
-- Columns: unit_code, unit_name, level, without_plan BIGINT (active prefecture and county
--   units of the subtree without a plan), total BIGINT (active prefecture and county units
--   of the subtree).
WITH RECURSIVE
upper_units AS MATERIALIZED (
    SELECT unit_code, parent_code, level, status, reform_plan_issued
    FROM snapshot_of($period_files)
    WHERE level IN ('province', 'prefecture', 'county')
),
children AS MATERIALIZED (
    SELECT unit_code, unit_name, level FROM snapshot_of($period_files) WHERE parent_code = $node
),
subtree(root_code, unit_code) AS (
    SELECT unit_code, unit_code FROM children
    UNION ALL
    SELECT subtree.root_code, child.unit_code
    FROM subtree JOIN upper_units AS child ON child.parent_code = subtree.unit_code
),
counts AS (
    SELECT s.root_code,
           count(*) FILTER (u.status = 'active' AND u.level IN ('prefecture', 'county'))
               AS total,
           count(*) FILTER (u.status = 'active' AND u.level IN ('prefecture', 'county')
                            AND u.reform_plan_issued IS NOT TRUE) AS without_plan
    FROM subtree AS s
    JOIN upper_units AS u USING (unit_code)
    GROUP BY s.root_code
)
SELECT r.unit_code, r.unit_name, r.level, c.without_plan, c.total
FROM counts AS c
JOIN children AS r ON r.unit_code = c.root_code
WHERE c.without_plan > 0
ORDER BY c.without_plan DESC, r.unit_code
LIMIT $top;
