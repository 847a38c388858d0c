-- name: store/scope_units
-- Creates the table scope_units: the units of the subtree under the scope root, in every
-- period, following parent_code only (code prefixes lie).
-- Parameters: $root VARCHAR, the unit code of the scope root; $files VARCHAR[], every
--   validated snapshot file.
-- Columns: period DATE, unit_code VARCHAR.
CREATE OR REPLACE TABLE scope_units AS
WITH RECURSIVE
everything AS MATERIALIZED (
    SELECT period, unit_code, parent_code FROM read_snapshots($files)
),
subtree(period, unit_code) AS (
    SELECT period, unit_code FROM everything WHERE unit_code = $root
    UNION ALL
    SELECT s.period, s.unit_code
    FROM subtree JOIN everything AS s
        ON s.period = subtree.period AND s.parent_code = subtree.unit_code
)
SELECT period, unit_code FROM subtree;
