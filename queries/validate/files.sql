-- name: validate/files
-- Returns one row per snapshot file with what validation checks (console.validation):
-- its periods; required values missing; the first level and status outside the allowed
-- sets; its units without a parent; the first unit_code listed more than once; the first
-- unit whose parent_code names no unit of the same file; and the first unit whose parent
-- is not at a higher level (national above province above … above village: levels may
-- be skipped, never repeated or reversed, so a file that passes has no cycle).
-- The files' rows are read once for every check, kept small (a level as its depth, only
-- odd values as text: the store's DuckDB has 200 MB), and files are told apart by their
-- index in $files: a village-depth file takes ~150 ms, where a read for each check took
-- ~175 ms, and their rows kept whole ~220 ms (spilling).
-- Parameters: $files VARCHAR[] (paths whose columns already passed the schema check),
--   $levels VARCHAR[] (the levels, from the top down), $statuses VARCHAR[].
-- Columns: file (its index in $files, from 0), rows, min_period, max_period,
--   missing_required, bad_level, bad_status, roots, first_root; duplicate_code, copies,
--   duplicated_codes (NULL: none); orphan_code, orphan_parent, orphans, misplaced_code,
--   misplaced_level, misplaced_parent, misplaced_parent_level, misplaced (NULL or 0:
--   none).
WITH units AS MATERIALIZED (  -- kept small: a level as its depth, odd values alone
    SELECT file_index AS file, CAST(period AS DATE) AS period,
           CAST(unit_code AS VARCHAR) AS unit_code,
           CAST(parent_code AS VARCHAR) AS parent_code,
           list_position($levels, CAST(level AS VARCHAR)) AS depth,
           unit_name IS NULL OR level IS NULL OR status IS NULL AS lacking,
           CASE WHEN NOT list_contains($levels, CAST(level AS VARCHAR))
                THEN CAST(level AS VARCHAR) END AS odd_level,
           CASE WHEN NOT list_contains($statuses, CAST(status AS VARCHAR))
                THEN CAST(status AS VARCHAR) END AS odd_status
    FROM read_parquet($files, union_by_name = true)
),
facts AS (
    SELECT file,
           count(*) AS rows,
           min(period) AS min_period,
           max(period) AS max_period,
           count(*) FILTER (period IS NULL OR unit_code IS NULL OR lacking)
               AS missing_required,
           min(odd_level) AS bad_level,
           min(odd_status) AS bad_status,
           count(*) FILTER (parent_code IS NULL) AS roots,
           min(unit_code) FILTER (parent_code IS NULL) AS first_root
    FROM units
    GROUP BY file
),
duplicates AS (
    SELECT file, min(unit_code) AS duplicate_code, max(copies) AS copies,
           count(*) AS duplicated_codes
    FROM (SELECT file, unit_code, count(*) AS copies FROM units GROUP BY ALL
          HAVING count(*) > 1)
    GROUP BY file
),
wrong AS (  -- the units whose parent is missing or not above them
    SELECT child.file, child.unit_code, $levels[child.depth] AS level, child.parent_code,
           $levels[parent.depth] AS parent_level, parent.unit_code IS NULL AS orphan
    FROM units AS child
    LEFT JOIN units AS parent
        ON parent.file = child.file AND parent.unit_code = child.parent_code
    WHERE child.parent_code IS NOT NULL
      AND (parent.unit_code IS NULL OR parent.depth >= child.depth)
),
parents AS (
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
    GROUP BY file
)
SELECT file, rows, min_period, max_period, missing_required, bad_level, bad_status, roots,
       first_root, duplicate_code, copies, duplicated_codes, orphan_code, orphan_parent,
       orphans, misplaced_code, misplaced_level, misplaced_parent, misplaced_parent_level,
       misplaced
FROM facts
LEFT JOIN duplicates USING (file)
LEFT JOIN parents USING (file)
ORDER BY file;
