-- name: alerting/rule_counts
-- Returns, per rule that fires in the subtree of a unit (the unit included) at a period,
-- how many units break it at each severity. Reads rule_rollups, which must hold the
-- period.
-- Parameters: $node VARCHAR, $period DATE.
-- Columns: rule, severity, units BIGINT.
SELECT rule, severity, units
FROM rule_rollups
WHERE period = $period AND unit_code = $node
ORDER BY rule, severity;
