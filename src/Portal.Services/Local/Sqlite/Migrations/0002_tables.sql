-- Glue Data Catalog tables, their archived versions and their partitions. Definitions are kept as JSON in Glue's
-- model; names are the keys because every lookup is by name.
CREATE TABLE catalog_tables (
    database_name TEXT    NOT NULL REFERENCES catalog_databases (name) ON DELETE CASCADE,
    name          TEXT    NOT NULL,
    version_id    INTEGER NOT NULL,
    definition    TEXT    NOT NULL,
    create_time   INTEGER NOT NULL,
    update_time   INTEGER NOT NULL,
    created_by    TEXT    NOT NULL,
    updated_by    TEXT    NOT NULL,
    PRIMARY KEY (database_name, name)
) WITHOUT ROWID;

-- Every replaced definition, so a schema change can be diffed and undone (GetTableVersions).
CREATE TABLE catalog_table_versions (
    database_name TEXT    NOT NULL,
    table_name    TEXT    NOT NULL,
    version_id    INTEGER NOT NULL,
    definition    TEXT    NOT NULL,
    create_time   INTEGER NOT NULL,
    update_time   INTEGER NOT NULL,
    created_by    TEXT    NOT NULL,
    updated_by    TEXT    NOT NULL,
    PRIMARY KEY (database_name, table_name, version_id),
    FOREIGN KEY (database_name, table_name) REFERENCES catalog_tables (database_name, name) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE catalog_partitions (
    database_name    TEXT    NOT NULL,
    table_name       TEXT    NOT NULL,
    partition_values TEXT    NOT NULL, -- JSON array in partition-key order
    definition       TEXT    NOT NULL, -- storage descriptor and parameters
    creation_time    INTEGER NOT NULL,
    PRIMARY KEY (database_name, table_name, partition_values),
    FOREIGN KEY (database_name, table_name) REFERENCES catalog_tables (database_name, name) ON DELETE CASCADE
) WITHOUT ROWID;
