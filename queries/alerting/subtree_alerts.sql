-- name: alerting/subtree_alerts
-- Creates the table macro subtree_alerts(node_code, at_period, files, only_rules,
-- lowest_level): the alerts at `at_period` of every unit in the subtree of `node_code`
-- (the node included), with each unit's name and level and the names of its province,
-- prefecture and county.
-- Membership and the names come from the period's rollups (rollup/build: each kept
-- unit's path of ancestors, which ensure_alerts builds with the alerts); a unit of the
-- lowest level, which rollups do not keep, takes its parent's (so does the node, when it
-- is one: its list is its own alerts). Nothing recursive, and nothing of the period but
-- its alerts, their units' rows and its rollups: the subtree of the nation at village
-- depth (~470,000 alerts) is a join, not a walk of the tree.
-- Parameters (of the macro; named apart from every column): node_code VARCHAR,
--   at_period DATE, files VARCHAR[] (the period's file), only_rules VARCHAR[] (only these
--   rules; empty for all), lowest_level VARCHAR.
-- Columns: rule, severity, unit_code, unit_name, level, province, prefecture, county,
--   detail.
CREATE OR REPLACE MACRO subtree_alerts(node_code, at_period, files, only_rules,
                                       lowest_level) AS TABLE
WITH everyone AS (
    SELECT unit_code, unit_name, level, path FROM rollups WHERE period = at_period
),
hit AS (
    SELECT a.rule, a.severity, a.unit_code, a.detail, u.unit_name, u.level, u.parent_code
    FROM alerts AS a
    JOIN (SELECT unit_code, unit_name, level, parent_code
          FROM snapshot_of(files)) AS u USING (unit_code)
    WHERE a.period = at_period
      AND (len(only_rules) = 0 OR list_contains(only_rules, a.rule))
),
kept AS (  -- the subtree's kept units, and the parent of a node of the lowest level
    SELECT unit_code, list_append(path, unit_code) AS lineage
    FROM everyone
    WHERE unit_code = node_code OR list_contains(path, node_code)
       OR unit_code IN (SELECT parent_code FROM hit
                        WHERE unit_code = node_code AND level = lowest_level)
),
lineage AS (
    SELECT unit_code, unnest(lineage) AS ancestor FROM kept
),
named AS (
    SELECT l.unit_code,
           max(a.unit_name) FILTER (a.level = 'province') AS province,
           max(a.unit_name) FILTER (a.level = 'prefecture') AS prefecture,
           max(a.unit_name) FILTER (a.level = 'county') AS county
    FROM lineage AS l JOIN everyone AS a ON a.unit_code = l.ancestor
    GROUP BY l.unit_code
),
members AS (
    SELECT h.*, n.province, n.prefecture, n.county, k.lineage
    FROM hit AS h
    LEFT JOIN kept AS k  -- none for a node of the lowest level that is a scope's root
        ON k.unit_code = CASE WHEN h.level = lowest_level THEN h.parent_code
                              ELSE h.unit_code END
    LEFT JOIN named AS n ON n.unit_code = k.unit_code
)
SELECT h.rule, h.severity, h.unit_code, h.unit_name, h.level, h.province, h.prefecture,
       h.county, h.detail
FROM members AS h
WHERE h.unit_code = node_code OR list_contains(h.lineage, node_code);
