-- name: unit/series_end
-- Drops what unit/members_start and unit/series_of_* made for unit/subtree_series.
DROP VIEW IF EXISTS series_source;
DROP TABLE IF EXISTS subtree_members;
