-- name: alerting/rule_list_unordered
-- Makes rule_order, the list alerting/rule_list_rows reads, the list as alerting/rule_list
-- made it: every unit in its own order, without a copy (a sorted copy is dropped).
CREATE OR REPLACE TEMPORARY VIEW rule_order AS SELECT * FROM rule_list;
DROP TABLE IF EXISTS rule_sorted;
