-- name: unit/directory
-- Returns every unit at a period with the name of its parent, for finding units by name.
-- Parameters: $period_files VARCHAR[] (the period's file).
-- Columns: unit_code, unit_name, level, parent_code, parent_name, has_children BOOLEAN.
WITH at_period AS MATERIALIZED (
    SELECT unit_code, unit_name, level, parent_code FROM snapshot_of($period_files)
)
SELECT
    u.unit_code,
    u.unit_name,
    u.level,
    u.parent_code,
    p.unit_name AS parent_name,
    u.unit_code IN (SELECT parent_code FROM at_period) AS has_children
FROM at_period AS u
LEFT JOIN at_period AS p ON p.unit_code = u.parent_code
ORDER BY u.unit_code;
