-- name: validate/file_facts
-- Returns one row per snapshot file with the facts that validation checks: its periods,
-- required values that are missing, and the first value outside the allowed sets.
-- Parameters: $files VARCHAR[] (paths whose columns already passed the schema check),
--   $levels VARCHAR[], $statuses VARCHAR[].
-- Columns: file, rows, min_period, max_period, missing_required, bad_level, bad_status,
--   roots, first_root.
SELECT
    filename AS file,
    count(*) AS rows,
    min(CAST(period AS DATE)) AS min_period,
    max(CAST(period AS DATE)) AS max_period,
    count(*) FILTER (
        period IS NULL OR unit_code IS NULL OR unit_name IS NULL OR level IS NULL
        OR status IS NULL
    ) AS missing_required,
    min(level) FILTER (NOT list_contains($levels, level)) AS bad_level,
    min(status) FILTER (NOT list_contains($statuses, status)) AS bad_status,
    count(*) FILTER (parent_code IS NULL) AS roots,
    min(unit_code) FILTER (parent_code IS NULL) AS first_root
FROM read_parquet($files, filename = true, union_by_name = true)
GROUP BY filename;
