-- name: alerting/prepare_units
-- Creates, in this session only, the table period_units that rules read (through the
-- relation `units`): every unit of the period with its values, rules_on_wall read as
-- false above the township level (it is only reported for townships and villages), the
-- period's as-of date (its last day), the plan deadline and the staff quota at the
-- baseline (the earliest period).
-- Parameters: $period DATE, $period_files VARCHAR[], $baseline_files VARCHAR[],
--   $deadline DATE.
-- Columns: every snapshot column, then as_of DATE, deadline DATE,
--   baseline_staff_quota INTEGER.
CREATE OR REPLACE TEMP TABLE period_units AS
SELECT
    s.* REPLACE (
        CASE WHEN s.level IN ('township', 'village') THEN s.rules_on_wall ELSE false END
            AS rules_on_wall
    ),
    last_day($period) AS as_of,
    CAST($deadline AS DATE) AS deadline,
    b.staff_quota AS baseline_staff_quota
FROM snapshot_of($period_files) AS s
LEFT JOIN snapshot_of($baseline_files) AS b USING (unit_code);
