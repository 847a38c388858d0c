-- name: scratch/attach
-- Attaches the scratch database of this process as `scratch` (console.derived.
-- attach_scratch): where the rows of long views are kept on disk (console.paged_view).
-- Parameters: $path VARCHAR (a new file in the user's cache, or ':memory:').
ATTACH $path AS scratch;
