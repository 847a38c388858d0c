-- name: rollup/path_level
-- Sets the path of every rollup_stage row of level $level whose parent has one: the
-- parent's path and the parent. Run for each level from the top down (a parent is always
-- at a higher level, so its path is set by then).
-- Parameters: $level VARCHAR.
UPDATE rollup_stage AS child
SET path = list_append(parent.path, parent.unit_code)
FROM rollup_stage AS parent
WHERE child.level = $level AND child.parent_code = parent.unit_code
  AND parent.path IS NOT NULL;
