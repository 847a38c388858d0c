-- name: alerting/rule_list_chars
-- Returns every character of the names in rule_list (alerting/rule_list) once: those whose
-- initials alerting/rule_list_initials puts together.
-- Columns: chars VARCHAR[].
SELECT list(DISTINCT ch) AS chars
FROM (SELECT unnest(string_split(unit_name, '')) AS ch FROM rule_list);
