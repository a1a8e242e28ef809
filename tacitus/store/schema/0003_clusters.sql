-- 0003: reports clustered into happenings (tacitus.analysis.clusters; docs/analysis.md#reports-into-events-clusters).
-- Filled after each ingest chunk, or for an older store by `tacitus cluster --db F [--rebuild]`.
-- NULL in the new event columns means "not clustered yet".

-- events.cluster_id: the happening the event reports (clusters.cluster_id); events.is_root: the event is in
-- its article's lead (one of the first two sentences, or in the first paragraph).
ALTER TABLE events ADD COLUMN IF NOT EXISTS cluster_id VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS is_root BOOLEAN;

CREATE TABLE IF NOT EXISTS clusters (
    cluster_id     VARCHAR PRIMARY KEY,  -- 'c' + the event_id of the cluster's first event
    n_events       INTEGER NOT NULL,     -- coded events in the cluster
    n_mentions     INTEGER NOT NULL,     -- those plus one per duplicate article of each event's article
    n_articles     INTEGER NOT NULL,     -- distinct articles reporting it, duplicates (exact or near) included
    n_sources      INTEGER NOT NULL,     -- distinct articles.source among those articles
    first_seen     DATE,                 -- first and last date of those articles
    last_seen      DATE,
    cameo          VARCHAR,              -- the root event's code
    cameo_root     VARCHAR,
    quad_class     TINYINT,
    source_code    VARCHAR,              -- the root event's actors
    target_code    VARCHAR,
    root_event_id  VARCHAR,              -- the event that stands for the cluster: a lead event first, then the earliest
    updated_at     TIMESTAMP NOT NULL
);
