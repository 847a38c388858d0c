-- name: store/clear_scope
-- Deletes the units of the scope kept for one period (store/scope_units adds them).
-- Parameters: $period DATE.
DELETE FROM scope_units WHERE period = $period;
