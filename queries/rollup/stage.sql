-- name: rollup/stage
-- Creates (or replaces) the temporary table rollup_stage: one row per unit of one period
-- with its own values and counts (rollup/unit_rows) and its own alerts. rollup/sum_level
-- then adds each level's rows to their parents, from the bottom level up, after which
-- each row holds the sums over its whole subtree; rollup/path_level fills in the paths,
-- from the top level down (the path of $root, the store's root, is empty; units outside
-- its subtree keep a NULL path). rollup/build reads the result. The alert counts are the
-- unit's alerts of the period by severity, or NULL when $alerts is false (the period's
-- alerts are not evaluated yet: rollup/fold_alerts writes them later).
-- Parameters: $root VARCHAR, $period DATE, $period_files VARCHAR[] (the period's file),
--   $baseline_files VARCHAR[] (the file of the earliest period), $alerts BOOLEAN.
-- Columns: those of rollup/unit_rows, then path VARCHAR[] (the ancestors from $root down
--   to the parent), alerts_critical, alerts_warning (INTEGER).
CREATE OR REPLACE TEMP TABLE rollup_stage AS
WITH own_alerts AS (
    SELECT unit_code,
           count(*) FILTER (severity = 'critical') AS critical,
           count(*) FILTER (severity = 'warning') AS warning
    FROM alerts
    WHERE period = $period AND $alerts
    GROUP BY unit_code
)
SELECT
    u.*,
    CASE WHEN u.unit_code = $root THEN CAST([] AS VARCHAR[]) END AS path,
    CASE WHEN $alerts THEN CAST(coalesce(a.critical, 0) AS INTEGER) END AS alerts_critical,
    CASE WHEN $alerts THEN CAST(coalesce(a.warning, 0) AS INTEGER) END AS alerts_warning
FROM unit_rows($period_files, $baseline_files, $period, NULL, true) AS u
LEFT JOIN own_alerts AS a USING (unit_code);
