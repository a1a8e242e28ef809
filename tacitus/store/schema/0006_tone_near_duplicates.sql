-- 0006: tone and near-duplicate articles (tacitus/enrich/tone.py, tacitus/enrich/near_duplicates.py;
-- docs/enrich.md). NULL in a new column means "not enriched yet": `tacitus enrich --db F` fills tone.

-- articles.tone: the article text's tone on GDELT's AvgTone scale (-100..+100).
ALTER TABLE articles ADD COLUMN IF NOT EXISTS tone DOUBLE;
-- A duplicate's link (duplicate_of, from 0001): 'exact' (same normalised text, similarity 1) or
-- 'near' (shingle Jaccard with its first copy at or above the threshold).
ALTER TABLE articles ADD COLUMN IF NOT EXISTS duplicate_similarity DOUBLE;
ALTER TABLE articles ADD COLUMN IF NOT EXISTS duplicate_kind VARCHAR;
UPDATE articles SET duplicate_kind = 'exact', duplicate_similarity = 1.0
WHERE duplicate_of IS NOT NULL AND duplicate_kind IS NULL;

-- events: the tone of the event's sentence and of its article, and the enrichers that ran on it
-- ("name@version" joined by ";"). 0005 adds enrichers too; IF NOT EXISTS lets either land first.
ALTER TABLE events ADD COLUMN IF NOT EXISTS enrichers VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS sentence_tone DOUBLE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS article_tone DOUBLE;

-- The near-duplicate LSH index: one row per (original article, band) with the band's bucket key.
-- Looked up one ingest chunk at a time: the chunk's keys are the build side of a hash join that
-- streams this table, so memory stays one chunk. No ART index: DuckDB's join does not use one,
-- and it made the table 4x larger on disk and inserts 50% slower (docs/enrich.md, measured).
CREATE TABLE IF NOT EXISTS article_bands (
    band        SMALLINT NOT NULL,   -- 0 .. BANDS-1
    bucket      BIGINT NOT NULL,     -- hash of the band's MinHash values (band number mixed in)
    article_id  VARCHAR NOT NULL     -- articles.id of an original
);
