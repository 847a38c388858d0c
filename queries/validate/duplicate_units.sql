-- name: validate/duplicate_units
-- Returns, per snapshot file that has any, the first unit_code listed more than once.
-- Files are told apart by their index, not their name (a quarter faster).
-- Parameters: $files VARCHAR[].
-- Columns: file (its index in $files, from 0), unit_code, copies, duplicated_codes.
SELECT file, min(unit_code) AS unit_code, max(copies) AS copies, count(*) AS duplicated_codes
FROM (
    SELECT file_index AS file, CAST(unit_code AS VARCHAR) AS unit_code, count(*) AS copies
    FROM read_parquet($files, union_by_name = true)
    GROUP BY ALL
    HAVING count(*) > 1
)
GROUP BY file;
