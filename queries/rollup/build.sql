-- name: rollup/build
-- Adds to rollups every unit of one period that hangs below $root (the store's root, which
-- is included), with its own values and the rollup over its subtree: the unit and all its
-- descendants in the period, following parent_code. Subtree counts take active units
-- only, except `abolished`, which counts the merged and abolished ones. Rates are
-- fractions in [0, 1], NULL where the subtree has no unit of that level. One pass serves
-- every node: each unit is counted once for itself and once for each of its ancestors.
-- The caller deletes the period's old rows first (rollup/clear_period), in one transaction.
-- Parameters: $root VARCHAR, $period DATE, $period_files VARCHAR[] (the period's file),
--   $baseline_files VARCHAR[] (the file of the earliest period, for staff_quota_change).
INSERT INTO rollups
WITH RECURSIVE
at_period AS MATERIALIZED (
    SELECT unit_code, unit_name, level, parent_code, status, reform_plan_issued,
           president_in_place, mass_org_listed, civil_servant_managed, party_group,
           last_election, staff_quota, activities_12m
    FROM snapshot_of($period_files)
),
paths(unit_code, path) AS (
    SELECT unit_code, CAST([] AS VARCHAR[]) FROM at_period WHERE unit_code = $root
    UNION ALL
    SELECT child.unit_code, list_append(paths.path, paths.unit_code)
    FROM paths JOIN at_period AS child ON child.parent_code = paths.unit_code
),
members AS (
    SELECT unnest(list_append(p.path, p.unit_code)) AS root_code, u.*,
           u.status = 'active' AS is_active
    FROM paths AS p JOIN at_period AS u USING (unit_code)
),
rollup AS (
    SELECT
        root_code,
        count(*) FILTER (is_active) AS units,
        count(*) FILTER (is_active AND level = 'prefecture' AND reform_plan_issued)
            / nullif(count(*) FILTER (is_active AND level = 'prefecture'), 0)
            AS prefectures_plan_rate,
        count(*) FILTER (is_active AND level = 'county' AND reform_plan_issued)
            / nullif(count(*) FILTER (is_active AND level = 'county'), 0)
            AS counties_plan_rate,
        count(*) FILTER (is_active AND level = 'prefecture' AND mass_org_listed)
            / nullif(count(*) FILTER (is_active AND level = 'prefecture'), 0)
            AS prefectures_listed_rate,
        count(*) FILTER (is_active AND level = 'county' AND civil_servant_managed)
            / nullif(count(*) FILTER (is_active AND level = 'county'), 0)
            AS counties_cs_rate,
        count(*) FILTER (is_active AND NOT president_in_place) AS presidents_vacant,
        count(*) FILTER (
            is_active AND last_election < CAST(last_day($period) - INTERVAL 5 YEAR AS DATE)
        ) AS elections_overdue,
        count(*) FILTER (
            is_active AND level IN ('prefecture', 'county', 'township', 'village')
            AND activities_12m = 0
        ) AS hollow,
        count(*) FILTER (status IN ('merged', 'abolished')) AS abolished
    FROM members
    GROUP BY root_code
),
baseline AS (
    SELECT unit_code, staff_quota FROM snapshot_of($baseline_files)
)
SELECT
    $period,
    r.parent_code,
    p.path,
    r.unit_code,
    r.unit_name,
    r.level,
    r.status,
    r.reform_plan_issued,
    r.president_in_place,
    r.mass_org_listed,
    r.civil_servant_managed,
    r.party_group,
    r.last_election,
    r.staff_quota,
    r.staff_quota - b.staff_quota,
    x.units,
    x.prefectures_plan_rate,
    x.counties_plan_rate,
    x.prefectures_listed_rate,
    x.counties_cs_rate,
    x.presidents_vacant,
    x.elections_overdue,
    x.hollow,
    x.abolished,
    NULL,  -- alerts_critical and alerts_warning: rollup/fold_alerts writes them
    NULL
FROM at_period AS r
JOIN paths AS p USING (unit_code)
JOIN rollup AS x ON x.root_code = r.unit_code
LEFT JOIN baseline AS b USING (unit_code);
