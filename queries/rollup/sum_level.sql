-- name: rollup/sum_level
-- Adds the counts of every rollup_stage row of level $level to its parent's row. Run for
-- each level from the bottom up (a parent is always at a higher level): when a level's
-- turn comes, its rows already hold their whole subtree.
-- Parameters: $level VARCHAR.
UPDATE rollup_stage AS up
SET units = up.units + below.units,
    prefectures = up.prefectures + below.prefectures,
    prefectures_plan = up.prefectures_plan + below.prefectures_plan,
    prefectures_plan_reported = up.prefectures_plan_reported + below.prefectures_plan_reported,
    prefectures_listed = up.prefectures_listed + below.prefectures_listed,
    prefectures_listed_reported
        = up.prefectures_listed_reported + below.prefectures_listed_reported,
    counties = up.counties + below.counties,
    counties_plan = up.counties_plan + below.counties_plan,
    counties_plan_reported = up.counties_plan_reported + below.counties_plan_reported,
    counties_cs = up.counties_cs + below.counties_cs,
    counties_cs_reported = up.counties_cs_reported + below.counties_cs_reported,
    presidents_vacant = up.presidents_vacant + below.presidents_vacant,
    elections_overdue = up.elections_overdue + below.elections_overdue,
    hollow = up.hollow + below.hollow,
    abolished = up.abolished + below.abolished,
    alerts_critical = up.alerts_critical + below.alerts_critical,
    alerts_warning = up.alerts_warning + below.alerts_warning
FROM (
    SELECT parent_code,
           sum(units) AS units, sum(prefectures) AS prefectures,
           sum(prefectures_plan) AS prefectures_plan,
           sum(prefectures_plan_reported) AS prefectures_plan_reported,
           sum(prefectures_listed) AS prefectures_listed,
           sum(prefectures_listed_reported) AS prefectures_listed_reported,
           sum(counties) AS counties, sum(counties_plan) AS counties_plan,
           sum(counties_plan_reported) AS counties_plan_reported,
           sum(counties_cs) AS counties_cs,
           sum(counties_cs_reported) AS counties_cs_reported,
           sum(presidents_vacant) AS presidents_vacant,
           sum(elections_overdue) AS elections_overdue, sum(hollow) AS hollow,
           sum(abolished) AS abolished, sum(alerts_critical) AS alerts_critical,
           sum(alerts_warning) AS alerts_warning
    FROM rollup_stage
    WHERE level = $level
    GROUP BY parent_code
) AS below
WHERE up.unit_code = below.parent_code;
