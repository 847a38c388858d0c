-- name: alerting/rule_list
-- Creates the temporary table rule_list (of this cursor's session): every unit of the
-- subtree of $node (the node included) that breaks rule $rule at $period, with the names
-- of its province, prefecture and county (alerting/subtree_alerts), in no order: the
-- order is a narrow table of its own (alerting/rule_list_order), which sorts row ids
-- and keys, not every column of ~330,000 rows.
-- Parameters: $node VARCHAR, $period DATE, $period_files VARCHAR[], $rule VARCHAR,
--   $levels VARCHAR[] (schema.LEVELS, top down: a level's rank is its place), $lowest
--   VARCHAR (the last of them).
-- Columns (of the table): unit_code, unit_name, level, level_rank, province, prefecture,
--   county, severity, detail.
CREATE OR REPLACE TEMPORARY TABLE rule_list AS
SELECT unit_code, unit_name, level, list_position($levels, level) AS level_rank,
       province, prefecture, county, severity, detail
FROM subtree_alerts($node, $period, $period_files, [$rule], $lowest);
