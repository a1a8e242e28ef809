-- 0001: the initial event store. See docs/schema.md for what every column means.

CREATE TABLE IF NOT EXISTS articles (
    id            VARCHAR PRIMARY KEY,   -- the article's own id, else the first 20 hex of its content hash
    date          DATE,                  -- publication date (NULL when unknown or unparseable)
    source        VARCHAR,               -- publisher, e.g. "Bloomberg"
    title         VARCHAR,
    url           VARCHAR,
    place         VARCHAR,               -- dateline place, e.g. "KABUL, Afghanistan"
    content_hash  VARCHAR NOT NULL,      -- sha1 of the normalised text (Article.content_hash)
    duplicate_of  VARCHAR,               -- id of the first article with the same text; NULL for originals
    text          VARCHAR NOT NULL,      -- text after dateline removal; event offsets refer to it
    metadata      JSON,                  -- every other input field
    origin        VARCHAR,               -- "path:line" the article was read from
    n_sentences   INTEGER,               -- sentences split by the pipeline (0 for duplicates)
    n_events      INTEGER,               -- events coded from it (0 for duplicates)
    run_id        VARCHAR,               -- the ingest run that wrote it (runs.run_id)
    ingested_at   TIMESTAMP NOT NULL
);

CREATE INDEX IF NOT EXISTS articles_content_hash ON articles (content_hash);

CREATE TABLE IF NOT EXISTS events (
    event_id            VARCHAR PRIMARY KEY,
    doc_id              VARCHAR NOT NULL,  -- articles.id
    date                DATE,
    source_text         VARCHAR,
    source_code         VARCHAR,
    source_country      VARCHAR,
    source_sector       VARCHAR,
    source_name         VARCHAR,
    source_char_start   INTEGER,
    source_char_end     INTEGER,
    target_text         VARCHAR,
    target_code         VARCHAR,
    target_country      VARCHAR,
    target_sector       VARCHAR,
    target_name         VARCHAR,
    target_char_start   INTEGER,
    target_char_end     INTEGER,
    cameo               VARCHAR NOT NULL,  -- a string: '010' is not '10'
    cameo_root          VARCHAR NOT NULL,
    quad_class          TINYINT,
    goldstein           DOUBLE,
    plover_type         VARCHAR,
    plover_mode         VARCHAR,
    sentence_index      INTEGER,
    sentence            VARCHAR,
    trigger             VARCHAR,
    trigger_start       INTEGER,
    trigger_end         INTEGER,
    rule                VARCHAR,
    confidence          DOUBLE,
    modality            VARCHAR,
    historical          BOOLEAN,
    location            VARCHAR,
    lexicon_version     VARCHAR
);

CREATE INDEX IF NOT EXISTS events_doc_id ON events (doc_id);
CREATE INDEX IF NOT EXISTS events_date ON events (date);

CREATE TABLE IF NOT EXISTS ingest_errors (
    path     VARCHAR NOT NULL,   -- the input file as given ("-" for stdin)
    line     INTEGER,            -- 1-based line or CSV row; NULL when the whole file is bad
    reason   VARCHAR NOT NULL,   -- machine-friendly reason, e.g. malformed_json (docs/ingest.md)
    message  VARCHAR NOT NULL,
    run_id   VARCHAR,
    seen_at  TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS runs (
    run_id          VARCHAR PRIMARY KEY,
    started_at      TIMESTAMP NOT NULL,
    finished_at     TIMESTAMP,          -- NULL when the run was interrupted
    inputs          JSON,
    tacitus_version VARCHAR,
    lexicon_version VARCHAR,
    summary         JSON
);
