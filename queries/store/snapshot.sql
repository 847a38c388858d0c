-- name: store/snapshot
-- Creates the view snapshot: every period of the folder, within the scope if any. The
-- file list is the session variable snapshot_files (set on every cursor by the store).
-- Columns: those of read_snapshots.
CREATE OR REPLACE VIEW snapshot AS SELECT * FROM snapshot_of(getvariable('snapshot_files'));
