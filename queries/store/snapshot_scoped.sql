-- name: store/snapshot_scoped
-- Creates the view snapshot confined to the scope: only the units of scope_units.
-- Columns: those of snapshot_all.
CREATE OR REPLACE VIEW snapshot AS
SELECT s.* FROM snapshot_all AS s SEMI JOIN scope_units AS u USING (period, unit_code);
