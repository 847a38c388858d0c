-- name: alerting/rule_counts
-- Returns, per rule that fires in the subtree of a unit (the unit included) at a period,
-- how many units break it at each severity. Reads alerts and rollups (for the subtree),
-- which must hold the period.
-- Parameters: $node VARCHAR, $period DATE.
-- Columns: rule, severity, units BIGINT.
SELECT a.rule, a.severity, count(*) AS units
FROM alerts AS a
JOIN rollups AS r ON r.period = a.period AND r.unit_code = a.unit_code
WHERE a.period = $period AND (r.unit_code = $node OR list_contains(r.path, $node))
GROUP BY a.rule, a.severity
ORDER BY a.rule, a.severity;
