-- name: validate/level_order
-- Returns, per snapshot file that has any, the first unit whose parent is not at a higher
-- level (national above province above … above village). Levels may be skipped, never
-- repeated or reversed, so a file that passes has no cycle.
-- Parameters: $files VARCHAR[], $levels VARCHAR[] (the levels, from the top down).
-- Columns: file, unit_code, level, parent_code, parent_level, misplaced.
WITH units AS (
    SELECT filename AS file, CAST(unit_code AS VARCHAR) AS unit_code,
           CAST(parent_code AS VARCHAR) AS parent_code, CAST(level AS VARCHAR) AS level
    FROM read_parquet($files, filename = true, union_by_name = true)
)
SELECT child.file,
       min(child.unit_code) AS unit_code,
       arg_min(child.level, child.unit_code) AS level,
       arg_min(child.parent_code, child.unit_code) AS parent_code,
       arg_min(parent.level, child.unit_code) AS parent_level,
       count(*) AS misplaced
FROM units AS child
JOIN units AS parent ON parent.file = child.file AND parent.unit_code = child.parent_code
WHERE list_position($levels, parent.level) >= list_position($levels, child.level)
GROUP BY child.file;
