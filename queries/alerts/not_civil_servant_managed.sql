-- id: not_civil_servant_managed
-- zh: 未参公
-- en: Not managed like a civil-service body
-- severity: info
-- levels: province, prefecture, county
-- meaning: the office is not managed like a civil-service body (参照公务员法管理)
SELECT unit_code, NULL AS severity, 'civil_servant_managed=false' AS detail
FROM units
WHERE NOT civil_servant_managed;
