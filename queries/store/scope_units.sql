-- name: store/scope_units
-- Adds to scope_units the units of the subtree under the scope root in one period's file,
-- following parent_code only (code prefixes lie). One file at a time: all periods of a
-- village-depth folder at once (18 million rows) needed more than 1 GB. The caller
-- deletes the period's old rows first (store/clear_scope) and keeps the file's key.
-- Parameters: $root VARCHAR, the unit code of the scope root; $files VARCHAR[], one
--   validated snapshot file.
-- Columns of scope_units: period DATE, unit_code VARCHAR (rollup/create_tables).
INSERT INTO scope_units
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
