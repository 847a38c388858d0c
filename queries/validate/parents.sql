-- name: validate/parents
-- Returns, per snapshot file that has any, the first unit whose parent_code names no unit
-- of the same file, and the first unit whose parent is not at a higher level (national
-- above province above … above village; levels may be skipped, never repeated or
-- reversed, so a file that passes has no cycle). One join of each unit to its parent
-- serves both, keyed by the file's index, not its name: ~75 ms for a village-depth file,
-- where a join for each check, keyed by name, took ~185 ms.
-- Parameters: $files VARCHAR[], $levels VARCHAR[] (the levels, from the top down).
-- Columns: file (its index in $files, from 0), orphan_code, orphan_parent, orphans (0:
--   none), misplaced_code, misplaced_level, misplaced_parent, misplaced_parent_level,
--   misplaced (0: none).
WITH units AS (
    SELECT file_index, CAST(unit_code AS VARCHAR) AS unit_code,
           CAST(parent_code AS VARCHAR) AS parent_code, CAST(level AS VARCHAR) AS level,
           list_position($levels, CAST(level AS VARCHAR)) AS depth
    FROM read_parquet($files, union_by_name = true)
),
wrong AS (  -- the units whose parent is missing or not above them
    SELECT child.file_index AS file, child.unit_code, child.level, child.parent_code,
           parent.level AS parent_level, parent.unit_code IS NULL AS orphan
    FROM units AS child
    LEFT JOIN units AS parent
        ON parent.file_index = child.file_index AND parent.unit_code = child.parent_code
    WHERE child.parent_code IS NOT NULL
      AND (parent.unit_code IS NULL OR parent.depth >= child.depth)
)
SELECT file,
       min(unit_code) FILTER (orphan) AS orphan_code,
       arg_min(parent_code, unit_code) FILTER (orphan) AS orphan_parent,
       count(*) FILTER (orphan) AS orphans,
       min(unit_code) FILTER (NOT orphan) AS misplaced_code,
       arg_min(level, unit_code) FILTER (NOT orphan) AS misplaced_level,
       arg_min(parent_code, unit_code) FILTER (NOT orphan) AS misplaced_parent,
       arg_min(parent_level, unit_code) FILTER (NOT orphan) AS misplaced_parent_level,
       count(*) FILTER (NOT orphan) AS misplaced
FROM wrong
GROUP BY file;
