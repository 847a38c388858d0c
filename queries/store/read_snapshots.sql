-- name: store/read_snapshots
-- Creates the table macro read_snapshots(files): the rows of the given snapshot files
-- (already validated), each column cast to its schema type. Readers are lenient about
-- integer widths and ignore extra columns.
-- Parameters (of the macro): files VARCHAR[].
-- Columns: every column of console.schema.SNAPSHOT_COLUMNS, in order.
CREATE OR REPLACE MACRO read_snapshots(files) AS TABLE
SELECT
    CAST(period AS DATE) AS period,
    CAST(unit_code AS VARCHAR) AS unit_code,
    CAST(unit_name AS VARCHAR) AS unit_name,
    CAST(level AS VARCHAR) AS level,
    CAST(parent_code AS VARCHAR) AS parent_code,
    CAST(status AS VARCHAR) AS status,
    CAST(reform_plan_issued AS BOOLEAN) AS reform_plan_issued,
    CAST(reform_plan_date AS DATE) AS reform_plan_date,
    CAST(pilot_batch AS INTEGER) AS pilot_batch,
    CAST(mass_org_listed AS BOOLEAN) AS mass_org_listed,
    CAST(civil_servant_managed AS BOOLEAN) AS civil_servant_managed,
    CAST(three_fixed_done AS BOOLEAN) AS three_fixed_done,
    CAST(party_group AS BOOLEAN) AS party_group,
    CAST(president_in_place AS BOOLEAN) AS president_in_place,
    CAST(leader_functional AS BOOLEAN) AS leader_functional,
    CAST(last_election AS DATE) AS last_election,
    CAST(staff_quota AS INTEGER) AS staff_quota,
    CAST(staff_actual AS INTEGER) AS staff_actual,
    CAST(departments AS INTEGER) AS departments,
    CAST(fn_contraceptives AS BOOLEAN) AS fn_contraceptives,
    CAST(fn_reward_payments AS BOOLEAN) AS fn_reward_payments,
    CAST(fn_family_health AS BOOLEAN) AS fn_family_health,
    CAST(fn_public_health AS BOOLEAN) AS fn_public_health,
    CAST(fn_elderly AS BOOLEAN) AS fn_elderly,
    CAST(budget_guaranteed AS BOOLEAN) AS budget_guaranteed,
    CAST(budget_10k_yuan AS DOUBLE) AS budget_10k_yuan,
    CAST(signboard AS BOOLEAN) AS signboard,
    CAST(office_space AS BOOLEAN) AS office_space,
    CAST(rules_on_wall AS BOOLEAN) AS rules_on_wall,
    CAST(members AS INTEGER) AS members,
    CAST(volunteers AS INTEGER) AS volunteers,
    CAST(activities_12m AS INTEGER) AS activities_12m,
    CAST(service_sites AS INTEGER) AS service_sites,
    CAST(parent_child_huts AS INTEGER) AS parent_child_huts,
    CAST(warm_heart_families AS INTEGER) AS warm_heart_families
FROM read_parquet(files, union_by_name = true);
