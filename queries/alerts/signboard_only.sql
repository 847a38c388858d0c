-- id: signboard_only
-- zh: 牌子协会
-- en: Signboard only
-- severity: critical
-- levels: prefecture, county, township, village
-- meaning: no activity in 12 months; a signboard is up, no rules on the wall
SELECT unit_code, NULL AS severity, 'activities_12m=0; signboard=true' AS detail
FROM units
WHERE activities_12m = 0 AND signboard AND NOT rules_on_wall;
