-- name: alerting/own_counts
-- Returns, per unit with alerts at a period, how many critical and warning alerts fire on
-- the unit itself: the alert counts of the rows that rollups does not keep (drill/
-- lowest_children, drill/lowest_in_subtree). The period's alerts must be there.
-- Parameters: $period DATE, $codes VARCHAR[] (only these units; NULL: every unit).
-- Columns: unit_code, critical BIGINT, warning BIGINT.
SELECT unit_code,
       count(*) FILTER (severity = 'critical') AS critical,
       count(*) FILTER (severity = 'warning') AS warning
FROM alerts
WHERE period = $period AND ($codes IS NULL OR list_contains($codes, unit_code))
GROUP BY unit_code;
