-- name: alerting/add_indicator_levels
-- Records where each indicator applies: $keys[i] at level $levels[i], in one statement
-- (a statement per pair took ~25 ms for the schema's 123 pairs).
-- Parameters: $keys VARCHAR[], $levels VARCHAR[] (the same length).
INSERT INTO indicator_levels SELECT unnest($keys), unnest($levels);
