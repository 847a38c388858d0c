-- name: alerting/rule_list_initials
-- Fills rule_names (alerting/rule_list_names_table) with each name of rule_list
-- (alerting/rule_list_names) and its pinyin initials ($names → $initials, as
-- console.finder.initials gives them: a whole name's, so 重庆市 is cqs).
-- Parameters: $names VARCHAR[], $initials VARCHAR[].
INSERT INTO rule_names
SELECT unnest($names) AS unit_name, unnest($initials) AS initials;
