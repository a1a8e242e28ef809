-- 0007: the watcher's cursor (tacitus watch; docs/ingest.md). Rows are written in the same transaction as the
-- articles they stand for, so a watcher killed at any moment resumes with no duplicate and no lost article.

CREATE TABLE IF NOT EXISTS watch_seen (
    item         VARCHAR PRIMARY KEY,  -- a normalised URL (feed entry or page), or 'file:' + absolute path
    fingerprint  VARCHAR,              -- files: size and mtime; pages: content hash; NULL for feed entries
    source       VARCHAR NOT NULL,     -- the watched source it came from, as given
    seen_at      TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS watch_cursors (
    source     VARCHAR PRIMARY KEY,    -- the watched source, as given
    state      JSON,                   -- what makes the next poll cheap: ETag, Last-Modified, a file fingerprint
    polled_at  TIMESTAMP NOT NULL
);
