-- name: rollup/build_rule_rollups
-- Adds to rule_rollups, for every unit of one period and every rule that fires in its
-- subtree (the unit included), how many units there break the rule. Reads alerts (the
-- period's alerts must be there) and rollups (the period must be built).
-- Parameters: $period DATE.
INSERT INTO rule_rollups
SELECT $period, root_code, rule, severity, count(*)
FROM (
    SELECT unnest(list_append(r.path, r.unit_code)) AS root_code, a.rule, a.severity
    FROM alerts AS a
    JOIN rollups AS r ON r.period = a.period AND r.unit_code = a.unit_code
    WHERE a.period = $period
)
GROUP BY root_code, rule, severity;
