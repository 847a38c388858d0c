-- name: rollup/build
-- Adds to rollups every unit of one period that hangs below the store's root (the root
-- included): its own values, its path (its ancestors from the root down to its parent)
-- and the rollup over its subtree, the unit and all its descendants in the period. The
-- sums and paths come from rollup_stage (rollup/stage, then rollup/sum_level and
-- rollup/path_level for every level, on the same connection). Rates are fractions in
-- [0, 1], NULL where the subtree has no unit of that level. The caller deletes the
-- period's old rows first (rollup/clear_period).
-- Parameters: $period DATE, $period_files VARCHAR[] (the period's file),
--   $baseline_files VARCHAR[] (the file of the earliest period, for staff_quota_change).
INSERT INTO rollups
WITH
at_period AS (
    SELECT unit_code, unit_name, level, parent_code, status, reform_plan_issued,
           president_in_place, mass_org_listed, civil_servant_managed, party_group,
           last_election, staff_quota
    FROM snapshot_of($period_files)
),
baseline AS (
    SELECT unit_code, staff_quota FROM snapshot_of($baseline_files)
)
SELECT
    $period,
    r.parent_code,
    x.path,
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
    x.prefectures_plan / nullif(x.prefectures, 0),
    x.counties_plan / nullif(x.counties, 0),
    x.prefectures_listed / nullif(x.prefectures, 0),
    x.counties_cs / nullif(x.counties, 0),
    x.presidents_vacant,
    x.elections_overdue,
    x.hollow,
    x.abolished,
    x.alerts_critical,
    x.alerts_warning
FROM at_period AS r
JOIN rollup_stage AS x USING (unit_code)
LEFT JOIN baseline AS b USING (unit_code)
WHERE x.path IS NOT NULL;
