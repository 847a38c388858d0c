-- name: alerting/add_indicator_level
-- Records that indicator $key applies at level $level.
-- Parameters: $key VARCHAR, $level VARCHAR.
INSERT INTO indicator_levels VALUES ($key, $level);
