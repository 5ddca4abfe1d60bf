-- Glue triggers (the TriggerDefinition as JSON), their fire history, the file snapshot of EVENT triggers, and the
-- trigger that started each crawl.
CREATE TABLE triggers (
    name             TEXT    PRIMARY KEY,
    type             TEXT    NOT NULL CHECK (type IN ('SCHEDULED', 'CONDITIONAL', 'ON_DEMAND', 'EVENT')),
    definition       TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    created_by       TEXT    NOT NULL,
    created_on       INTEGER NOT NULL,
    modified_by      TEXT    NOT NULL,
    modified_on      INTEGER NOT NULL,
    activated_on     INTEGER,
    -- SCHEDULED and ACTIVATED only; advanced in the same transaction that records the fire.
    next_fire_at     INTEGER,
    -- EVENT only: files seen since the last fire and when the first of them was seen (the batch window's start).
    pending_events   INTEGER NOT NULL DEFAULT 0,
    first_pending_at INTEGER
) WITHOUT ROWID;
CREATE INDEX triggers_due ON triggers (next_fire_at) WHERE next_fire_at IS NOT NULL;

CREATE TABLE trigger_fires (
    id           TEXT    PRIMARY KEY,
    trigger_name TEXT    NOT NULL REFERENCES triggers (name) ON DELETE CASCADE,
    cause        TEXT    NOT NULL CHECK (cause IN ('Schedule', 'Condition', 'Event', 'Manual')),
    due_at       INTEGER NOT NULL,
    fired_at     INTEGER NOT NULL,
    late         INTEGER NOT NULL DEFAULT 0,
    outcome      TEXT    NOT NULL CHECK (outcome IN ('Started', 'PartlyStarted', 'Failed', 'Skipped')),
    detail       TEXT,
    actions      TEXT    NOT NULL DEFAULT '[]'
) WITHOUT ROWID;
-- A scheduled fire is recorded once per due time, whichever process (or restart) gets there first.
CREATE UNIQUE INDEX trigger_fires_scheduled ON trigger_fires (trigger_name, cause, due_at) WHERE cause = 'Schedule';
CREATE INDEX trigger_fires_by_time ON trigger_fires (fired_at DESC, id DESC);
CREATE INDEX trigger_fires_by_trigger ON trigger_fires (trigger_name, fired_at DESC, id DESC);

-- The files an EVENT trigger has seen under its prefix (path relative to the prefix, size, mtime in ms): a new or
-- changed file is an event.
CREATE TABLE trigger_event_files (
    trigger_name TEXT    NOT NULL REFERENCES triggers (name) ON DELETE CASCADE,
    path         TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    mtime        INTEGER NOT NULL,
    PRIMARY KEY (trigger_name, path)
) WITHOUT ROWID;

ALTER TABLE crawler_runs ADD COLUMN trigger_name TEXT;
