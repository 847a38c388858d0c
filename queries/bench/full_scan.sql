-- name: bench/full_scan
-- Returns every row and column of one snapshot file: the benchmark's floor, the time a
-- full decode of one period takes on this machine.
-- Parameters: $period_files VARCHAR[] (one period's file).
-- Columns: those of the file.
SELECT * FROM read_parquet($period_files);
