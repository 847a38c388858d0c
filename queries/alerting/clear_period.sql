-- name: alerting/clear_period
-- Removes the alerts of one period (before it is evaluated again).
-- Parameters: $period DATE.
DELETE FROM alerts WHERE period = $period;
