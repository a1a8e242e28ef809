-- 0004: escalation alerts (tacitus.analysis.alerts; docs/analysis.md#alerts).
-- One row per (scope, dyad or country, period, measure); alert_id is a hash of those, so running
-- `tacitus alerts` again updates a row instead of adding a second one.

CREATE TABLE IF NOT EXISTS alerts (
    alert_id        VARCHAR PRIMARY KEY,  -- first 16 hex of sha1(scope|dyad|directed|period|period_start|measure)
    scope           VARCHAR NOT NULL,     -- dyad | country
    dyad            VARCHAR NOT NULL,     -- "RUS-UKR" (source-target, or sorted when undirected) or a country "RUS"
    directed        BOOLEAN NOT NULL,
    period          VARCHAR NOT NULL,     -- week | month: the length of the period judged
    period_start    DATE NOT NULL,
    period_end      DATE NOT NULL,
    measure         VARCHAR NOT NULL,     -- conflict | material_conflict
    value           DOUBLE NOT NULL,      -- clusters counted in the period
    baseline        DOUBLE NOT NULL,      -- expected count: long-baseline mean, smoothed and scaled by article volume
    baseline_short  DOUBLE,               -- mean per covered period over the short window (4 weeks)
    baseline_long   DOUBLE,               -- mean per covered period over the long window (52 weeks)
    ratio_short     DOUBLE,
    ratio_long      DOUBLE,
    p_value         DOUBLE NOT NULL,      -- upper tail P(X >= value), Poisson or negative binomial
    score           DOUBLE NOT NULL,      -- -log10(p_value), capped
    level           VARCHAR NOT NULL,     -- elevated | high | extreme
    test            VARCHAR NOT NULL,     -- poisson | negbin
    history         INTEGER NOT NULL,     -- covered periods in the long window
    articles        INTEGER,              -- the store's articles in the period
    events          JSON NOT NULL,        -- event ids, strongest first
    evidence        JSON NOT NULL,        -- top sentences: event_id, date, cameo, sentence, article id/title/source
    params          JSON,                 -- the parameters the alert was computed with
    computed_at     TIMESTAMP NOT NULL
);

CREATE INDEX IF NOT EXISTS alerts_period ON alerts (period_start);
