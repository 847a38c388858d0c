-- name: store/set_files
-- Prepares a session (each cursor is one): sets the variable snapshot_files that the view
-- snapshot reads, and turns off DuckDB's progress bar, which would draw over the console.
-- Parameters: $files VARCHAR[] (paths of the validated snapshot files).
SET enable_progress_bar = false;
SET VARIABLE snapshot_files = $files;
