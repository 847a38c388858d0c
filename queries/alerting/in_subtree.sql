-- name: alerting/in_subtree
-- Returns the alerts of a period in the subtree of a unit (the unit included), with the
-- names of each alerted unit's province, prefecture and county, critical first.
-- Parameters: $node VARCHAR, $period DATE, $period_files VARCHAR[], $rules VARCHAR[]
--   (only these rules; empty for all).
-- Columns: rule, severity, unit_code, unit_name, level, province, prefecture, county,
--   detail.
WITH RECURSIVE
at_period AS MATERIALIZED (
    SELECT unit_code, unit_name, level, parent_code FROM snapshot_of($period_files)
),
above(unit_code, unit_name, level, parent_code) AS (
    SELECT unit_code, unit_name, level, parent_code FROM at_period WHERE unit_code = $node
    UNION ALL
    SELECT up.unit_code, up.unit_name, up.level, up.parent_code
    FROM above JOIN at_period AS up ON up.unit_code = above.parent_code
),
start AS (
    SELECT $node AS unit_code,
           max(unit_name) FILTER (level = 'province') AS province,
           max(unit_name) FILTER (level = 'prefecture') AS prefecture,
           max(unit_name) FILTER (level = 'county') AS county
    FROM above
),
subtree(unit_code, province, prefecture, county) AS (
    SELECT unit_code, province, prefecture, county FROM start
    UNION ALL
    SELECT child.unit_code,
           CASE WHEN child.level = 'province' THEN child.unit_name ELSE s.province END,
           CASE WHEN child.level = 'prefecture' THEN child.unit_name ELSE s.prefecture END,
           CASE WHEN child.level = 'county' THEN child.unit_name ELSE s.county END
    FROM subtree AS s JOIN at_period AS child ON child.parent_code = s.unit_code
)
SELECT a.rule, a.severity, a.unit_code, u.unit_name, u.level,
       s.province, s.prefecture, s.county, a.detail
FROM alerts AS a
JOIN subtree AS s USING (unit_code)
JOIN at_period AS u USING (unit_code)
WHERE a.period = $period AND (len($rules) = 0 OR list_contains($rules, a.rule))
ORDER BY CASE a.severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END,
         a.rule, a.unit_code;
