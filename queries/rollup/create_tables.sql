-- name: rollup/create_tables
-- Creates the tables that hold the rollups of every period built so far: one row per unit
-- and period with the unit's own values, the rollup over its subtree and its ancestors
-- (rollup/build), its subtree's alert counts (rollup/fold_alerts); the units breaking each
-- rule in each subtree (rollup/build_rule_rollups); a scoped store's units in each period
-- (store/scope_units); and the key of what each period's rollups, alerts and scope were
-- made from (console.derived).
-- Columns of rollups: period DATE, parent_code VARCHAR, path VARCHAR[] (the ancestors from
--   the store's root down to the parent), then the columns of console.schema.DRILL_VIEW
--   (alerts_critical and alerts_warning NULL until the period's alerts are folded in),
--   then lowest_children: how many of its children are of the lowest level (not kept).
--   Of rule_rollups: period DATE, unit_code VARCHAR, rule VARCHAR, severity VARCHAR,
--   units BIGINT. Of derived: period VARCHAR, part VARCHAR ('rollups', 'alerts' or
--   'scope'), key VARCHAR, rows BIGINT. Of scope_units (a scoped store's units in each
--   period, store/scope_units): period DATE, unit_code VARCHAR.
CREATE TABLE IF NOT EXISTS rollups (
    period DATE, parent_code VARCHAR, path VARCHAR[],
    unit_code VARCHAR, unit_name VARCHAR, level VARCHAR, status VARCHAR,
    reform_plan_issued BOOLEAN, president_in_place BOOLEAN, mass_org_listed BOOLEAN,
    civil_servant_managed BOOLEAN, party_group BOOLEAN, last_election DATE,
    staff_quota INTEGER, staff_quota_change INTEGER, units BIGINT,
    prefectures_plan_rate DOUBLE, counties_plan_rate DOUBLE,
    prefectures_listed_rate DOUBLE, counties_cs_rate DOUBLE,
    presidents_vacant BIGINT, elections_overdue BIGINT, hollow BIGINT, abolished BIGINT,
    alerts_critical BIGINT, alerts_warning BIGINT, lowest_children BIGINT
);
CREATE TABLE IF NOT EXISTS rule_rollups (
    period DATE, unit_code VARCHAR, rule VARCHAR, severity VARCHAR, units BIGINT
);
CREATE TABLE IF NOT EXISTS derived (period VARCHAR, part VARCHAR, key VARCHAR, rows BIGINT);
CREATE TABLE IF NOT EXISTS scope_units (period DATE, unit_code VARCHAR);
