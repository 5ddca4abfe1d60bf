-- Crawler definitions (Glue's CreateCrawler input as JSON), their state, and every crawl with its problems.
CREATE TABLE crawlers (
    name          TEXT    PRIMARY KEY,
    definition    TEXT    NOT NULL,
    state         TEXT    NOT NULL CHECK (state IN ('READY', 'RUNNING', 'STOPPING')),
    version       INTEGER NOT NULL,
    creation_time INTEGER NOT NULL,
    last_updated  INTEGER NOT NULL,
    created_by    TEXT    NOT NULL,
    updated_by    TEXT    NOT NULL
) WITHOUT ROWID;

CREATE TABLE crawler_runs (
    id               TEXT    PRIMARY KEY,
    crawler_name     TEXT    NOT NULL REFERENCES crawlers (name) ON DELETE CASCADE,
    status           TEXT    NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'CANCELLED', 'FAILED')),
    started_at       INTEGER NOT NULL,
    completed_at     INTEGER,
    started_by       TEXT    NOT NULL,
    files_seen       INTEGER NOT NULL DEFAULT 0,
    files_classified INTEGER NOT NULL DEFAULT 0,
    summary          TEXT,
    error_message    TEXT,
    problem_count    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_crawler_runs_crawler ON crawler_runs (crawler_name, started_at DESC);

CREATE TABLE crawler_run_problems (
    run_id  TEXT NOT NULL REFERENCES crawler_runs (id) ON DELETE CASCADE,
    seq     INTEGER NOT NULL,
    path    TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
