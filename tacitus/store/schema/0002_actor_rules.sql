-- 0002: which rule gave each actor its country (models.Actor.country_rule; docs/actors.md).
-- country.phrase: the mention's own words; country.sentence / country.paragraph / country.dateline /
-- country.article / country.source / country.antecedent: the context. NULL: no country, or coded before 0002.

ALTER TABLE events ADD COLUMN IF NOT EXISTS source_country_rule VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS target_country_rule VARCHAR;
