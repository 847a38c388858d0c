-- name: drill/rollup
-- Returns the drill view of node $node at $period: one row per root unit and one row for
-- the node itself (its summary line), ordered by unit_code. The roots are the children of
-- the node (every child, whatever its status) when $level is NULL, else every unit of
-- level $level in the node's subtree (the flattened view). Each row has the unit's own
-- values and the rollup over its subtree (the unit and all its descendants in the period,
-- following parent_code). Subtree counts take active units only, except `abolished`,
-- which counts the merged and abolished ones. Rates are fractions in [0, 1], NULL where
-- the subtree has no unit of that level. One recursion serves all rows: the node's row is
-- the grand total.
-- Parameters: $node VARCHAR, $level VARCHAR (NULL for the children), $period DATE,
--   $period_files VARCHAR[] (the period's file), $baseline_files VARCHAR[] (the file of
--   the earliest period, for staff_quota_change).
-- Columns: unit_code, unit_name, level, status, reform_plan_issued, president_in_place,
--   mass_org_listed, civil_servant_managed, party_group, last_election, staff_quota,
--   staff_quota_change, units, prefectures_plan_rate, counties_plan_rate,
--   prefectures_listed_rate, counties_cs_rate, presidents_vacant, elections_overdue,
--   hollow, abolished, alerts_critical, alerts_warning (console.schema.DRILL_VIEW). The
--   alert counts read the table alerts, which must hold the period's alerts.
WITH RECURSIVE
at_period AS MATERIALIZED (
    SELECT unit_code, unit_name, level, parent_code, status, reform_plan_issued,
           president_in_place, mass_org_listed, civil_servant_managed, party_group,
           last_election, staff_quota, activities_12m
    FROM snapshot_of($period_files)
),
below(unit_code, is_root) AS (
    -- the node and the units down to the roots; a root is not expanded further here
    SELECT unit_code, false FROM at_period WHERE unit_code = $node
    UNION ALL
    SELECT child.unit_code,
           coalesce(child.level = $level, child.parent_code = $node)
    FROM below JOIN at_period AS child ON child.parent_code = below.unit_code
    WHERE NOT below.is_root
),
subtree(root_code, unit_code) AS (
    SELECT unit_code, unit_code FROM below WHERE is_root
    UNION ALL
    SELECT subtree.root_code, child.unit_code
    FROM subtree JOIN at_period AS child ON child.parent_code = subtree.unit_code
),
alert_counts AS (
    SELECT unit_code,
           count(*) FILTER (severity = 'critical') AS critical,
           count(*) FILTER (severity = 'warning') AS warning
    FROM alerts
    WHERE period = $period
    GROUP BY unit_code
),
members AS (
    -- the node and the units between it and the roots belong to no root: NULL
    SELECT m.root_code, u.*, u.status = 'active' AS is_active,
           coalesce(c.critical, 0) AS critical, coalesce(c.warning, 0) AS warning
    FROM (
        SELECT * FROM subtree
        UNION ALL
        SELECT NULL, unit_code FROM below WHERE NOT is_root
    ) AS m
    JOIN at_period AS u USING (unit_code)
    LEFT JOIN alert_counts AS c USING (unit_code)
),
rollup AS (
    SELECT
        CASE WHEN grouping(root_code) = 1 THEN $node ELSE root_code END AS root_code,
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
        count(*) FILTER (status IN ('merged', 'abolished')) AS abolished,
        sum(critical) AS alerts_critical,
        sum(warning) AS alerts_warning
    FROM members
    GROUP BY GROUPING SETS ((root_code), ())
    HAVING grouping(root_code) = 1 OR root_code IS NOT NULL
),
baseline AS (
    SELECT unit_code, staff_quota FROM snapshot_of($baseline_files)
    WHERE unit_code IN (SELECT unit_code FROM below)
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
    CAST(x.abolished AS BIGINT) AS abolished,
    CAST(x.alerts_critical AS BIGINT) AS alerts_critical,
    CAST(x.alerts_warning AS BIGINT) AS alerts_warning
FROM at_period AS r
JOIN rollup AS x ON x.root_code = r.unit_code
LEFT JOIN baseline AS b ON b.unit_code = r.unit_code
ORDER BY r.unit_code;
