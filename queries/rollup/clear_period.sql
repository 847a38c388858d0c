-- name: rollup/clear_period
-- Deletes one period's rows from rollups, or every period's with NULL: before a period is
-- built anew, when the folder is read again, or to free the memory of a period not looked
-- at lately. (rule_rollups is kept: it stays true while the files and rules do.)
-- Parameters: $period DATE (NULL: every period).
DELETE FROM rollups WHERE $period IS NULL OR period = $period;
