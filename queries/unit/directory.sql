-- name: unit/directory
-- Returns every unit at a period with the name of its parent, for finding units by name.
-- Parameters: $period DATE.
-- Columns: unit_code, unit_name, level, parent_code, parent_name, has_children BOOLEAN.
SELECT
    u.unit_code,
    u.unit_name,
    u.level,
    u.parent_code,
    p.unit_name AS parent_name,
    u.unit_code IN (SELECT parent_code FROM snapshot WHERE period = $period) AS has_children
FROM snapshot AS u
LEFT JOIN snapshot AS p ON p.period = u.period AND p.unit_code = u.parent_code
WHERE u.period = $period
ORDER BY u.unit_code;
