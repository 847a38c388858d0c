-- name: alerting/rule_list_rows
-- Returns the units of rule_list at positions $first to $first + $count - 1 of its order
-- (rule_order: alerting/rule_list_order), in that order.
-- Parameters: $first BIGINT, $count BIGINT.
-- Columns: position, unit_code, unit_name, level, level_rank, province, prefecture,
--   county, severity, detail.
SELECT o.position, r.*
FROM rule_order AS o
JOIN rule_list AS r ON r.rowid = o.rid
WHERE o.position >= $first AND o.position < $first + $count
ORDER BY o.position;
