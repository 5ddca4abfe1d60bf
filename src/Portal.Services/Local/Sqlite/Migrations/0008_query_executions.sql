-- Query executions (Athena's QueryExecution): who ran what, where it stands, its statistics and result columns.
CREATE TABLE query_executions (
    id                   TEXT    PRIMARY KEY,
    sql                  TEXT    NOT NULL,
    database_name        TEXT,
    statement_type       TEXT    NOT NULL,
    state                TEXT    NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    state_reason         TEXT,
    error                TEXT,
    submitted_by         TEXT    NOT NULL,
    submitted_at         INTEGER NOT NULL,
    completed_at         INTEGER,
    statistics           TEXT    NOT NULL,
    output_location      TEXT    NOT NULL,
    work_group           TEXT    NOT NULL,
    columns              TEXT,
    client_request_token TEXT
) WITHOUT ROWID;

CREATE UNIQUE INDEX query_executions_token ON query_executions (submitted_by, client_request_token) WHERE client_request_token IS NOT NULL;
CREATE INDEX query_executions_by_user ON query_executions (submitted_by, submitted_at DESC);
CREATE INDEX query_executions_by_time ON query_executions (submitted_at DESC);
