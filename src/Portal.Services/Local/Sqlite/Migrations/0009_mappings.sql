-- Mappings: one row per mapping (its source indexed for lineage lookups) and one row per saved version.
-- A delete only marks the mapping deleted: jobs and runs pin (name, version) and must still read what they ran, and a
-- mapping saved again under the same name continues the version numbers instead of reusing them.
CREATE TABLE mappings (
    name            TEXT    NOT NULL COLLATE NOCASE PRIMARY KEY,
    latest_version  INTEGER NOT NULL,
    source_database TEXT    NOT NULL,
    source_table    TEXT    NOT NULL,
    target_database TEXT    NOT NULL,
    target_table    TEXT    NOT NULL,
    created_by      TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_by      TEXT    NOT NULL,
    updated_at      INTEGER NOT NULL,
    deleted_by      TEXT,
    deleted_at      INTEGER
) WITHOUT ROWID;

CREATE INDEX mappings_by_source ON mappings (source_database, source_table) WHERE deleted_at IS NULL;

CREATE TABLE mapping_versions (
    name       TEXT    NOT NULL COLLATE NOCASE REFERENCES mappings (name) ON DELETE CASCADE,
    version    INTEGER NOT NULL CHECK (version >= 1),
    definition TEXT    NOT NULL,
    author     TEXT    NOT NULL,
    saved_at   INTEGER NOT NULL,
    comment    TEXT,
    PRIMARY KEY (name, version)
) WITHOUT ROWID;

-- Monitoring (CloudWatch's shape). Planned as 0011; kept in this step because the migrator refuses numbering gaps
-- and 0010 belongs to the jobs branch.
-- Metrics: an identity is namespace + name + dimensions (canonical JSON sorted by name); points hang off it.
CREATE TABLE metrics (
    id         INTEGER PRIMARY KEY,
    namespace  TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    dimensions TEXT    NOT NULL,
    UNIQUE (namespace, name, dimensions)
);

CREATE TABLE metric_dimensions (
    metric_id INTEGER NOT NULL REFERENCES metrics (id) ON DELETE CASCADE,
    name      TEXT    NOT NULL,
    value     TEXT    NOT NULL,
    PRIMARY KEY (metric_id, name)
) WITHOUT ROWID;

CREATE INDEX metric_dimensions_by_value ON metric_dimensions (name, value);

CREATE TABLE metric_points (
    metric_id INTEGER NOT NULL REFERENCES metrics (id) ON DELETE CASCADE,
    timestamp INTEGER NOT NULL,
    value     REAL    NOT NULL,
    unit      TEXT    NOT NULL
);

CREATE INDEX metric_points_by_time ON metric_points (metric_id, timestamp);

-- Logs: groups, streams (created on first put) and events; the event id is the sequence that orders equal timestamps.
CREATE TABLE log_groups (
    name          TEXT    NOT NULL PRIMARY KEY,
    creation_time INTEGER NOT NULL,
    stored_bytes  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE log_streams (
    group_name           TEXT    NOT NULL REFERENCES log_groups (name) ON DELETE CASCADE,
    name                 TEXT    NOT NULL,
    creation_time        INTEGER NOT NULL,
    first_event_time     INTEGER,
    last_event_time      INTEGER,
    last_ingestion_time  INTEGER NOT NULL,
    PRIMARY KEY (group_name, name)
) WITHOUT ROWID;

CREATE INDEX log_streams_by_last_event ON log_streams (group_name, last_event_time DESC, name DESC);

CREATE TABLE log_events (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    group_name     TEXT    NOT NULL,
    stream_name    TEXT    NOT NULL,
    timestamp      INTEGER NOT NULL,
    message        TEXT    NOT NULL,
    ingestion_time INTEGER NOT NULL,
    FOREIGN KEY (group_name, stream_name) REFERENCES log_streams (group_name, name) ON DELETE CASCADE
);

CREATE INDEX log_events_by_stream ON log_events (group_name, stream_name, timestamp, id);
CREATE INDEX log_events_by_group ON log_events (group_name, timestamp, id);
