-- name: alerting/changes
-- Returns, per rule, how the units of $node's subtree that break it changed between the
-- periods $base and $period: how many break it now and did not then (new), did then and
-- do not now (resolved), and did both times (still_open). Only counts leave DuckDB, and
-- only (rule, unit) pairs are joined: the lists of a village-depth nation hold ~420,000
-- alerts each. The store's root ($everything) takes every alert; another node the units
-- its rollups hold below it and the units of the lowest level whose parent is one.
-- Parameters: $node VARCHAR, $everything BOOLEAN, $period DATE, $period_files VARCHAR[],
--   $base DATE, $base_files VARCHAR[], $lowest VARCHAR.
-- Columns: rule VARCHAR, new BIGINT, resolved BIGINT, still_open BIGINT.
WITH kept AS (
    SELECT period, unit_code FROM rollups
    WHERE NOT $everything AND period IN ($period, $base)
      AND (unit_code = $node OR list_contains(path, $node))
),
members AS (
    SELECT period, unit_code FROM kept
    UNION ALL
    SELECT u.period, u.unit_code
    FROM (SELECT period, unit_code, parent_code FROM snapshot_of($period_files)
          WHERE level = $lowest AND NOT $everything
          UNION ALL
          SELECT period, unit_code, parent_code FROM snapshot_of($base_files)
          WHERE level = $lowest AND NOT $everything) AS u
    SEMI JOIN kept AS k ON k.period = u.period AND k.unit_code = u.parent_code
),
fired AS (
    SELECT DISTINCT a.period, a.rule, a.unit_code
    FROM alerts AS a
    WHERE a.period IN ($period, $base)
      AND ($everything OR a.unit_code = $node
           OR EXISTS (SELECT 1 FROM members AS m
                      WHERE m.period = a.period AND m.unit_code = a.unit_code))
),
now AS (SELECT rule, unit_code FROM fired WHERE period = $period),
before AS (SELECT rule, unit_code FROM fired WHERE period = $base)
SELECT coalesce(n.rule, b.rule) AS rule,
       count(*) FILTER (b.unit_code IS NULL) AS new,
       count(*) FILTER (n.unit_code IS NULL) AS resolved,
       count(*) FILTER (n.unit_code IS NOT NULL AND b.unit_code IS NOT NULL) AS still_open
FROM now AS n
FULL OUTER JOIN before AS b ON b.rule = n.rule AND b.unit_code = n.unit_code
GROUP BY ALL
ORDER BY rule;
