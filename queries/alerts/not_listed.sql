-- id: not_listed
-- zh: 未列入群团序列
-- en: Not listed as a mass organisation
-- severity: warning
-- levels: province, prefecture, county
-- meaning: not listed among the mass organisations led by the Party committee
SELECT unit_code, NULL AS severity, 'mass_org_listed=false' AS detail
FROM units
WHERE NOT mass_org_listed;
