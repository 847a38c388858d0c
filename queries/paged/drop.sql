-- name: paged/drop
-- Drops a long view's scratch table, which no view holds any more.
DROP TABLE IF EXISTS paged_rows;
