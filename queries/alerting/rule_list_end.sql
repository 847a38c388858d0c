-- name: alerting/rule_list_end
-- Drops the temporary tables and view of a rule's unit list (alerting/rule_list,
-- alerting/rule_list_order, alerting/rule_list_sorted).
DROP VIEW IF EXISTS rule_order;
DROP TABLE IF EXISTS rule_sorted;
DROP TABLE IF EXISTS rule_list;
