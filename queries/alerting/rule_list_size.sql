-- name: alerting/rule_list_size
-- Returns how many units the order of rule_list keeps (rule_order:
-- alerting/rule_list_order).
-- Columns: shown BIGINT.
SELECT count(*) AS shown FROM rule_order;
