-- name: paged/of_codes
-- Returns the rows of a long view's scratch table for the units $codes (a block of the
-- view compared with this baseline: console.paged_view.ComparedRows), in no order.
-- Parameters: $codes VARCHAR[].
-- Columns: those of the table.
SELECT * FROM paged_rows WHERE unit_code IN (SELECT unnest($codes));
