-- Saved queries (Athena's named queries): private to their owner or shared with everyone.
CREATE TABLE saved_queries (
    id            TEXT    PRIMARY KEY,
    name          TEXT    NOT NULL,
    sql           TEXT    NOT NULL,
    database_name TEXT,
    description   TEXT,
    shared        INTEGER NOT NULL CHECK (shared IN (0, 1)),
    work_group    TEXT    NOT NULL,
    owner         TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX saved_queries_by_name ON saved_queries (name, id);

-- The workbench's open editor tabs per user, restored on the next visit.
CREATE TABLE editor_tabs (
    user_name     TEXT    NOT NULL,
    position      INTEGER NOT NULL,
    title         TEXT    NOT NULL,
    sql           TEXT    NOT NULL,
    database_name TEXT,
    active        INTEGER NOT NULL CHECK (active IN (0, 1)),
    PRIMARY KEY (user_name, position)
) WITHOUT ROWID;
