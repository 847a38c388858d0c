-- name: store/snapshot_of_unscoped
-- Creates the table macro snapshot_of(files), which every query reads: the rows of the
-- given snapshot files, here every unit. A query over one period passes that period's
-- file alone, so DuckDB opens one file instead of all of them.
-- Parameters (of the macro): files VARCHAR[].
-- Columns: those of read_snapshots.
CREATE OR REPLACE MACRO snapshot_of(files) AS TABLE SELECT * FROM read_snapshots(files);
