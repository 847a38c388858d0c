-- name: rollup/remember
-- Records the key of one part of a period, once its rows are complete.
-- Parameters: $period VARCHAR, $part VARCHAR, $key VARCHAR, $rows BIGINT.
INSERT INTO derived VALUES ($period, $part, $key, $rows);
