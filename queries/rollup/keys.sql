-- name: rollup/keys
-- Returns what each period's rollups and alerts were made from, as kept in derived.
-- Columns: period VARCHAR, part VARCHAR, key VARCHAR, rows BIGINT.
SELECT period, part, key, rows FROM derived;
