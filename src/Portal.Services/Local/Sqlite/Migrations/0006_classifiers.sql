-- Custom crawler classifiers (Glue's CreateClassifier input as JSON); crawlers name them in their definitions.
CREATE TABLE classifiers (
    name          TEXT    PRIMARY KEY,
    kind          TEXT    NOT NULL CHECK (kind IN ('Grok', 'Xml', 'Json', 'Csv')),
    definition    TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    creation_time INTEGER NOT NULL,
    last_updated  INTEGER NOT NULL,
    created_by    TEXT    NOT NULL,
    updated_by    TEXT    NOT NULL
) WITHOUT ROWID;
