-- name: diff/changes
-- Returns what changed in the subtree of a unit between two periods: one row per unit and
-- compared column whose value differs (NULL against a value is a change, NULL against NULL
-- is not). The subtree is the node and its descendants at either period, following
-- parent_code. A unit present at one period only gets a single row, indicator 'status',
-- whose other side is NULL. Values are text as DuckDB casts them: booleans true/false,
-- dates YYYY-MM-DD, doubles in their shortest form. A unit's name and level are those of
-- the second period when it is there, else of the first.
-- Parameters: $node VARCHAR, $first_files VARCHAR[] and $second_files VARCHAR[] (each
--   period's file), $keys VARCHAR[] (the compared columns, in the order rows take).
-- Columns: unit_code, unit_name, level, indicator, old VARCHAR, new VARCHAR.
WITH RECURSIVE
first_rows AS MATERIALIZED (
    SELECT * EXCLUDE (period) FROM snapshot_of($first_files)
),
second_rows AS MATERIALIZED (
    SELECT * EXCLUDE (period) FROM snapshot_of($second_files)
),
tree AS MATERIALIZED (
    SELECT 1 AS side, unit_code, parent_code FROM first_rows
    UNION ALL
    SELECT 2, unit_code, parent_code FROM second_rows
),
subtree(side, unit_code) AS (
    SELECT side, unit_code FROM tree WHERE unit_code = $node
    UNION ALL
    SELECT child.side, child.unit_code
    FROM subtree JOIN tree AS child
        ON child.side = subtree.side AND child.parent_code = subtree.unit_code
),
pairs AS (
    -- a unit's rows at both periods as maps of column → text, for the units where something
    -- differs; one_sided when the unit is at one period only
    SELECT
        unit_code,
        coalesce(s.unit_name, f.unit_name) AS unit_name,
        coalesce(s.level, f.level) AS level,
        f.unit_code IS NULL OR s.unit_code IS NULL AS one_sided,
        CAST(f AS MAP(VARCHAR, VARCHAR)) AS old_row,
        CAST(s AS MAP(VARCHAR, VARCHAR)) AS new_row
    FROM first_rows AS f FULL JOIN second_rows AS s USING (unit_code)
    WHERE f IS DISTINCT FROM s AND unit_code IN (SELECT unit_code FROM subtree)
),
compared AS (
    SELECT unit_code, unit_name, level, one_sided, indicator,
           old_row[indicator] AS old, new_row[indicator] AS new
    FROM (
        SELECT unit_code, unit_name, level, one_sided, old_row, new_row,
               unnest($keys) AS indicator
        FROM pairs
    )
)
SELECT unit_code, unit_name, level, indicator, old, new
FROM compared
WHERE CASE WHEN one_sided THEN indicator = 'status' ELSE old IS DISTINCT FROM new END
ORDER BY unit_code, list_position($keys, indicator);
