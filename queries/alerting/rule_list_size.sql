-- name: alerting/rule_list_size
-- Returns how many rows rule_order (alerting/rule_list_sorted or _unordered) holds.
-- Columns: shown BIGINT.
SELECT count(*) AS shown FROM rule_order;
