-- name: paged/make
-- The head of the statement that makes a long view's scratch table (console.paged_view):
-- followed by the text of drill/lowest_in_subtree, whose rows (and parameters) it keeps.
CREATE TABLE paged_rows AS
