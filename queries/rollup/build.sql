-- name: rollup/build
-- Adds to rollups every unit of one period that hangs below the store's root (the root
-- included), but for those of the lowest level (drill/lowest_* read them from the period's
-- file: they are most units, and their rollup is their own row): its own values, its
-- path (its ancestors from the root down to its parent) and the rollup over its subtree,
-- the unit and all its descendants in the period. All of it comes from rollup_stage
-- (rollup/stage, then rollup/sum_level for every level and rollup/path_level for every
-- level but the lowest, on the same connection): the units with a path. (A root of the
-- lowest level, a store scoped to one village, has a path: the empty one.) Each row
-- also says how many of the unit's children are of the lowest level, $lowest. Rates are
-- fractions in [0, 1] over the units that reported the indicator,
-- NULL where the subtree has none. The caller
-- deletes the period's old rows first (rollup/clear_period).
-- Parameters: $period DATE, $lowest VARCHAR.
INSERT INTO rollups
SELECT
    $period,
    x.parent_code,
    x.path,
    x.unit_code,
    x.unit_name,
    x.level,
    x.status,
    x.reform_plan_issued,
    x.president_in_place,
    x.mass_org_listed,
    x.civil_servant_managed,
    x.party_group,
    x.last_election,
    x.staff_quota,
    x.staff_quota_change,
    x.units,
    x.prefectures_plan / nullif(x.prefectures_plan_reported, 0),
    x.counties_plan / nullif(x.counties_plan_reported, 0),
    x.prefectures_listed / nullif(x.prefectures_listed_reported, 0),
    x.counties_cs / nullif(x.counties_cs_reported, 0),
    x.presidents_vacant,
    x.elections_overdue,
    x.hollow,
    x.abolished,
    x.alerts_critical,
    x.alerts_warning,
    coalesce(c.units, 0)
FROM rollup_stage AS x
LEFT JOIN (
    SELECT parent_code, count(*) AS units FROM rollup_stage WHERE level = $lowest
    GROUP BY parent_code
) AS c ON c.parent_code = x.unit_code
WHERE x.path IS NOT NULL;
