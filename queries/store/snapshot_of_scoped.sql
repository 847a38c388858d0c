-- name: store/snapshot_of_scoped
-- Creates the table macro snapshot_of(files) confined to the scope: only the units of
-- scope_units.
-- Parameters (of the macro): files VARCHAR[].
-- Columns: those of read_snapshots.
CREATE OR REPLACE MACRO snapshot_of(files) AS TABLE
SELECT s.* FROM read_snapshots(files) AS s SEMI JOIN scope_units AS u USING (period, unit_code);
