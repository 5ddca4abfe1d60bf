-- Placeholder on the jobs branch only, so that 0010_jobs follows without a gap: the mapping helper's 0009 (mappings)
-- replaces this file when the branches are merged.
SELECT 1;
