-- id: plan_missing
-- zh: 改革方案未出台
-- en: Reform plan not issued
-- severity: warning
-- levels: province, prefecture, county
-- meaning: no reform plan yet (critical from 60 days before the deadline)
SELECT unit_code,
       CASE WHEN deadline - as_of <= 60 THEN 'critical' END AS severity,
       'reform_plan_issued=false; days_to_deadline=' || (deadline - as_of) AS detail
FROM units
WHERE NOT reform_plan_issued;
