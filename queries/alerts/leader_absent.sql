-- id: leader_absent
-- zh: 无人主持工作
-- en: Nobody runs the association
-- severity: critical
-- levels: province, prefecture, county
-- meaning: no president, and no vice-president or secretary-general actually runs the work
SELECT unit_code, NULL AS severity, 'president_in_place=false; leader_functional=false' AS detail
FROM units
WHERE NOT president_in_place AND NOT leader_functional;
