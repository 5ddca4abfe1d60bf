-- Searchable text of every table, one row per column name, column comment and description, so a search runs as
-- LIKE over short strings instead of parsing 10,000 JSON definitions. Triggers keep it in step with
-- catalog_tables.definition, so no write path (CreateTable, UpdateTable, a crawl) can forget it; deleting a table or
-- its database removes its terms through the foreign key.
-- kind: 3 = column or partition-key name, 4 = column comment, 5 = table description (the search's rank order).
CREATE TABLE catalog_search_terms (
    database_name TEXT    NOT NULL,
    table_name    TEXT    NOT NULL,
    kind          INTEGER NOT NULL CHECK (kind IN (3, 4, 5)),
    position      INTEGER NOT NULL,
    column_name   TEXT,
    term          TEXT    NOT NULL,
    FOREIGN KEY (database_name, table_name) REFERENCES catalog_tables (database_name, name) ON DELETE CASCADE
);
CREATE INDEX ix_catalog_search_terms_table ON catalog_search_terms (database_name, table_name);

-- The terms of a table as derived from its definition (Glue's model as System.Text.Json writes it). Partition keys
-- follow the columns, as they do in a table's schema.
CREATE VIEW catalog_table_terms AS
    SELECT t.database_name, t.name AS table_name, 3 AS kind, c.key AS position, json_extract(c.value, '$.Name') AS column_name, json_extract(c.value, '$.Name') AS term
    FROM catalog_tables t, json_each(t.definition, '$.StorageDescriptor.Columns') c
    UNION ALL
    SELECT t.database_name, t.name, 3, 100000 + k.key, json_extract(k.value, '$.Name'), json_extract(k.value, '$.Name')
    FROM catalog_tables t, json_each(t.definition, '$.PartitionKeys') k
    UNION ALL
    SELECT t.database_name, t.name, 4, c.key, json_extract(c.value, '$.Name'), json_extract(c.value, '$.Comment')
    FROM catalog_tables t, json_each(t.definition, '$.StorageDescriptor.Columns') c
    WHERE coalesce(json_extract(c.value, '$.Comment'), '') <> ''
    UNION ALL
    SELECT t.database_name, t.name, 4, 100000 + k.key, json_extract(k.value, '$.Name'), json_extract(k.value, '$.Comment')
    FROM catalog_tables t, json_each(t.definition, '$.PartitionKeys') k
    WHERE coalesce(json_extract(k.value, '$.Comment'), '') <> ''
    UNION ALL
    SELECT t.database_name, t.name, 5, 0, NULL, json_extract(t.definition, '$.Description')
    FROM catalog_tables t
    WHERE coalesce(json_extract(t.definition, '$.Description'), '') <> '';

CREATE TRIGGER catalog_tables_terms_insert AFTER INSERT ON catalog_tables
BEGIN
    INSERT INTO catalog_search_terms (database_name, table_name, kind, position, column_name, term)
    SELECT database_name, table_name, kind, position, column_name, term FROM catalog_table_terms
    WHERE database_name = NEW.database_name AND table_name = NEW.name;
END;

CREATE TRIGGER catalog_tables_terms_update AFTER UPDATE OF definition ON catalog_tables
BEGIN
    DELETE FROM catalog_search_terms WHERE database_name = OLD.database_name AND table_name = OLD.name;
    INSERT INTO catalog_search_terms (database_name, table_name, kind, position, column_name, term)
    SELECT database_name, table_name, kind, position, column_name, term FROM catalog_table_terms
    WHERE database_name = NEW.database_name AND table_name = NEW.name;
END;

INSERT INTO catalog_search_terms (database_name, table_name, kind, position, column_name, term)
SELECT database_name, table_name, kind, position, column_name, term FROM catalog_table_terms;
