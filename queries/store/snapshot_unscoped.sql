-- name: store/snapshot_unscoped
-- Creates the view snapshot, which every other query reads: here every unit.
-- Columns: those of snapshot_all.
CREATE OR REPLACE VIEW snapshot AS SELECT * FROM snapshot_all;
