-- name: alerting/of_unit
-- Returns the alerts that fire on one unit at a period, critical first.
-- Parameters: $code VARCHAR, $period DATE.
-- Columns: rule, severity, detail.
SELECT rule, severity, detail FROM alerts
WHERE period = $period AND unit_code = $code
ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, rule;
