-- name: rollup/drop_stage
-- Drops the temporary table rollup_stage once rollup/build has read it (it holds a row per
-- unit of a period: no reason to keep it on the connection).
DROP TABLE IF EXISTS rollup_stage;
