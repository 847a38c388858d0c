-- name: alerting/rule_list_details
-- Returns the distinct details of rule_list (alerting/rule_list), at most $most of them:
-- what the Detail column's width is measured over (a rule's details are few: a village
-- without a budget says the same as every other).
-- Parameters: $most BIGINT.
-- Columns: detail VARCHAR.
SELECT DISTINCT detail FROM rule_list WHERE detail IS NOT NULL LIMIT $most;
