-- name: alerting/rule_list_initials
-- Fills in the initials of rule_list (alerting/rule_list): each name with every character
-- turned into its pinyin initial by the map $chars → $letters (lists of one character
-- each, as console.finder.initials gives them; a character with no initial is dropped).
-- Parameters: $chars VARCHAR[], $letters VARCHAR[].
UPDATE rule_list AS r
SET initials = i.initials
FROM (
    SELECT c.unit_code, string_agg(m.letter, '' ORDER BY c.place) AS initials
    FROM (SELECT unit_code, unnest(string_split(unit_name, '')) AS ch,
                 generate_subscripts(string_split(unit_name, ''), 1) AS place
          FROM rule_list) AS c
    JOIN (SELECT unnest($chars) AS ch, unnest($letters) AS letter) AS m USING (ch)
    GROUP BY c.unit_code
) AS i
WHERE r.unit_code = i.unit_code;
