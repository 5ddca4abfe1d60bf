-- The folders each successful crawl read files from, per crawler: CRAWL_NEW_FOLDERS_ONLY skips their files.
CREATE TABLE crawler_folders (
    crawler_name TEXT    NOT NULL REFERENCES crawlers (name) ON DELETE CASCADE,
    folder       TEXT    NOT NULL,
    run_id       TEXT    NOT NULL,
    PRIMARY KEY (crawler_name, folder)
) WITHOUT ROWID;
