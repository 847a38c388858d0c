-- name: alerting/units_breaking
-- Returns, for each unit of $codes whose subtree (the unit included) has units that break
-- any of the rules $rules at a period, how many: a unit breaking two of them counts
-- twice. Reads rule_rollups (which must hold the period) for the units rollups keeps, and
-- the unit's own alerts for one it does not (of the lowest level). Units where none
-- fires are left out.
-- Parameters: $period DATE, $rules VARCHAR[], $codes VARCHAR[].
-- Columns: unit_code VARCHAR, units BIGINT.
SELECT unit_code, sum(units)::BIGINT AS units
FROM rule_rollups
WHERE period = $period AND list_contains($rules, rule)
  AND unit_code IN (SELECT unnest($codes))
GROUP BY unit_code
UNION ALL
SELECT a.unit_code, count(*)::BIGINT
FROM alerts AS a
WHERE a.period = $period AND list_contains($rules, a.rule)
  AND a.unit_code IN (SELECT unnest($codes))
  AND NOT EXISTS (SELECT 1 FROM rollups AS r
                  WHERE r.period = $period AND r.unit_code = a.unit_code)
GROUP BY a.unit_code;
