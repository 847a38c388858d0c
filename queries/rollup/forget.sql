-- name: rollup/forget
-- Deletes the key of one part ('rollups' or 'alerts') of a period: its rows no longer
-- count as current. Runs before the rows change, so an interrupted change leaves no key.
-- Parameters: $period VARCHAR, $part VARCHAR.
DELETE FROM derived WHERE period = $period AND part = $part;
