-- id: three_fixed_pending
-- zh: “三定”未落实
-- en: Three-fixed plan pending
-- severity: info
-- levels: province, prefecture, county
-- meaning: functions, departments and staffing quota are not yet fixed (“三定”)
SELECT unit_code, NULL AS severity, 'three_fixed_done=false' AS detail
FROM units
WHERE NOT three_fixed_done;
