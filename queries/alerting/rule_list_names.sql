-- name: alerting/rule_list_names
-- Returns every name in rule_list (alerting/rule_list) once: those whose pinyin initials
-- alerting/rule_list_initials fills in (330,000 villages have ~30,000 names).
-- Columns: unit_name VARCHAR.
SELECT DISTINCT unit_name FROM rule_list;
