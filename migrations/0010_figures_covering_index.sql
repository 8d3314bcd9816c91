-- Custom migration (drizzle's index builder has no INCLUDE): a round's figures by element are
-- read from this index alone (an index-only scan), not from the table's rows, which also hold the
-- source, note, who and when. At national scale (3 321 communes, 40 elements, 60 rounds) reading
-- one round's weighted columns touched 657 pages through the primary key and 275 through this
-- index. Figures approved over weeks sit far apart in the table, so the gain is larger in a real
-- database than in the bench's, which is loaded in key order. docs/decisions/024.
CREATE INDEX IF NOT EXISTS "data_values_round_element_covering" ON "data_values" ("period_id", "element_id", "commune_id") INCLUDE ("value", "approximate");
