-- Users, roles and sign-in state for ASP.NET Core Identity (one role per user: Viewer < Analyst < Admin).
CREATE TABLE users (
    id                   TEXT    PRIMARY KEY,
    user_name            TEXT    NOT NULL,
    normalized_user_name TEXT    NOT NULL UNIQUE,
    password_hash        TEXT,
    security_stamp       TEXT    NOT NULL,
    concurrency_stamp    TEXT    NOT NULL,
    role                 TEXT    NOT NULL CHECK (role IN ('Viewer', 'Analyst', 'Admin')),
    must_change_password INTEGER NOT NULL DEFAULT 0,
    is_disabled          INTEGER NOT NULL DEFAULT 0,
    lockout_enabled      INTEGER NOT NULL DEFAULT 1,
    lockout_end          INTEGER,
    access_failed_count  INTEGER NOT NULL DEFAULT 0,
    created_at           INTEGER NOT NULL,
    last_sign_in_at      INTEGER
);

-- AWS-style access keys for the /aws endpoint; the secret is kept encrypted with ASP.NET Data Protection
-- because SigV4 verification needs the secret itself, not a hash of it.
CREATE TABLE access_keys (
    access_key_id    TEXT    PRIMARY KEY,
    user_id          TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    protected_secret TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    created_by       TEXT    NOT NULL,
    revoked_at       INTEGER,
    revoked_by       TEXT,
    last_used_at     INTEGER
);
CREATE INDEX ix_access_keys_user ON access_keys (user_id);

-- Who did what: sign-ins, user and key changes, catalog changes, runs.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at INTEGER NOT NULL,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    target      TEXT,
    outcome     TEXT    NOT NULL CHECK (outcome IN ('Succeeded', 'Failed', 'Denied')),
    detail      TEXT,
    source      TEXT
);
CREATE INDEX ix_audit_log_occurred_at ON audit_log (occurred_at);

-- Glue Data Catalog databases.
CREATE TABLE catalog_databases (
    name         TEXT    PRIMARY KEY,
    description  TEXT,
    location_uri TEXT,
    parameters   TEXT    NOT NULL DEFAULT '{}',
    create_time  INTEGER NOT NULL,
    created_by   TEXT    NOT NULL,
    updated_at   INTEGER NOT NULL,
    updated_by   TEXT    NOT NULL
);

-- Facts the portal keeps about itself (for example that the sample lake was seeded once).
CREATE TABLE portal_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
