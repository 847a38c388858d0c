-- name: alerting/rule_list_widths
-- Returns how many units rule_list (alerting/rule_list) holds, and the widest of its
-- names and codes in terminal cells (a CJK character, three bytes in UTF-8, takes two).
-- Columns: units BIGINT, unit_name BIGINT, unit_code BIGINT, province BIGINT,
--   prefecture BIGINT, county BIGINT.
SELECT count(*) AS units,
       max(length(unit_name) + (strlen(unit_name) - length(unit_name)) // 2) AS unit_name,
       max(length(unit_code)) AS unit_code,
       max(length(province) + (strlen(province) - length(province)) // 2) AS province,
       max(length(prefecture) + (strlen(prefecture) - length(prefecture)) // 2)
           AS prefecture,
       max(length(county) + (strlen(county) - length(county)) // 2) AS county
FROM rule_list;
