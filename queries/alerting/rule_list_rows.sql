-- name: alerting/rule_list_rows
-- Returns the rows of rule_order (alerting/rule_list_sorted or _unordered) from position
-- $first, at most $count of them, in order.
-- Parameters: $first BIGINT, $count BIGINT.
-- Columns: position, unit_code, unit_name, level, level_rank, province, prefecture,
--   county, severity, detail, initials.
SELECT *
FROM rule_order
WHERE position >= $first AND position < $first + $count
ORDER BY position;
