-- Alert rules, the alerts they raised (one per rule and dedup key: a run, or a job's silent period), each webhook
-- delivery attempt, and who has read which alert (the in-portal notifications are one shared list).
CREATE TABLE alert_rules (
    name            TEXT    PRIMARY KEY,
    kind            TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    threshold       INTEGER,
    enabled         INTEGER NOT NULL,
    webhook_url     TEXT,
    webhook_secret  TEXT,
    created_by      TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    modified_at     INTEGER NOT NULL
) WITHOUT ROWID;

-- The webhook target is copied from the rule when the alert is raised, so editing a rule later does not redirect
-- (or drop) a delivery still being retried. Events outlive their rule: they are history.
CREATE TABLE alert_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    rule_name       TEXT    NOT NULL,
    dedup_key       TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    subject_kind    TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    run_id          TEXT,
    state           TEXT,
    message         TEXT    NOT NULL,
    at              INTEGER NOT NULL,
    link            TEXT    NOT NULL,
    webhook_url     TEXT,
    webhook_secret  TEXT,
    delivery        TEXT    NOT NULL CHECK (delivery IN ('None', 'Pending', 'Delivered', 'Failed')),
    UNIQUE (rule_name, dedup_key)
);
CREATE INDEX alert_events_pending ON alert_events (delivery) WHERE delivery = 'Pending';

CREATE TABLE alert_delivery_attempts (
    event_id     INTEGER NOT NULL REFERENCES alert_events (id) ON DELETE CASCADE,
    number       INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    status_code  INTEGER,
    error        TEXT,
    duration_ms  INTEGER NOT NULL,
    PRIMARY KEY (event_id, number)
) WITHOUT ROWID;

CREATE TABLE alert_reads (
    event_id   INTEGER NOT NULL REFERENCES alert_events (id) ON DELETE CASCADE,
    user_name  TEXT    NOT NULL,
    PRIMARY KEY (event_id, user_name)
) WITHOUT ROWID;
