-- id: data_missing
-- zh: 数据缺报
-- en: Data missing
-- severity: info
-- levels: national, province, prefecture, county, township, village
-- meaning: an indicator that applies at the unit's level was not reported (NULL)
-- (reform_plan_date is rightly empty while no plan is issued.)
SELECT unit_code, NULL AS severity, 'missing=' || string_agg(key, ',' ORDER BY key) AS detail
FROM (
    SELECT unit_code, level, reform_plan_issued IS NOT false AS date_expected,
           CAST(COLUMNS(* EXCLUDE (
               period, unit_code, unit_name, level, parent_code, status, as_of, deadline,
               baseline_staff_quota)) AS VARCHAR)
    FROM units
) UNPIVOT INCLUDE NULLS (
    value FOR key IN (COLUMNS(* EXCLUDE (unit_code, level, date_expected)))
)
SEMI JOIN indicator_levels USING (key, level)
WHERE value IS NULL AND (key <> 'reform_plan_date' OR date_expected)
GROUP BY unit_code
