-- name: unit/series_of_unit
-- Creates the temporary view series_source (unit/subtree_series) of the rows of one unit
-- (the variable series: its code and the periods' files): the subtree of a unit of the
-- lowest level, which has no children.
CREATE OR REPLACE TEMPORARY VIEW series_source AS
SELECT * FROM snapshot_of(getvariable('series').files)
WHERE unit_code = getvariable('series').code;
