-- name: alerting/rule_counts
-- Returns, per rule that fires in the subtree of a unit (the unit included) at a period,
-- how many units break it at each severity.
-- Parameters: $node VARCHAR, $period DATE, $period_files VARCHAR[].
-- Columns: rule, severity, units BIGINT.
WITH RECURSIVE
at_period AS MATERIALIZED (
    SELECT unit_code, parent_code FROM snapshot_of($period_files)
),
subtree(unit_code) AS (
    SELECT $node
    UNION ALL
    SELECT child.unit_code
    FROM subtree JOIN at_period AS child ON child.parent_code = subtree.unit_code
)
SELECT a.rule, a.severity, count(*) AS units
FROM alerts AS a SEMI JOIN subtree USING (unit_code)
WHERE a.period = $period
GROUP BY a.rule, a.severity
ORDER BY a.rule, a.severity;
