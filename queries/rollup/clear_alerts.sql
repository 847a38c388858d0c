-- name: rollup/clear_alerts
-- Deletes one period's rows from rule_rollups (before its alerts are counted anew), or
-- every period's with NULL. (The counts folded into rollups are written anew with them.)
-- Parameters: $period DATE (NULL: every period).
DELETE FROM rule_rollups WHERE $period IS NULL OR period = $period;
