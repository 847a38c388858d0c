-- name: alerting/create_tables
-- Creates the table alerts, which holds the alerts of every period evaluated so far, and
-- the table indicator_levels, which says where each indicator applies (filled from
-- console.schema by the store; rules read it).
-- Columns of alerts: period DATE, rule VARCHAR, severity VARCHAR, unit_code VARCHAR,
--   detail VARCHAR. Of indicator_levels: key VARCHAR, level VARCHAR.
CREATE TABLE IF NOT EXISTS alerts (
    period DATE, rule VARCHAR, severity VARCHAR, unit_code VARCHAR, detail VARCHAR
);
CREATE OR REPLACE TABLE indicator_levels (key VARCHAR, level VARCHAR);
