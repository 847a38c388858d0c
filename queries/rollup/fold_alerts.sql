-- name: rollup/fold_alerts
-- Writes into rollups, for every unit of one period, the critical and warning alerts in
-- its subtree (0 where there are none), from rule_rollups (which must hold the period):
-- a drill view then reads them with its rows, without a join.
-- Parameters: $period DATE.
UPDATE rollups
SET alerts_critical = counts.critical, alerts_warning = counts.warning
FROM (
    SELECT r.unit_code,
           coalesce(sum(x.units) FILTER (x.severity = 'critical'), 0) AS critical,
           coalesce(sum(x.units) FILTER (x.severity = 'warning'), 0) AS warning
    FROM rollups AS r
    LEFT JOIN rule_rollups AS x ON x.period = r.period AND x.unit_code = r.unit_code
    WHERE r.period = $period
    GROUP BY r.unit_code
) AS counts
WHERE rollups.period = $period AND rollups.unit_code = counts.unit_code;
