-- id: drawer_only
-- zh: 抽屉协会
-- en: In a drawer only
-- severity: critical
-- levels: prefecture, county, township, village
-- meaning: no activity in 12 months, no signboard, no rules posted: papers in a drawer
SELECT unit_code, NULL AS severity, 'activities_12m=0; signboard=false' AS detail
FROM units
WHERE activities_12m = 0 AND NOT signboard AND NOT rules_on_wall;
