-- name: store/set_files
-- Sets the session variable snapshot_files that the view snapshot_all reads. Each cursor
-- is a session of its own, so the store runs this on every cursor it hands out.
-- Parameters: $files VARCHAR[] (paths of the validated snapshot files).
SET VARIABLE snapshot_files = $files;
