-- name: validate/duplicate_units
-- Returns, per snapshot file that has any, the first unit_code listed more than once.
-- Parameters: $files VARCHAR[].
-- Columns: file, unit_code, copies, duplicated_codes.
SELECT file, min(unit_code) AS unit_code, max(copies) AS copies, count(*) AS duplicated_codes
FROM (
    SELECT filename AS file, CAST(unit_code AS VARCHAR) AS unit_code, count(*) AS copies
    FROM read_parquet($files, filename = true, union_by_name = true)
    GROUP BY ALL
    HAVING count(*) > 1
)
GROUP BY file;
