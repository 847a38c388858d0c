-- name: alerting/own_counts
-- Creates the table macro own_counts(at_period): for each unit with alerts at `at_period`,
-- how many critical and warning alerts fire on it alone (not its subtree): what the units
-- of the lowest level, which rollups do not keep, show as their alert counts
-- (drill/lowest_children, drill/lowest_in_subtree).
-- Parameters (of the macro): at_period DATE.
-- Columns: unit_code VARCHAR, critical BIGINT, warning BIGINT.
CREATE OR REPLACE MACRO own_counts(at_period) AS TABLE
SELECT unit_code,
       count(*) FILTER (severity = 'critical') AS critical,
       count(*) FILTER (severity = 'warning') AS warning
FROM alerts
WHERE period = at_period
GROUP BY unit_code;
