-- id: president_vacant
-- zh: 会长空缺
-- en: President vacant
-- severity: warning
-- levels: province, prefecture, county
-- meaning: the president post is not filled (critical at province level)
SELECT unit_code,
       CASE WHEN level = 'province' THEN 'critical' END AS severity,
       'president_in_place=false' AS detail
FROM units
WHERE NOT president_in_place;
