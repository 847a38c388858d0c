-- name: validate/missing_parents
-- Returns, per snapshot file that has any, the first unit whose parent_code names no unit
-- of the same file.
-- Parameters: $files VARCHAR[].
-- Columns: file, unit_code, parent_code, orphans.
WITH units AS (
    SELECT filename AS file, CAST(unit_code AS VARCHAR) AS unit_code,
           CAST(parent_code AS VARCHAR) AS parent_code
    FROM read_parquet($files, filename = true, union_by_name = true)
)
SELECT child.file, min(child.unit_code) AS unit_code,
       arg_min(child.parent_code, child.unit_code) AS parent_code, count(*) AS orphans
FROM units AS child
ANTI JOIN units AS parent
    ON parent.file = child.file AND parent.unit_code = child.parent_code
WHERE child.parent_code IS NOT NULL
GROUP BY child.file;
