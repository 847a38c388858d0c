-- name: rollup/clear_alerts
-- Deletes one period's rows from alert_rollups (before its alerts are counted anew), or
-- every period's with NULL (when the folder is read again).
-- Parameters: $period DATE (NULL: every period).
DELETE FROM alert_rollups WHERE $period IS NULL OR period = $period;
