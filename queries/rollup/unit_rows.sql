-- name: rollup/unit_rows
-- Creates the table macro unit_rows(period_files, baseline_files, period, parent,
-- baseline): every unit of one period with its own values (those of rollups:
-- rollup/create_tables) and what it counts for itself in the rollups of its subtree and
-- of every subtree above it. It is the one definition of those counts: rollup/stage
-- sums them up the tree, drill/lowest_* show them as they are for the units of the
-- lowest level, which rollups does not keep.
-- Subtree counts take active units only, except `abolished`, which counts the merged and
-- abolished ones. A NULL indicator is "not reported" for that unit alone: it counts in no
-- weak-link count (never NULL: a gap must not blank the sums above it), and the rates
-- divide by the units that reported the indicator (the *_reported counts).
-- Parameters (of the macro): period_files VARCHAR[] (the period's file), baseline_files
--   VARCHAR[] (the file of the earliest period, for staff_quota_change), period DATE,
--   parent VARCHAR (only the children of this unit; NULL: every unit), baseline BOOLEAN
--   (false: the baseline file is not read and staff_quota_change is NULL, for units of
--   levels without a staff quota).
-- Columns: unit_code, parent_code, unit_name, level, status, reform_plan_issued,
--   president_in_place, mass_org_listed, civil_servant_managed, party_group,
--   last_election, staff_quota, staff_quota_change, then the counts (INTEGER, never
--   NULL): units, prefectures, prefectures_plan, prefectures_plan_reported,
--   prefectures_listed, prefectures_listed_reported, counties, counties_plan,
--   counties_plan_reported, counties_cs, counties_cs_reported, presidents_vacant,
--   elections_overdue, hollow, abolished; and the unit's
--   own rates (DOUBLE, as rollup/build makes them of a subtree's counts):
--   prefectures_plan_rate, counties_plan_rate, prefectures_listed_rate, counties_cs_rate.
CREATE OR REPLACE MACRO unit_rows(period_files, baseline_files, period, parent,
                                   baseline) AS TABLE
WITH units AS (
    SELECT unit_code, parent_code, unit_name, level, status, reform_plan_issued,
           president_in_place, mass_org_listed, civil_servant_managed, party_group,
           last_election, staff_quota, activities_12m, status = 'active' AS active
    FROM snapshot_of(period_files)
    WHERE parent IS NULL OR parent_code = parent
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
    u.staff_quota - b.staff_quota AS staff_quota_change,
    CAST(active AS INTEGER) AS units,
    CAST(active AND level = 'prefecture' AS INTEGER) AS prefectures,
    CAST(coalesce(active AND level = 'prefecture' AND reform_plan_issued, false) AS INTEGER)
        AS prefectures_plan,
    CAST(active AND level = 'prefecture' AND reform_plan_issued IS NOT NULL AS INTEGER)
        AS prefectures_plan_reported,
    CAST(coalesce(active AND level = 'prefecture' AND mass_org_listed, false) AS INTEGER)
        AS prefectures_listed,
    CAST(active AND level = 'prefecture' AND mass_org_listed IS NOT NULL AS INTEGER)
        AS prefectures_listed_reported,
    CAST(active AND level = 'county' AS INTEGER) AS counties,
    CAST(coalesce(active AND level = 'county' AND reform_plan_issued, false) AS INTEGER)
        AS counties_plan,
    CAST(active AND level = 'county' AND reform_plan_issued IS NOT NULL AS INTEGER)
        AS counties_plan_reported,
    CAST(coalesce(active AND level = 'county' AND civil_servant_managed, false) AS INTEGER)
        AS counties_cs,
    CAST(active AND level = 'county' AND civil_servant_managed IS NOT NULL AS INTEGER)
        AS counties_cs_reported,
    CAST(coalesce(active AND NOT president_in_place, false) AS INTEGER) AS presidents_vacant,
    CAST(coalesce(active AND last_election < CAST(last_day(period) - INTERVAL 5 YEAR AS DATE),
                  false) AS INTEGER) AS elections_overdue,
    CAST(coalesce(active AND level IN ('prefecture', 'county', 'township', 'village')
                  AND activities_12m = 0, false) AS INTEGER) AS hollow,
    CAST(status IN ('merged', 'abolished') AS INTEGER) AS abolished,
    prefectures_plan / nullif(prefectures_plan_reported, 0) AS prefectures_plan_rate,
    counties_plan / nullif(counties_plan_reported, 0) AS counties_plan_rate,
    prefectures_listed / nullif(prefectures_listed_reported, 0) AS prefectures_listed_rate,
    counties_cs / nullif(counties_cs_reported, 0) AS counties_cs_rate
FROM units AS u
LEFT JOIN (SELECT unit_code, staff_quota FROM snapshot_of(baseline_files) WHERE baseline) AS b
    USING (unit_code);
