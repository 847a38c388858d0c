-- name: alerting/rule_list_order
-- Creates the temporary table rule_order: the row ids of the units of rule_list
-- (alerting/rule_list) that match $search, numbered in the order asked (ties, and no
-- order asked, by severity, critical first, then unit code); alerting/rule_list_rows
-- reads any stretch of them by number. $search matches a name containing it, or pinyin
-- initials (rule_names: alerting/rule_list_initials) starting with it.
-- Parameters: $search VARCHAR ('' for all), $key VARCHAR (the column to sort by, or NULL),
--   $descending BOOLEAN.
-- Columns (of the table): rid BIGINT (rule_list's rowid), position BIGINT (from 0).
CREATE OR REPLACE TEMPORARY TABLE rule_order AS
WITH matched AS (
    SELECT r.rowid AS rid, r.unit_code,
           CASE r.severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END AS grave,
           CASE $key WHEN 'unit_name' THEN r.unit_name WHEN 'unit_code' THEN r.unit_code
                     WHEN 'level' THEN CAST(r.level_rank AS VARCHAR)
                     WHEN 'province' THEN r.province WHEN 'prefecture' THEN r.prefecture
                     WHEN 'county' THEN r.county WHEN 'severity' THEN r.severity
                     WHEN 'detail' THEN r.detail END AS sort_value
    FROM rule_list AS r
    LEFT JOIN rule_names AS n ON $search <> '' AND n.unit_name = r.unit_name
    WHERE $search = ''
       OR contains(r.unit_name, $search)
       OR starts_with(n.initials, lower($search))
)
SELECT rid,
       row_number() OVER (ORDER BY
           CASE WHEN NOT $descending THEN sort_value END ASC NULLS LAST,
           CASE WHEN $descending THEN sort_value END DESC NULLS LAST,
           grave, unit_code) - 1 AS position
FROM matched;
