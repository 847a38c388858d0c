-- name: unit/series_of_all
-- Creates the temporary view series_source (unit/subtree_series) of every unit of the
-- files in the variable series: the subtree of the store's root.
CREATE OR REPLACE TEMPORARY VIEW series_source AS
SELECT * FROM snapshot_of(getvariable('series').files);
