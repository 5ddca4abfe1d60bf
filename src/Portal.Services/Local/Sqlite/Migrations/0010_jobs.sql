-- Glue jobs (the JobDefinition as JSON), their runs with the exact script and mapping version they ran, each run's
-- state timeline, and each job's bookmark (processed files per transformation_ctx).
CREATE TABLE jobs (
    name          TEXT    PRIMARY KEY,
    definition    TEXT    NOT NULL,
    created_by    TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    modified_by   TEXT    NOT NULL,
    modified_at   INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE job_runs (
    id                TEXT    PRIMARY KEY,
    job_name          TEXT    NOT NULL REFERENCES jobs (name) ON DELETE CASCADE,
    attempt           INTEGER NOT NULL,
    previous_run_id   TEXT,
    trigger_name      TEXT,
    state             TEXT    NOT NULL CHECK (state IN ('STARTING', 'RUNNING', 'STOPPING', 'STOPPED', 'SUCCEEDED', 'FAILED', 'TIMEOUT', 'ERROR', 'WAITING', 'EXPIRED')),
    started_at        INTEGER NOT NULL,
    modified_at       INTEGER NOT NULL,
    completed_at      INTEGER,
    running_ms        INTEGER NOT NULL DEFAULT 0,
    arguments         TEXT    NOT NULL,
    error_message     TEXT,
    timeout_minutes   INTEGER NOT NULL,
    log_group         TEXT    NOT NULL,
    started_by        TEXT    NOT NULL,
    mapping_name      TEXT,
    mapping_version   INTEGER,
    script            TEXT    NOT NULL DEFAULT '',
    -- Where the run writes before it publishes, the target files it is moving into place (JSON list) and the bookmark
    -- it will save, so that a restart can finish or undo what a killed run left behind.
    staging_folder    TEXT,
    publish_manifest  TEXT,
    pending_bookmark  TEXT
) WITHOUT ROWID;
CREATE INDEX job_runs_by_job ON job_runs (job_name, started_at DESC, id DESC);
CREATE INDEX job_runs_active ON job_runs (state) WHERE state IN ('STARTING', 'RUNNING', 'STOPPING');

CREATE TABLE job_run_states (
    run_id  TEXT    NOT NULL REFERENCES job_runs (id) ON DELETE CASCADE,
    seq     INTEGER NOT NULL,
    state   TEXT    NOT NULL,
    at      INTEGER NOT NULL,
    reason  TEXT,
    PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

CREATE TABLE job_bookmarks (
    job_name        TEXT    PRIMARY KEY REFERENCES jobs (name) ON DELETE CASCADE,
    version         INTEGER NOT NULL,
    run             INTEGER NOT NULL,
    attempt         INTEGER NOT NULL,
    previous_run_id TEXT,
    run_id          TEXT,
    state           TEXT    NOT NULL
) WITHOUT ROWID;
