-- name: rollup/stage
-- Creates (or replaces) the temporary table rollup_stage: one row per unit of one period
-- with its own values (those of rollups: rollup/create_tables) and what it counts for
-- itself in the rollups of its subtree and of every subtree above it. rollup/sum_level
-- then adds each level's rows to their parents, from the bottom level up, after which
-- each row holds the sums over its whole subtree; rollup/path_level fills in the paths,
-- from the top level down (the path of $root, the store's root, is empty; units outside
-- its subtree keep a NULL path). rollup/build reads the result. Subtree counts take
-- active units only, except `abolished`, which counts the merged and abolished ones. The
-- alert counts are the unit's alerts of the period by severity, or NULL when $alerts is
-- false (the period's alerts are not evaluated yet: rollup/fold_alerts writes them later).
-- The units are those of period_units (alerting/prepare_units, on the same connection),
-- whose baseline_staff_quota gives staff_quota_change.
-- Parameters: $root VARCHAR, $period DATE, $alerts BOOLEAN.
-- Columns: unit_code, parent_code, unit_name, level, status, reform_plan_issued,
--   president_in_place, mass_org_listed, civil_servant_managed, party_group,
--   last_election, staff_quota, staff_quota_change, path VARCHAR[] (the ancestors from
--   $root down to the parent), then the counts: units, prefectures, prefectures_plan,
--   prefectures_listed, counties, counties_plan, counties_cs, presidents_vacant,
--   elections_overdue, hollow, abolished, alerts_critical, alerts_warning (INTEGER).
CREATE OR REPLACE TEMP TABLE rollup_stage AS
WITH own_alerts AS (
    SELECT unit_code,
           count(*) FILTER (severity = 'critical') AS critical,
           count(*) FILTER (severity = 'warning') AS warning
    FROM alerts
    WHERE period = $period AND $alerts
    GROUP BY unit_code
),
units AS (
    SELECT unit_code, parent_code, unit_name, level, status, reform_plan_issued,
           president_in_place, mass_org_listed, civil_servant_managed, party_group,
           last_election, staff_quota, baseline_staff_quota, activities_12m,
           status = 'active' AS active
    FROM period_units
)
SELECT
    u.unit_code,
    u.parent_code,
    u.unit_name,
    u.level,
    u.status,
    u.reform_plan_issued,
    u.president_in_place,
    u.mass_org_listed,
    u.civil_servant_managed,
    u.party_group,
    u.last_election,
    u.staff_quota,
    u.staff_quota - u.baseline_staff_quota AS staff_quota_change,
    CASE WHEN u.unit_code = $root THEN CAST([] AS VARCHAR[]) END AS path,
    CAST(active AS INTEGER) AS units,
    CAST(active AND level = 'prefecture' AS INTEGER) AS prefectures,
    CAST(active AND level = 'prefecture' AND reform_plan_issued AS INTEGER) AS prefectures_plan,
    CAST(active AND level = 'prefecture' AND mass_org_listed AS INTEGER) AS prefectures_listed,
    CAST(active AND level = 'county' AS INTEGER) AS counties,
    CAST(active AND level = 'county' AND reform_plan_issued AS INTEGER) AS counties_plan,
    CAST(active AND level = 'county' AND civil_servant_managed AS INTEGER) AS counties_cs,
    CAST(active AND NOT president_in_place AS INTEGER) AS presidents_vacant,
    CAST(active AND last_election < CAST(last_day($period) - INTERVAL 5 YEAR AS DATE)
         AS INTEGER) AS elections_overdue,
    CAST(active AND level IN ('prefecture', 'county', 'township', 'village')
         AND activities_12m = 0 AS INTEGER) AS hollow,
    CAST(status IN ('merged', 'abolished') AS INTEGER) AS abolished,
    CASE WHEN $alerts THEN CAST(coalesce(a.critical, 0) AS INTEGER) END AS alerts_critical,
    CASE WHEN $alerts THEN CAST(coalesce(a.warning, 0) AS INTEGER) END AS alerts_warning
FROM units AS u
LEFT JOIN own_alerts AS a USING (unit_code);
