-- name: drill/view
-- Returns the drill view of node $node at $period: one row per root unit and one row for
-- the node itself (its summary line), ordered by unit_code. The roots are the children of
-- the node (every child, whatever its status) when $level is NULL, else every unit of
-- level $level in the node's subtree (the flattened view). Each row has the unit's own
-- values and the rollup over its subtree, read from rollups (rollup/build explains the
-- counts), which must hold the period with its alerts folded in (rollup/fold_alerts).
-- Units of the lowest level are not there: drill/lowest_children and
-- drill/lowest_in_subtree read them.
-- Parameters: $node VARCHAR, $level VARCHAR (NULL for the children), $period DATE.
-- Columns: unit_code, unit_name, level, status, reform_plan_issued, president_in_place,
--   mass_org_listed, civil_servant_managed, party_group, last_election, staff_quota,
--   staff_quota_change, units, prefectures_plan_rate, counties_plan_rate,
--   prefectures_listed_rate, counties_cs_rate, presidents_vacant, elections_overdue,
--   hollow, abolished, alerts_critical, alerts_warning (console.schema.DRILL_VIEW), then
--   lowest_children (how many children of the lowest level each unit has).
SELECT
    r.unit_code, r.unit_name, r.level, r.status, r.reform_plan_issued,
    r.president_in_place, r.mass_org_listed, r.civil_servant_managed, r.party_group,
    r.last_election, r.staff_quota, r.staff_quota_change, r.units,
    r.prefectures_plan_rate, r.counties_plan_rate, r.prefectures_listed_rate,
    r.counties_cs_rate, r.presidents_vacant, r.elections_overdue, r.hollow, r.abolished,
    r.alerts_critical, r.alerts_warning, r.lowest_children
FROM rollups AS r
WHERE r.period = $period
  AND (r.unit_code = $node
       OR CASE WHEN $level IS NULL THEN r.parent_code = $node
               ELSE r.level = $level AND list_contains(r.path, $node) END)
ORDER BY r.unit_code;
