-- name: alerting/rule_counts
-- Returns, per rule that fires in the subtree of a unit (the unit included) at a period,
-- how many units break it at each severity. Reads rule_rollups, which must hold the
-- period; for a unit that rollups does not keep (of the lowest level), its own alerts.
-- Parameters: $node VARCHAR, $period DATE.
-- Columns: rule, severity, units BIGINT.
SELECT rule, severity, units
FROM rule_rollups
WHERE period = $period AND unit_code = $node
UNION ALL
SELECT rule, severity, count(*)
FROM alerts
WHERE period = $period AND unit_code = $node
  AND NOT EXISTS (SELECT 1 FROM rollups WHERE period = $period AND unit_code = $node)
GROUP BY rule, severity
ORDER BY rule, severity;
