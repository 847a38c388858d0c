-- name: unit/series_of_members
-- Creates the temporary view series_source (unit/subtree_series) of the rows, in the files
-- in the variable series, of the members of subtree_members (unit/members_start).
CREATE OR REPLACE TEMPORARY VIEW series_source AS
SELECT u.*
FROM snapshot_of(getvariable('series').files) AS u
SEMI JOIN subtree_members AS m ON m.period = u.period AND m.unit_code = u.unit_code;
