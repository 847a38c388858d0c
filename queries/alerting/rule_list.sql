-- name: alerting/rule_list
-- Creates the temporary table rule_list (of this cursor's session): every unit of the
-- subtree of $node (the node included) that breaks rule $rule at $period, with the names
-- of its province, prefecture and county (alerting/subtree_alerts), numbered critical
-- first, then by unit code (the list's order until another is asked:
-- alerting/rule_list_order). Its initials are NULL until alerting/rule_list_initials
-- fills them in.
-- Parameters: $node VARCHAR, $period DATE, $period_files VARCHAR[], $rule VARCHAR,
--   $levels VARCHAR[] (schema.LEVELS, top down: a level's rank is its place), $lowest
--   VARCHAR (the last of them).
-- Columns (of the table): position BIGINT (from 0), unit_code, unit_name, level,
--   level_rank, province, prefecture, county, severity, detail, initials VARCHAR.
CREATE OR REPLACE TEMPORARY TABLE rule_list AS
SELECT row_number() OVER (ORDER BY CASE severity WHEN 'critical' THEN 0
                                                 WHEN 'warning' THEN 1 ELSE 2 END,
                                   unit_code) - 1 AS position,
       unit_code, unit_name, level, list_position($levels, level) AS level_rank,
       province, prefecture, county, severity, detail, CAST(NULL AS VARCHAR) AS initials
FROM subtree_alerts($node, $period, $period_files, [$rule], $lowest)
ORDER BY position;
