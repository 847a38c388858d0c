-- name: unit/members_step
-- Adds to subtree_members (unit/members_start) the children, in the same period, of its
-- members at depth $depth - 1 that are not of the lowest level (which has none).
-- Parameters: $files VARCHAR[] (the periods' files), $depth INTEGER, $lowest VARCHAR.
-- Returns: the number of rows added (Count BIGINT).
INSERT INTO subtree_members
SELECT child.period, child.unit_code, child.level, $depth AS depth
FROM snapshot_of($files) AS child
SEMI JOIN (SELECT period, unit_code FROM subtree_members
           WHERE depth = $depth - 1 AND level <> $lowest) AS above
    ON child.period = above.period AND child.parent_code = above.unit_code;
