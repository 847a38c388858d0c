-- name: store/scope_units
-- Creates the table scope_units: the units of the subtree under the scope root, in every
-- period, following parent_code only (code prefixes lie).
-- Parameters: $root VARCHAR, the unit code of the scope root.
-- Columns: period DATE, unit_code VARCHAR.
CREATE OR REPLACE TABLE scope_units AS
WITH RECURSIVE subtree(period, unit_code) AS (
    SELECT period, unit_code FROM snapshot_all WHERE unit_code = $root
    UNION ALL
    SELECT s.period, s.unit_code
    FROM subtree JOIN snapshot_all AS s
        ON s.period = subtree.period AND s.parent_code = subtree.unit_code
)
SELECT period, unit_code FROM subtree;
