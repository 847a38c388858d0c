-- id: no_party_group
-- zh: 未建党组
-- en: No Party group
-- severity: info
-- levels: province, prefecture, county
-- meaning: no Party leadership group is set up in the association
SELECT unit_code, NULL AS severity, 'party_group=false' AS detail
FROM units
WHERE NOT party_group;
