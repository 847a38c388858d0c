-- name: alerting/rule_list_names_table
-- Creates the temporary table rule_names, empty: each name of rule_list with its pinyin
-- initials, which alerting/rule_list_initials fills in on the first search by letters.
-- Columns (of the table): unit_name VARCHAR, initials VARCHAR.
CREATE OR REPLACE TEMPORARY TABLE rule_names (unit_name VARCHAR, initials VARCHAR);
