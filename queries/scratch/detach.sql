-- name: scratch/detach
-- Detaches the scratch database (console.derived.detach_scratch), whose file is then
-- deleted.
DETACH DATABASE IF EXISTS scratch;
