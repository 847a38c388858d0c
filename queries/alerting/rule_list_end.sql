-- name: alerting/rule_list_end
-- Drops the temporary tables of a rule's unit list (alerting/rule_list, rule_list_order,
-- rule_list_names_table).
DROP TABLE IF EXISTS rule_order;
DROP TABLE IF EXISTS rule_names;
DROP TABLE IF EXISTS rule_list;
