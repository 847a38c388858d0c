-- name: drill/view
-- Returns the drill view of node $node at $period: one row per root unit and one row for
-- the node itself (its summary line), ordered by unit_code. The roots are the children of
-- the node (every child, whatever its status) when $level is NULL, else every unit of
-- level $level in the node's subtree (the flattened view). Each row has the unit's own
-- values and the rollup over its subtree: read from rollups (rollup/build explains the
-- counts), which must hold the period with its alerts folded in (rollup/fold_alerts),
-- but for units of the lowest level, $lowest, which rollups does not keep: their rollup
-- is their own row (rollup/unit_rows, from the period's file) and their own alerts.
-- Parameters: $node VARCHAR, $level VARCHAR (NULL for the children), $period DATE,
--   $lowest VARCHAR, $period_files VARCHAR[] (the period's file), $baseline_files
--   VARCHAR[] (the file of the earliest period).
-- Columns: unit_code, unit_name, level, status, reform_plan_issued, president_in_place,
--   mass_org_listed, civil_servant_managed, party_group, last_election, staff_quota,
--   staff_quota_change, units, prefectures_plan_rate, counties_plan_rate,
--   prefectures_listed_rate, counties_cs_rate, presidents_vacant, elections_overdue,
--   hollow, abolished, alerts_critical, alerts_warning (console.schema.DRILL_VIEW).
WITH kept AS (
    SELECT
        r.unit_code, r.unit_name, r.level, r.status, r.reform_plan_issued,
        r.president_in_place, r.mass_org_listed, r.civil_servant_managed, r.party_group,
        r.last_election, r.staff_quota, r.staff_quota_change, r.units,
        r.prefectures_plan_rate, r.counties_plan_rate, r.prefectures_listed_rate,
        r.counties_cs_rate, r.presidents_vacant, r.elections_overdue, r.hollow, r.abolished,
        r.alerts_critical, r.alerts_warning
    FROM rollups AS r
    WHERE r.period = $period
      AND (r.unit_code = $node
           OR CASE WHEN $level IS NULL THEN r.parent_code = $node
                   ELSE r.level = $level AND list_contains(r.path, $node) END)
),
parents AS (  -- the units whose children of the lowest level are asked for
    SELECT r.unit_code
    FROM rollups AS r
    WHERE r.period = $period
      AND (r.unit_code = $node
           OR $level = $lowest AND list_contains(r.path, $node))
      AND ($level IS NULL OR $level = $lowest)
),
lowest AS (
    SELECT u.*
    FROM unit_rows($period_files, $baseline_files, $period) AS u
    WHERE u.level = $lowest
      AND (u.parent_code IN (SELECT unit_code FROM parents)
           OR u.unit_code = $node AND NOT EXISTS (SELECT 1 FROM kept))
),
lowest_alerts AS (
    SELECT a.unit_code,
           count(*) FILTER (a.severity = 'critical') AS critical,
           count(*) FILTER (a.severity = 'warning') AS warning
    FROM alerts AS a
    WHERE a.period = $period AND a.unit_code IN (SELECT unit_code FROM lowest)
    GROUP BY a.unit_code
)
SELECT * FROM kept
UNION ALL
SELECT
    l.unit_code, l.unit_name, l.level, l.status, l.reform_plan_issued,
    l.president_in_place, l.mass_org_listed, l.civil_servant_managed, l.party_group,
    l.last_election, l.staff_quota, l.staff_quota_change, l.units,
    l.prefectures_plan / nullif(l.prefectures, 0),
    l.counties_plan / nullif(l.counties, 0),
    l.prefectures_listed / nullif(l.prefectures, 0),
    l.counties_cs / nullif(l.counties, 0),
    l.presidents_vacant, l.elections_overdue, l.hollow, l.abolished,
    coalesce(a.critical, 0), coalesce(a.warning, 0)
FROM lowest AS l
LEFT JOIN lowest_alerts AS a USING (unit_code)
ORDER BY unit_code;
