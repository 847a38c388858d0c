-- name: alerting/rule_list_order
-- Creates the temporary table rule_sorted: the rows of rule_list (alerting/rule_list) that
-- match $search, numbered in the order asked (ties by severity, then unit code), which
-- alerting/rule_list_sorted makes the list read (alerting/rule_list_rows). $search matches a name
-- containing it, or initials (alerting/rule_list_initials) starting with it.
-- The list as made, unsearched and in its own order, is alerting/rule_list_unordered.
-- Parameters: $search VARCHAR ('' for all), $key VARCHAR (the column to sort by, or NULL),
--   $descending BOOLEAN.
-- Columns (of the table): those of rule_list, position renumbered.
CREATE OR REPLACE TEMPORARY TABLE rule_sorted AS
WITH matched AS (
    SELECT *,
           CASE $key WHEN 'unit_name' THEN unit_name WHEN 'unit_code' THEN unit_code
                     WHEN 'level' THEN CAST(level_rank AS VARCHAR)
                     WHEN 'province' THEN province WHEN 'prefecture' THEN prefecture
                     WHEN 'county' THEN county WHEN 'severity' THEN severity
                     WHEN 'detail' THEN detail END AS sort_value
    FROM rule_list
    WHERE $search = ''
       OR contains(unit_name, $search)
       OR starts_with(initials, lower($search))
)
SELECT row_number() OVER (ORDER BY
           CASE WHEN NOT $descending THEN sort_value END ASC NULLS LAST,
           CASE WHEN $descending THEN sort_value END DESC NULLS LAST,
           position) - 1 AS position,
       * EXCLUDE (sort_value, position)
FROM matched
ORDER BY position;
