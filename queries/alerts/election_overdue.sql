-- id: election_overdue
-- zh: 逾期未换届
-- en: Election overdue
-- severity: warning
-- levels: province, prefecture, county, township
-- meaning: the last election is more than 5 years before the as-of date (critical when more than a year past due)
SELECT unit_code,
       CASE WHEN last_election < CAST(as_of - INTERVAL 6 YEAR AS DATE) THEN 'critical' END
           AS severity,
       'last_election=' || strftime(last_election, '%Y-%m-%d')
           || '; overdue_days=' || (as_of - CAST(last_election + INTERVAL 5 YEAR AS DATE))
           AS detail
FROM units
WHERE last_election < CAST(as_of - INTERVAL 5 YEAR AS DATE);
