-- name: drill/rollup
-- Returns the drill view at $period: one row per root unit, ordered by unit_code, with the
-- root's own values and the rollup over its subtree (the root and all its descendants in
-- the period, following parent_code). Subtree counts take active units only, except
-- `abolished`, which counts the merged and abolished ones. Rates are fractions in [0, 1],
-- NULL where the subtree has no unit of that level.
-- The roots are the children of $node (every child, whatever its status) when $self is
-- false, or $node itself when $self is true (the summary line of the node).
-- Parameters: $node VARCHAR, $period DATE, $self BOOLEAN, $baseline DATE (the earliest
--   period of the folder, for staff_quota_change).
-- Columns: unit_code, unit_name, level, status, reform_plan_issued, president_in_place,
--   mass_org_listed, civil_servant_managed, party_group, last_election, staff_quota,
--   staff_quota_change, units, prefectures_plan_rate, counties_plan_rate,
--   prefectures_listed_rate, counties_cs_rate, presidents_vacant, elections_overdue,
--   hollow, abolished (console.schema.DRILL_VIEW).
WITH RECURSIVE
at_period AS (
    SELECT * FROM snapshot WHERE period = $period
),
roots AS (
    SELECT * FROM at_period
    WHERE CASE WHEN $self THEN unit_code = $node ELSE parent_code = $node END
),
subtree(root_code, unit_code) AS (
    SELECT unit_code, unit_code FROM roots
    UNION ALL
    SELECT subtree.root_code, child.unit_code
    FROM subtree JOIN at_period AS child ON child.parent_code = subtree.unit_code
),
members AS (
    SELECT subtree.root_code, u.*, u.status = 'active' AS is_active
    FROM subtree JOIN at_period AS u USING (unit_code)
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
    SELECT unit_code, staff_quota FROM snapshot
    WHERE period = $baseline AND unit_code IN (SELECT unit_code FROM roots)
)
SELECT
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
    r.staff_quota - b.staff_quota AS staff_quota_change,
    CAST(x.units AS BIGINT) AS units,
    x.prefectures_plan_rate,
    x.counties_plan_rate,
    x.prefectures_listed_rate,
    x.counties_cs_rate,
    CAST(x.presidents_vacant AS BIGINT) AS presidents_vacant,
    CAST(x.elections_overdue AS BIGINT) AS elections_overdue,
    CAST(x.hollow AS BIGINT) AS hollow,
    CAST(x.abolished AS BIGINT) AS abolished
FROM roots AS r
JOIN rollup AS x ON x.root_code = r.unit_code
LEFT JOIN baseline AS b ON b.unit_code = r.unit_code
ORDER BY r.unit_code;
