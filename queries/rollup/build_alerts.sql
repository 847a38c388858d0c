-- name: rollup/build_alerts
-- Adds to alert_rollups, for every unit of one period with an alert in its subtree (the
-- unit included), how many critical and warning alerts the subtree holds. Reads alerts
-- (the period's alerts must be there) and rollups (the period must be built).
-- Parameters: $period DATE.
INSERT INTO alert_rollups
SELECT
    $period,
    root_code,
    count(*) FILTER (severity = 'critical'),
    count(*) FILTER (severity = 'warning')
FROM (
    SELECT unnest(list_append(r.path, r.unit_code)) AS root_code, a.severity
    FROM alerts AS a
    JOIN rollups AS r ON r.period = a.period AND r.unit_code = a.unit_code
    WHERE a.period = $period
)
GROUP BY root_code;
