-- id: staff_cut
-- zh: 编制缩减
-- en: Staff quota cut
-- severity: warning
-- levels: province, prefecture, county
-- meaning: the staffing quota is below its value at the baseline (the earliest period)
SELECT unit_code, NULL AS severity,
       'staff_quota=' || staff_quota || '; baseline_staff_quota=' || baseline_staff_quota
           AS detail
FROM units
WHERE staff_quota < baseline_staff_quota;
