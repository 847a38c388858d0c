-- id: no_budget
-- zh: 无稳定经费保障
-- en: No stable budget
-- severity: warning
-- levels: province, prefecture, county, township, village
-- meaning: no stable budget line (not 进盘子)
SELECT unit_code, NULL AS severity, 'budget_guaranteed=false' AS detail
FROM units
WHERE NOT budget_guaranteed;
