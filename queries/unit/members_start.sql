-- name: unit/members_start
-- Creates the temporary table subtree_members (of this cursor's session) with a unit's
-- own rows in the periods of $files: depth 0 of its subtree, which unit/members_step
-- extends one generation at a time (unit/subtree_series reads it). A table, not a
-- recursive query: each generation is one scan of the files joined to the generation
-- above, which is small, so no query holds every unit of every period.
-- Parameters: $files VARCHAR[] (the periods' files), $code VARCHAR.
-- Columns (of the table): period DATE, unit_code VARCHAR, level VARCHAR, depth INTEGER.
CREATE OR REPLACE TEMPORARY TABLE subtree_members AS
SELECT period, unit_code, level, 0 AS depth
FROM snapshot_of($files)
WHERE unit_code = $code;
