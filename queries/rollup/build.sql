-- name: rollup/build
-- Adds to rollups every unit of one period that hangs below the store's root (the root
-- included): its own values, its path (its ancestors from the root down to its parent)
-- and the rollup over its subtree, the unit and all its descendants in the period. All
-- of it comes from rollup_stage (rollup/stage, then rollup/sum_level and
-- rollup/path_level for every level, on the same connection): a plain copy, which needs
-- little memory. Rates are fractions in [0, 1], NULL where the subtree has no unit of
-- that level. The caller deletes the period's old rows first (rollup/clear_period).
-- Parameters: $period DATE.
INSERT INTO rollups
SELECT
    $period,
    parent_code,
    path,
    unit_code,
    unit_name,
    level,
    status,
    reform_plan_issued,
    president_in_place,
    mass_org_listed,
    civil_servant_managed,
    party_group,
    last_election,
    staff_quota,
    staff_quota_change,
    units,
    prefectures_plan / nullif(prefectures, 0),
    counties_plan / nullif(counties, 0),
    prefectures_listed / nullif(prefectures, 0),
    counties_cs / nullif(counties, 0),
    presidents_vacant,
    elections_overdue,
    hollow,
    abolished,
    alerts_critical,
    alerts_warning
FROM rollup_stage
WHERE path IS NOT NULL;
