-- name: alerting/drop_units
-- Drops the temporary table period_units once every rule has run on it and its alerts
-- are counted by subtree (it holds a whole period, every column: about 130 MB at village
-- depth, no reason to keep it).
DROP TABLE IF EXISTS period_units;
