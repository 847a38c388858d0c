-- name: validate/unreachable_units
-- Returns, per snapshot file that has any, the first unit that cannot be reached from the
-- national unit by following children: with every parent present, that means a cycle.
-- Parameters: $files VARCHAR[].
-- Columns: file, unit_code, unreachable.
WITH RECURSIVE
units AS (
    SELECT filename AS file, CAST(unit_code AS VARCHAR) AS unit_code,
           CAST(parent_code AS VARCHAR) AS parent_code
    FROM read_parquet($files, filename = true, union_by_name = true)
),
reached(file, unit_code) AS (
    SELECT file, unit_code FROM units WHERE parent_code IS NULL
    UNION
    SELECT units.file, units.unit_code
    FROM reached JOIN units ON units.file = reached.file AND units.parent_code = reached.unit_code
)
SELECT u.file, min(u.unit_code) AS unit_code, count(*) AS unreachable
FROM units AS u ANTI JOIN reached AS r ON r.file = u.file AND r.unit_code = u.unit_code
GROUP BY u.file;
