-- name: alerting/evaluate
-- Adds to alerts the units that break one rule at one period. The rule's body (a SELECT
-- of unit_code, severity, detail from the relation `units`) takes the place of the
-- marker line inside FROM ( … ) below; `units` holds the units of the levels and
-- statuses the rule names. A severity the body leaves NULL is the rule's own.
-- Parameters: $period DATE, $rule VARCHAR, $severity VARCHAR, $levels VARCHAR[],
--   $statuses VARCHAR[].
INSERT INTO alerts
WITH units AS (
    SELECT * FROM period_units
    WHERE list_contains($levels, level) AND list_contains($statuses, status)
)
SELECT $period, $rule, coalesce(fired.severity, $severity), fired.unit_code, fired.detail
FROM (
-- RULE BODY
) AS fired;
