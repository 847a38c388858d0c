-- name: alerting/in_subtree
-- Returns the alerts of a period in the subtree of a unit (the unit included), with the
-- names of each alerted unit's province, prefecture and county (alerting/subtree_alerts),
-- critical first.
-- Parameters: $node VARCHAR, $period DATE, $period_files VARCHAR[], $rules VARCHAR[]
--   (only these rules; empty for all), $lowest VARCHAR (the lowest level).
-- Columns: rule, severity, unit_code, unit_name, level, province, prefecture, county,
--   detail.
SELECT *
FROM subtree_alerts($node, $period, $period_files, $rules, $lowest)
ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END,
         rule, unit_code;
