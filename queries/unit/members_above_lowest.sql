-- name: unit/members_above_lowest
-- Whether subtree_members (unit/members_start) has members at depth $depth - 1 above the
-- lowest level: the only ones whose children unit/members_step looks for.
-- Parameters: $depth INTEGER, $lowest VARCHAR.
-- Columns: found BOOLEAN.
SELECT count(*) > 0 AS found
FROM subtree_members
WHERE depth = $depth - 1 AND level <> $lowest;
