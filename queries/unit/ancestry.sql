-- name: unit/ancestry
-- Returns the path from the top of the view down to a unit at a period, following
-- parent_code (depth 0 is the unit itself, counting up).
-- Parameters: $code VARCHAR, $period_files VARCHAR[] (the period's file).
-- Columns: depth INTEGER, unit_code VARCHAR, unit_name VARCHAR, level VARCHAR.
WITH RECURSIVE
at_period AS MATERIALIZED (
    SELECT unit_code, unit_name, level, parent_code FROM snapshot_of($period_files)
),
path(depth, unit_code, unit_name, level, parent_code) AS (
    SELECT 0, unit_code, unit_name, level, parent_code FROM at_period WHERE unit_code = $code
    UNION ALL
    SELECT path.depth + 1, up.unit_code, up.unit_name, up.level, up.parent_code
    FROM path JOIN at_period AS up ON up.unit_code = path.parent_code
    WHERE path.depth < 10
)
SELECT depth, unit_code, unit_name, level FROM path ORDER BY depth DESC;
