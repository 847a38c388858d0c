-- id: abolished
-- zh: 机构撤并
-- en: Association abolished or merged
-- severity: critical
-- levels: prefecture, county, township
-- statuses: merged, abolished
-- meaning: the association has been merged into another or abolished (撤并)
SELECT unit_code, NULL AS severity, 'status=' || status AS detail
FROM units;
