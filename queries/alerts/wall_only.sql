-- id: wall_only
-- zh: 墙上协会
-- en: Rules on the wall only
-- severity: critical
-- levels: prefecture, county, township, village
-- meaning: no activity in 12 months; only its rules are posted on a wall
SELECT unit_code, NULL AS severity, 'activities_12m=0; rules_on_wall=true' AS detail
FROM units
WHERE activities_12m = 0 AND rules_on_wall;
