-- id: pilot_lagging
-- zh: 试点单位滞后
-- en: Pilot unit lagging
-- severity: warning
-- levels: prefecture, county
-- meaning: a comprehensive-reform pilot unit that has not issued its reform plan
SELECT unit_code, NULL AS severity,
       'pilot_batch=' || pilot_batch || '; reform_plan_issued=false' AS detail
FROM units
WHERE pilot_batch > 0 AND NOT reform_plan_issued;
