-- name: alerting/rule_list_sorted
-- Makes rule_order, the list alerting/rule_list_rows reads, the rows searched and sorted
-- by alerting/rule_list_order.
CREATE OR REPLACE TEMPORARY VIEW rule_order AS SELECT * FROM rule_sorted;
