-- name: rollup/build_rule_rollups
-- Adds to rule_rollups, for every unit of one period that rollups keeps and every rule
-- that fires in its subtree (the unit included), how many units there break the rule.
-- The alerts of a unit of the lowest level, $lowest (not kept, unless the root), count
-- in its parent's subtree and up (alerting/rule_counts reads such a unit's own alerts).
-- Reads alerts (the period's alerts must be there), period_units (alerting/prepare_units,
-- on the same connection) and rollups (the period must be built).
-- Parameters: $period DATE, $lowest VARCHAR, $root VARCHAR (the store's root, kept
--   whatever its level).
INSERT INTO rule_rollups
WITH alerted AS (  -- the alerts by the kept unit whose subtree they first count in
    SELECT CASE WHEN u.level = $lowest AND u.unit_code <> $root THEN u.parent_code
                ELSE u.unit_code END AS counted_at,
           a.rule, a.severity, count(*) AS units
    FROM alerts AS a
    JOIN period_units AS u USING (unit_code)
    WHERE a.period = $period
    GROUP BY ALL
)
SELECT $period, root_code, rule, severity, sum(units)
FROM (
    SELECT unnest(list_append(r.path, r.unit_code)) AS root_code, x.rule, x.severity, x.units
    FROM alerted AS x
    JOIN rollups AS r ON r.period = $period AND r.unit_code = x.counted_at
)
GROUP BY root_code, rule, severity;
