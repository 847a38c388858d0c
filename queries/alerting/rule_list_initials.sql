-- name: alerting/rule_list_initials
-- Fills in the initials of rule_list (alerting/rule_list) from a map of each of its names
-- (alerting/rule_list_names) to its pinyin initials ($names → $initials, as
-- console.finder.initials gives them: a whole name's, so 重庆市 is cqs).
-- Parameters: $names VARCHAR[], $initials VARCHAR[].
UPDATE rule_list AS r
SET initials = m.initials
FROM (SELECT unnest($names) AS unit_name, unnest($initials) AS initials) AS m
WHERE r.unit_name = m.unit_name;
